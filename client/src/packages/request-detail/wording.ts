/**
 * Words of the request page that are worth testing on their own (pure: no Taro): what an
 * irreversible step will do, asked before it is sent; what a refused step means once the item is
 * read again; what a shared item says in the chat.
 */
import { LEVEL_LABELS, type Level, REQUEST_STATUS_LABELS, type RequestDetail } from '@linli/shared';

/** A question before an irreversible step: what will happen, in words. `confirmText` keeps to WeChat's 4 characters. */
export interface Confirmation {
  title: string;
  content: string;
  confirmText: string;
}

/** The level an escalation sends the item to (null: none above; the street dispatches to departments instead). */
export function levelAbove(r: Pick<RequestDetail, 'level' | 'gridId'>): Level | null {
  switch (r.level) {
    case 'property':
      return r.gridId ? 'grid' : 'community';
    case 'grid':
      return 'community';
    case 'community':
      return 'street';
    default:
      return null;
  }
}

const quoted = (s: string, max = 24) => `“${s.length > max ? `${s.slice(0, max)}…` : s}”`;

export const confirmations = {
  refuse: (reason: string): Confirmation => ({
    title: '确认退单？',
    content: `事项将退回派给您的上一环节重新分派，本单位不再办理。退单理由：${reason}`,
    confirmText: '退单',
  }),
  escalate: (r: Pick<RequestDetail, 'level' | 'gridId'>, reason: string): Confirmation => {
    const up = levelAbove(r);
    return {
      title: '确认上报？',
      content: `事项将上报到${up ? LEVEL_LABELS[up] : '上一级'}办理，本单位不再办理。上报原因：${reason}`,
      confirmText: '上报',
    };
  },
  handOver: (gridName: string): Confirmation => ({
    title: '确认转交？',
    content: `事项将转交给${gridName}办理，本网格不再办理。`,
    confirmText: '转交',
  }),
  assign: (gridName: string): Confirmation => ({
    title: '确认分派？',
    content: `事项将分派给${gridName}办理，由该网格受理。`,
    confirmText: '分派',
  }),
  dispatch: (lead: string, others: string[]): Confirmation => ({
    title: '确认派单？',
    content: `事项将派往${lead}牵头办理${others.length ? `，${others.join('、')}协同` : ''}，各部门需报到。`,
    confirmText: '派单',
  }),
  merge: (survivor: string): Confirmation => ({
    title: '确认合并？',
    content: `本事项将并入${quoted(survivor)}一并办理，不再单独办理，反映人改为跟进那件事项。合并后不能撤销。`,
    confirmText: '合并',
  }),
  resolve: (result: string): Confirmation => ({
    title: '确认办结？',
    content: `办结后将请反映人评价，不满意会重新办理。办理结果：${quoted(result, 60)}`,
    confirmText: '办结',
  }),
  withdraw: (): Confirmation => ({
    title: '确认撤回？',
    content: '撤回后网格员不再办理这件事，撤回后不能恢复；问题如仍存在，需要重新反映。',
    confirmText: '撤回',
  }),
};

/** An instant as China time, 12月8日 18:00 (the 12345 platform's deadlines). */
export function chinaDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}

/** The end of a China day picked in the date picker (18:00, when working-day deadlines end) as an instant. */
export const endOfChinaWorkday = (date: string): string => new Date(`${date}T18:00:00+08:00`).toISOString();

export const hotlineConfirmations = {
  returnToHotline: (reason: string): Confirmation => ({
    title: '确认退回热线？',
    content: `工单将退回12345热线平台，本街道不再办理，退回理由会发送给热线平台。退回理由：${reason}`,
    confirmText: '退回',
  }),
  extension: (date: string, reason: string): Confirmation => ({
    title: '确认申请延期？',
    content: `将向12345热线平台申请把时限延至${chinaDateTime(endOfChinaWorkday(date))}，平台同意前仍按原时限办理。延期理由：${reason}`,
    confirmText: '申请',
  }),
};

/** Shown on the page when a step was refused because the item had moved on, and it was read again. */
export const CHANGED = '该事项已有变化，已为您刷新';
/** Shown instead of the page when, read again, the item is no longer the viewer's to see. */
export const MOVED_AWAY = '该事项已有变化，已转由其他单位办理，您已不能查看';

/**
 * Whether a step refused with 403 or 409 was refused because the item moved on (another level took
 * it, its status changed) since the viewer read it: its version is not the one he saw.
 */
export const hasMovedOn = (seen: Pick<RequestDetail, 'version'>, fresh: Pick<RequestDetail, 'version'>): boolean => fresh.version !== seen.version;

/**
 * What a shared item says in the chat and where it opens: the category and status only — never the
 * reporter's name, phone, address or words (a resident shares his own item to his family or group).
 */
export function requestShare(r: Pick<RequestDetail, 'id' | 'categoryName' | 'status'>): { title: string; path: string } {
  return {
    title: `${r.categoryName} · ${REQUEST_STATUS_LABELS[r.status]}`,
    path: `/packages/request-detail/index?id=${encodeURIComponent(r.id)}`,
  };
}
