import type { Checked } from './check';

/** Invitation codes: 8 characters without look-alikes (no 0/O, 1/I/L). */
export const INVITATION_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE = /*#__PURE__*/ new RegExp(`^[${INVITATION_CODE_ALPHABET}]{8}$`);
export const INVITATION_CODE_MESSAGE = '邀请码为 8 位字母或数字';
/** A code as typed or read out: surrounding spaces dropped, lower case read as upper case. */
export const normaliseInvitationCode = (typed: string): string => typed.trim().toUpperCase();

/** The `InvitationCode` schema's check without zod (forms on tab pages). */
export function checkInvitationCode(typed: string): Checked<string> {
  const code = normaliseInvitationCode(typed);
  return INVITATION_CODE.test(code) ? { ok: true, value: code } : { ok: false, message: INVITATION_CODE_MESSAGE };
}
