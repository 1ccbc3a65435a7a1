/**
 * The grid is a team (网格团队): a grid's members, some covering several grids (一员多格) and taking
 * only some category groups (specialties); the team's queue and claiming (认领); property companies
 * (物业公司) serving compounds and their figures side by side (红黑榜).
 */
import * as z from 'zod';
import { Id, Instant } from './common';
import { MetricsQuery } from './metrics';
import { RequestSummary } from './request';

/** The members a grid team is made of, as the cities name them. */
export const TEAM_ROLES = [
  'grid_leader',
  'grid_worker',
  'parttime_grid_worker',
  'police_officer',
  'auxiliary_police',
  'law_enforcement',
  'sanitation',
  'property_assistant',
] as const;
export const TeamRole = z.enum(TEAM_ROLES, { message: '请选择团队角色' });
export type TeamRole = z.infer<typeof TeamRole>;
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  grid_leader: '网格长',
  grid_worker: '专职网格员',
  parttime_grid_worker: '兼职网格员',
  police_officer: '社区民警',
  auxiliary_police: '辅警',
  law_enforcement: '执法队员',
  sanitation: '环卫',
  property_assistant: '物业网格助理',
};

/** Category groups a member takes (empty: every group). */
const Specialties = z
  .array(z.string().trim().min(1, '专长不能为空').max(20, '专长最多 20 个字'))
  .max(12, '最多 12 项专长')
  .default([]);
/** The grids a member covers (一员多格), all of one community. */
const GridIds = z.array(Id).min(1, '至少负责一个网格').max(8, '一人最多负责 8 个网格');

export const GridTeamMemberDto = z.object({
  userId: Id,
  name: z.string(),
  phone: z.string().nullable(),
  communityId: Id,
  teamRole: TeamRole,
  gridIds: z.array(Id),
  specialties: z.array(z.string()),
  addedAt: Instant,
  version: z.number().int(),
});
export type GridTeamMemberDto = z.infer<typeof GridTeamMemberDto>;

export const GridTeamParams = z.object({ id: Id });
export const GridTeamMemberParams = z.object({ id: Id, userId: Id });
export const GridTeamResponse = z.object({
  grid: z.object({ id: Id, name: z.string(), communityId: Id }),
  members: z.array(GridTeamMemberDto),
});
export type GridTeamResponse = z.infer<typeof GridTeamResponse>;

/** Adds a person of the community to the grid's team (he covers this grid and any `alsoGrids`). */
export const AddTeamMemberBody = z.object({
  userId: Id,
  teamRole: TeamRole,
  specialties: Specialties,
  /** Other grids of the same community he also covers (一员多格). */
  alsoGrids: z.array(Id).max(7, '一人最多负责 8 个网格').default([]),
});
export type AddTeamMemberBody = z.infer<typeof AddTeamMemberBody>;

/** Changes a member: role, specialties, the grids covered; `version` is the one the admin saw. */
export const ChangeTeamMemberBody = z.object({
  version: z.number().int('版本号必须是整数'),
  teamRole: TeamRole.optional(),
  specialties: Specialties.optional(),
  gridIds: GridIds.optional(),
});
export type ChangeTeamMemberBody = z.infer<typeof ChangeTeamMemberBody>;
export const GridTeamMemberResponse = z.object({ member: GridTeamMemberDto });
export const GridTeamRemovedResponse = z.object({ removed: z.boolean(), member: GridTeamMemberDto.nullable() });

/** One item in the team's queue: who claimed it (认领), and whether it is the caller. */
export const TeamQueueItem = RequestSummary.extend({
  version: z.number().int(),
  assigneeId: Id.nullable(),
  mine: z.boolean(),
});
export type TeamQueueItem = z.infer<typeof TeamQueueItem>;
export const TeamQueueResponse = z.object({
  /** The grids the caller covers and the groups he takes (empty: all). */
  grids: z.array(z.object({ id: Id, name: z.string() })),
  specialties: z.array(z.string()),
  items: z.array(TeamQueueItem),
});
export type TeamQueueResponse = z.infer<typeof TeamQueueResponse>;
export const ClaimBody = z.object({ version: z.number().int('版本号必须是整数') });

/** A property company (物业公司) and the compounds it serves in one community. */
export const PropertyCompanyDto = z.object({ id: Id, name: z.string(), compounds: z.array(z.string()) });
export type PropertyCompanyDto = z.infer<typeof PropertyCompanyDto>;
export const PropertyCompaniesResponse = z.object({ communityId: Id, items: z.array(PropertyCompanyDto) });

/** One company's figures over the period (from the per-unit counters; rates null when nothing to count). */
export const CompanyFigures = z.object({
  companyId: Id,
  name: z.string(),
  compounds: z.array(z.string()),
  filed: z.number().int(),
  resolved: z.number().int(),
  refused: z.number().int(),
  rated: z.number().int(),
  /** 按时办结率; 解决率 and 满意率 from the residents' latest answers (是否解决, 是否满意). */
  onTimeRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  /** The mean of the rates it has (null: nothing to rank it by). */
  score: z.number().nullable(),
});
export type CompanyFigures = z.infer<typeof CompanyFigures>;
export const PropertyBoardQuery = MetricsQuery;
/** 红黑榜: every company serving the community, best first; the best (红榜) and worst (黑榜) named. */
export const PropertyBoardResponse = z.object({
  communityId: Id,
  from: z.string(),
  to: z.string(),
  items: z.array(CompanyFigures),
  best: Id.nullable(),
  worst: Id.nullable(),
});
export type PropertyBoardResponse = z.infer<typeof PropertyBoardResponse>;
