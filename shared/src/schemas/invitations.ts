import * as z from 'zod';
import { Id, Instant } from './common';
import type { Role } from './identity';
import { INVITATION_CODE, INVITATION_CODE_ALPHABET, INVITATION_CODE_MESSAGE, normaliseInvitationCode } from '../plain/invitations';

/**
 * Staff and helpers join by invitation (邀请): a community or street admin invites someone to a role
 * and a place; the invitee opens the short code (or its QR) in WeChat, signs in and has the role.
 */

/** Invitation codes: 8 characters without look-alikes (../plain/invitations, with the check forms use without zod). */
export { INVITATION_CODE_ALPHABET };
export const InvitationCode = z.string().transform(normaliseInvitationCode).pipe(z.string().regex(INVITATION_CODE, INVITATION_CODE_MESSAGE));

/** Roles given by invitation (residents register themselves; riders declare themselves). */
export const INVITED_ROLES = [
  'grid_worker',
  'parttime_grid_worker',
  'building_leader',
  'community_admin',
  'station_keeper',
  'property_staff',
  'service_staff',
  'redemption_staff',
  'street_admin',
  'department_staff',
] as const satisfies readonly z.infer<typeof Role>[];
export const InvitedRole = z.enum(INVITED_ROLES, { message: '请选择要邀请的角色' });
export type InvitedRole = z.infer<typeof InvitedRole>;

export const CreateInvitationBody = z.object({
  role: InvitedRole,
  /** The community of the role (all roles but street_admin and department_staff). */
  communityId: Id.optional(),
  /** The grid (grid workers, part-time grid workers, building leaders). */
  gridId: Id.optional(),
  /** The street (street admins and department staff; defaults to the inviter's). */
  streetId: Id.optional(),
  /** The department (department staff). */
  departmentId: Id.optional(),
  /** What the role looks after, in words: 名山小区3栋 (building leader), 名山小区 (property staff). */
  label: z.string().trim().max(40, '最多 40 个字').optional(),
  /** Who is invited (shown to the admin in the list). */
  inviteeName: z.string().trim().min(2, '请填写被邀请人姓名').max(20, '姓名最多 20 个字'),
});
export type CreateInvitationBody = z.input<typeof CreateInvitationBody>;

export const INVITATION_STATUSES = ['open', 'accepted', 'revoked', 'expired'] as const;
export const InvitationStatus = z.enum(INVITATION_STATUSES);
export const INVITATION_STATUS_LABELS: Record<z.infer<typeof InvitationStatus>, string> = {
  open: '待接受',
  accepted: '已接受',
  revoked: '已撤销',
  expired: '已过期',
};

export const InvitationDto = z.object({
  code: z.string(),
  role: InvitedRole,
  roleLabel: z.string(),
  streetId: Id,
  communityId: Id.nullable(),
  gridId: Id.nullable(),
  departmentId: Id.nullable(),
  /** The place in words: 绥山镇 名山社区 第一网格 (名山小区3栋). */
  placeName: z.string(),
  label: z.string().nullable(),
  inviteeName: z.string(),
  invitedBy: Id,
  inviterName: z.string(),
  status: InvitationStatus,
  createdAt: Instant,
  expiresAt: Instant,
  acceptedBy: Id.nullable(),
  acceptedAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
  revokedBy: Id.nullable(),
  /** The mini-program page that accepts it (for the QR code). */
  path: z.string(),
});
export type InvitationDto = z.infer<typeof InvitationDto>;
export const InvitationResponse = z.object({ invitation: InvitationDto });
export const InvitationListResponse = z.object({ items: z.array(InvitationDto) });
export const InvitationParams = z.object({ code: InvitationCode });
export const InvitationListQuery = z.object({
  status: InvitationStatus.optional(),
  communityId: Id.optional(),
  /** A platform administrator names the street whose street-admin invitations he lists. */
  streetId: Id.optional(),
});

/**
 * A mini-program code (小程序码) for a code to hand over: WeChat's own scanner opens `page` with
 * `scene` (the code). `image` is a `data:` URL.
 */
export const MiniProgramCodeResponse = z.object({ image: z.string(), page: z.string(), scene: z.string() });
export type MiniProgramCodeResponse = z.infer<typeof MiniProgramCodeResponse>;

/** A rider says he is one (骑手认证 is the platform's; here he declares himself and names his platform). */
export const RIDER_PLATFORMS = ['meituan', 'eleme', 'sf', 'jd', 'other'] as const;
export const RIDER_PLATFORM_LABELS: Record<(typeof RIDER_PLATFORMS)[number], string> = {
  meituan: '美团',
  eleme: '饿了么',
  sf: '顺丰同城',
  jd: '京东',
  other: '其他平台',
};
export const RiderDeclarationBody = z.object({
  rider: z.boolean({ message: '请选择是否为骑手' }),
  platform: z.enum(RIDER_PLATFORMS, { message: '请选择配送平台' }).optional(),
});

/** A rider applies to help his grid as a part-time grid worker (兼职网格员); the community decides. */
export const CreateApplicationBody = z.object({
  gridId: Id,
  note: z.string().trim().min(2, '请简单说明（至少 2 个字）').max(200, '最多 200 个字'),
});
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const APPLICATION_STATUS_LABELS: Record<(typeof APPLICATION_STATUSES)[number], string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };
export const ApplicationDto = z.object({
  id: Id,
  userId: Id,
  applicantName: z.string(),
  role: z.literal('parttime_grid_worker'),
  gridId: Id,
  communityId: Id,
  placeName: z.string(),
  note: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  createdAt: Instant,
  decidedAt: Instant.nullable(),
  decisionNote: z.string().nullable(),
  /** The appointment made on approval (revoked through the invitations list). */
  invitationCode: z.string().nullable(),
});
export type ApplicationDto = z.infer<typeof ApplicationDto>;
export const ApplicationResponse = z.object({ application: ApplicationDto });
export const ApplicationListResponse = z.object({ items: z.array(ApplicationDto) });
export const ApplicationListQuery = z.object({ status: z.enum(APPLICATION_STATUSES).optional(), communityId: Id.optional() });
export const ApplicationParams = z.object({ id: Id });
export const DecisionBody = z.object({
  approve: z.boolean({ message: '请选择通过或不通过' }),
  note: z.string().trim().max(200, '最多 200 个字').optional(),
});
