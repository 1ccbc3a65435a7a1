/**
 * What a community publishes beside its categories: its duty lists (履职事项, 协助事项, and what it does
 * not handle with where to go instead), and where its staff are alerted of new and overdue items
 * (企业微信 group robots per community and grid).
 */
import * as z from 'zod';
import { Id, Instant } from './common';
import { Category } from './request';

const text = (label: string, max: number) =>
  z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).nullable().default(null);

/** One duty the community performs (履职事项) or assists with (协助事项). */
export const DutyItem = z.object({ name: text('事项名称', 60), note: optionalText('说明', 200) });
export type DutyItem = z.infer<typeof DutyItem>;

/** Something residents bring to the community that it does not handle, and where to go instead. */
export const NotHandledItem = z.object({
  name: text('事项名称', 60),
  /** The office that handles it (e.g. 峨眉山市人力资源和社会保障局劳动保障监察大队). */
  office: text('办理单位', 60),
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3,6})$/, '请填写手机号、座机号（如 0833-5512345）或热线号（如 12345）')
    .nullable()
    .default(null),
  address: optionalText('地址', 120),
  note: optionalText('说明', 200),
  /** Categories under which residents are pointed here when they pick one (e.g. 欠薪求助). */
  categoryIds: z.array(Id).max(20, '最多关联 20 个问题类别').default([]),
});
export type NotHandledItem = z.infer<typeof NotHandledItem>;

const LIST_MAX = 100;
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(LIST_MAX, `每份清单最多 ${LIST_MAX} 项`).default([]);

/** An edit of the duty lists: the whole lists, and the version the editor saw (0 when none was published). */
export const DutyListsBody = z.object({
  performs: list(DutyItem),
  assists: list(DutyItem),
  notHandled: list(NotHandledItem),
  version: z.number({ message: '缺少版本号' }).int('版本号必须是整数').min(0, '版本号不能为负'),
});
export type DutyListsBody = z.infer<typeof DutyListsBody>;

export const DutyLists = z.object({
  communityId: Id,
  /** 履职事项: duties the community performs itself. */
  performs: z.array(DutyItem),
  /** 协助事项: duties of departments the community assists with. */
  assists: z.array(DutyItem),
  /** 不属于社区办理: what it does not handle, each with where to go. */
  notHandled: z.array(NotHandledItem),
  /** 0 while none was published. */
  version: z.number().int(),
  updatedAt: Instant.nullable(),
  updatedByName: z.string().nullable(),
});
export type DutyLists = z.infer<typeof DutyLists>;
export const DutyListsResponse = z.object({ lists: DutyLists });
export type DutyListsResponse = z.infer<typeof DutyListsResponse>;
export const CommunityIdParams = z.object({ id: Id });

/** Where a WeCom group robot (企业微信群机器人) lives: its webhook URL with its key. */
export const WECOM_WEBHOOK_PATH = '/cgi-bin/webhook/send';
export const WECOM_WEBHOOK_BASE = `https://qyapi.weixin.qq.com${WECOM_WEBHOOK_PATH}`;
const Webhook = z.string().trim().max(300, '地址太长').url('请填写完整的机器人 Webhook 地址（以 https:// 开头）');

/** Where staff are alerted of new and overdue items: the community's robot and, optionally, one per grid. */
export const StaffAlertsBody = z.object({
  /** The community's robot: alerts of items in grids without their own, and of community-level items. */
  communityWebhook: Webhook.nullable().default(null),
  grids: z
    .array(z.object({ gridId: Id, webhook: Webhook }))
    .max(50, '最多 50 个网格')
    .default([])
    .refine((gs) => new Set(gs.map((g) => g.gridId)).size === gs.length, '每个网格只能设置一个机器人'),
  version: z.number({ message: '缺少版本号' }).int('版本号必须是整数').min(0, '版本号不能为负'),
});
export type StaffAlertsBody = z.infer<typeof StaffAlertsBody>;

export const StaffAlerts = z.object({
  communityId: Id,
  /** Webhook URLs hold the group's key: shown only to the community's admins, who set them. */
  communityWebhook: z.string().nullable(),
  grids: z.array(z.object({ gridId: Id, gridName: z.string().nullable(), webhook: z.string() })),
  version: z.number().int(),
  updatedAt: Instant.nullable(),
});
export type StaffAlerts = z.infer<typeof StaffAlerts>;
export const StaffAlertsResponse = z.object({ alerts: StaffAlerts });

/** Whether a category of a community is on the district's grid admission list (准入网格). */
export const CategoryAdmissionParams = z.object({ id: Id, categoryId: Id });
export const CategoryAdmissionBody = z.object({ gridAdmitted: z.boolean({ message: '请选择是否准入网格' }) });
export type CategoryAdmissionBody = z.infer<typeof CategoryAdmissionBody>;
export const CategoryResponse = z.object({ category: Category });
