import type {
  ApplicationListResponse,
  ApplicationResponse,
  ApplicationDto,
  CreateApplicationBody,
  DecisionBody,
  LoginResponse,
  RiderDeclarationBody,
} from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';
import { saveSession, type Session } from './session';

/**
 * Declares (or withdraws) being a rider, with the delivery platform. Roles live in the session
 * token, so the new token and user are stored exactly as after a login.
 */
export async function declareRider(body: z.input<typeof RiderDeclarationBody>): Promise<Session> {
  return saveSession(await api<Out<typeof LoginResponse>>('PUT', '/me/rider', { body }));
}

/**
 * A rider applies to be a part-time grid worker (兼职网格员) of a grid. `idempotencyKey` is made once
 * per application as written: a double tap or a retry makes one.
 */
export const applyAsGridHelper = (body: z.input<typeof CreateApplicationBody>, idempotencyKey: string) =>
  api<Out<typeof ApplicationResponse>>('POST', '/applications', { body, headers: { 'idempotency-key': idempotencyKey } });

/** A community's applications, newest first (community admins: theirs; street admins name the community). */
export const fetchApplications = (q: { status?: ApplicationDto['status']; communityId?: string } = {}) =>
  api<Out<typeof ApplicationListResponse>>('GET', '/applications', { query: q });

/** Approves (the rider is appointed at once, revocable in 人员邀请) or declines. 409 `application_decided`. */
export const decideApplication = (id: string, body: z.input<typeof DecisionBody>) =>
  api<Out<typeof ApplicationResponse>>('POST', `/applications/${encodeURIComponent(id)}/decision`, { body });
