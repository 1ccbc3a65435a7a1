/** Volunteer teams (志愿服务队, e.g. 银龄互助): a community's team with a captain who runs its activities like a community admin. */
import * as z from 'zod';
import { Id, Instant } from './common';

export const TeamDto = z.object({
  id: Id,
  communityId: Id,
  name: z.string(),
  description: z.string(),
  captainId: Id,
  captainName: z.string(),
  members: z.number().int().nonnegative(),
  /** Whether the caller is a member, and whether he is its captain. */
  mine: z.boolean(),
  captain: z.boolean(),
  createdAt: Instant,
});
export type TeamDto = z.infer<typeof TeamDto>;
export const CreateTeamBody = z.object({
  communityId: Id,
  name: z.string().trim().min(2, '请填写队伍名称').max(20, '名称最多 20 个字'),
  description: z.string().trim().max(200, '介绍最多 200 个字').default(''),
  /** The captain (队长): a registered resident of the community. */
  captainId: Id,
});
export const TeamParams = z.object({ id: Id });
export const TeamMemberParams = z.object({ id: Id, userId: Id });
export const TeamListQuery = z.object({ communityId: Id.optional() });
export const TeamResponse = z.object({ team: TeamDto });
export const TeamListResponse = z.object({ items: z.array(TeamDto) });
export const TeamMemberDto = z.object({ userId: Id, name: z.string(), joinedAt: Instant });
export const TeamMembersResponse = z.object({ items: z.array(TeamMemberDto) });
