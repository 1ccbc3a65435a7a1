/**
 * 共建单位 (units registered with a community, 在职党员双报到): the community's units (staff also see
 * each unit's report-in code), registering one, a member reporting in with the code, and the
 * service per unit in a quarter. Every answer is parsed with the shared schemas.
 */
import type { CreateUnitBody, UnitListResponse, UnitReportResponse, UnitResponse } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const unitAt = (id: string) => `/units/${encodeURIComponent(id)}`;

/**
 * The units of a community (mine when not given), each with whether I reported in (`mine`); the
 * six-digit `joinCode` only for the community's staff. 400 with field `communityId` before I said
 * where I live.
 */
export const fetchUnits = (communityId?: string) => api<Out<typeof UnitListResponse>>('GET', '/units', { query: { communityId } });

/** Registers a unit with a community (community or street admins), once per key: the unit with its report-in code. */
export const createUnit = (body: z.input<typeof CreateUnitBody>, idempotencyKey: string) =>
  api<Out<typeof UnitResponse>>('POST', '/units', { body, headers: { 'idempotency-key': idempotencyKey } });

/** Reports in (报到) as a member with the unit's code; a wrong code is a 400 on field `code`; a second time changes nothing. */
export const reportInUnit = (id: string, code: string) => api<Out<typeof UnitResponse>>('POST', `${unitAt(id)}/membership`, { body: { code } });

/** Service per unit of a community in a quarter (e.g. 2026Q4; this one when not given), for its staff. */
export const fetchUnitReport = (communityId: string, quarter?: string) =>
  api<Out<typeof UnitReportResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/unit-report`, { query: { quarter } });
