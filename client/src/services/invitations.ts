import type {
  CreateInvitationBody,
  InvitationListResponse,
  InvitationResponse,
  InvitationDto,
  LoginResponse,
} from '@linli/shared';
import { api, type Out } from './request';
import { saveSession, type Session } from './session';

type Status = InvitationDto['status'];
const at = (code: string) => `/invitations/${encodeURIComponent(code)}`;

/**
 * Invites someone to a role and a place (admins). `idempotencyKey` is made once per invitation as
 * written, so a double tap or a retry makes one invitation (201 the first time, 200 on a replay).
 */
export const createInvitation = (body: CreateInvitationBody, idempotencyKey: string) =>
  api<Out<typeof InvitationResponse>>('POST', '/invitations', { body, headers: { 'idempotency-key': idempotencyKey } });

/** The admin's invitations, newest first: a community admin's community, a street admin's street (or one community of it). */
export const fetchInvitations = (q: { status?: Status; communityId?: string } = {}) =>
  api<Out<typeof InvitationListResponse>>('GET', '/invitations', { query: q });

/** What an invitation offers (anyone signed in who holds the code). */
export const fetchInvitation = (code: string) => api<Out<typeof InvitationResponse>>('GET', at(code));

/**
 * Accepts an invitation: the role and its place come with a new session token, stored exactly as
 * after a login. 409 `invitation_used` / `invitation_revoked` / `invitation_expired` / `already_appointed`.
 */
export async function acceptInvitation(code: string): Promise<Session> {
  return saveSession(await api<Out<typeof LoginResponse>>('POST', `${at(code)}/acceptance`));
}

/** Revokes an invitation (admins); an accepted one takes the role back at once. */
export const revokeInvitation = (code: string) => api<Out<typeof InvitationResponse>>('POST', `${at(code)}/revocation`);
