import type { CreateFamilyLinkBody, FamilyLinkCodeResponse, FamilyLinksResponse } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const at = (code: string) => `/family-links/${encodeURIComponent(code)}`;

/**
 * Asks to look after a family member: a code (and the page path for its QR code) for him to open
 * with his own WeChat and consent. `idempotencyKey` is made once per request as written, so a
 * double tap or a retry makes one code (201 the first time, 200 on a replay).
 */
export const createFamilyLink = (body: z.input<typeof CreateFamilyLinkBody>, idempotencyKey: string) =>
  api<Out<typeof FamilyLinkCodeResponse>>('POST', '/family-links', { body, headers: { 'idempotency-key': idempotencyKey } });

/** Who asks and as what (anyone signed in who holds the code); 404 for an unknown code. */
export const fetchFamilyLink = (code: string) => api<Out<typeof FamilyLinkCodeResponse>>('GET', at(code));

/**
 * The family member consents: the asker looks after him from now on. Returns the consenting
 * person's links. 409 `own_request` / `family_code_used` / `family_code_expired`.
 */
export const consentFamilyLink = (code: string) => api<Out<typeof FamilyLinksResponse>>('POST', `${at(code)}/consent`);

/** My links both ways: `carer` (I look after this person) and `cared` (this person looks after me). */
export const fetchFamily = () => api<Out<typeof FamilyLinksResponse>>('GET', '/me/family');

/** Ends a link (either side, at any time; it cannot be undone). Returns my remaining links. */
export const endFamilyLink = (userId: string) => api<Out<typeof FamilyLinksResponse>>('POST', `/me/family/${encodeURIComponent(userId)}/revocation`);
