/**
 * Units that register with a community (共建单位: the workplaces of working party members who report
 * in, 在职党员双报到): members report in with the unit's code, claim standing posts (weekly duties,
 * published as a series of activities for the unit), and the community reports service per unit.
 */
import * as z from 'zod';
import { Id, Instant } from './common';

export const UnitDto = z.object({
  id: Id,
  communityId: Id,
  name: z.string(),
  contact: z.string(),
  members: z.number().int().nonnegative(),
  /** Members report in with this code (shown to community staff only). */
  joinCode: z.string().nullable(),
  mine: z.boolean(),
  createdAt: Instant,
});
export type UnitDto = z.infer<typeof UnitDto>;
export const CreateUnitBody = z.object({
  communityId: Id,
  name: z.string().trim().min(2, '请填写单位名称').max(40, '名称最多 40 个字'),
  contact: z.string().trim().max(40, '联系人最多 40 个字').default(''),
});
export const UnitParams = z.object({ id: Id });
export const UnitListQuery = z.object({ communityId: Id.optional() });
export const ReportInBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '报到码为 6 位数字') });
export const UnitResponse = z.object({ unit: UnitDto });
export const UnitListResponse = z.object({ items: z.array(UnitDto) });
export const UnitReportQuery = z.object({ quarter: z.string().regex(/^\d{4}Q[1-4]$/, '季度格式应为 2026Q4').optional() });
/** Service per unit in a quarter: its members' points and hours earned in the community. */
export const UnitReportResponse = z.object({
  communityId: Id,
  quarter: z.string(),
  items: z.array(z.object({ unitId: Id, name: z.string(), members: z.number().int(), serving: z.number().int(), points: z.number().int(), minutes: z.number().int() })),
});
