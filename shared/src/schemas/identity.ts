import * as z from 'zod';
import { Id, LatLng } from './common';
import { ROLES, ROLE_LABELS } from '../plain/identity';

export { ROLES, ROLE_LABELS };
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(Role).min(1),
  streetId: Id.nullable(),
  communityId: Id.nullable(),
  gridId: Id.nullable(),
  phoneMasked: z.string().nullable(),
  /** The home address given at registration (楼栋 单元 房号), null before registering. */
  address: z.string().nullable(),
  /** Whether a real name was given (needed to file a request or book). */
  realName: z.boolean(),
  /** Whether the grid worker confirmed the address (已核实). */
  verified: z.boolean(),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  code: z.string().trim().min(1, '缺少登录凭证 code').max(128, '登录凭证过长'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: User,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: User });

export const Contact = z.object({
  userId: Id,
  name: z.string(),
  role: z.enum(['grid_leader', 'grid_worker']),
  phone: z.string(),
});

/** Public grid information (公示网格信息): boundary and who to call. */
export const GridInfo = z.object({
  id: Id,
  name: z.string(),
  communityId: Id,
  communityName: z.string(),
  streetName: z.string(),
  households: z.number().int().nonnegative(),
  boundary: z.array(LatLng),
  contacts: z.array(Contact),
});
export type GridInfo = z.infer<typeof GridInfo>;
export const MyGridResponse = z.object({ grid: GridInfo });
/** A grid's public notice board (公示牌), opened by its printed code. */
export const GridBoardResponse = z.object({ grid: GridInfo });

export const CommunityDto = z.object({
  id: Id,
  name: z.string(),
  streetId: Id,
  grids: z.array(z.object({ id: Id, name: z.string() })),
});
export const CommunitiesResponse = z.object({ items: z.array(CommunityDto) });
