/**
 * Family links (亲属关联): someone asks to look after a family member and gets a code; the member
 * (often an elder, with his own phone or with the grid worker's help) opens it and consents. Either
 * side can end the link at any time. Names are not copied into links: they are read when listed.
 */
import { FAMILY_RELATION_LABELS, type FamilyRelation } from '@linli/shared';
import type { z } from 'zod';
import type { CreateFamilyLinkBody, FamilyLinkCodeDto, FamilyLinkDto } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { MiniProgramCodes } from '../../platform/ports/mini-program-codes';
import type { FamilyCodeRecord, FamilyRepository, UserRepository } from '../ports';
import { invitationCode } from './invitation';

export interface FamilyDeps {
  family: FamilyRepository;
  users: UserRepository;
  randomBytes: (n: number) => Uint8Array;
  hash: (text: string) => string;
  codes: MiniProgramCodes;
}

/** The mini-program page where a family member consents (its QR and 小程序码 open it with the code). */
export const FAMILY_PAGE = 'packages/family/index';

/** A request can be consented to for a week. */
export const FAMILY_CODE_TTL_MS = 7 * 86400_000;

/** The relation seen from the other side: my parent sees me as his child. */
const INVERSE: Record<FamilyRelation, FamilyRelation> = { parent: 'child', child: 'parent', spouse: 'spouse', sibling: 'sibling', other: 'other' };

const status = (r: FamilyCodeRecord, now: Date): FamilyLinkCodeDto['status'] =>
  r.status === 'used' ? 'used' : Date.parse(r.expiresAt) <= now.getTime() ? 'expired' : 'open';

async function toCodeDto(deps: FamilyDeps, r: FamilyCodeRecord, now: Date): Promise<FamilyLinkCodeDto> {
  const requester = await deps.users.get(r.requesterId);
  return {
    code: r.code,
    relation: r.relation,
    relationLabel: FAMILY_RELATION_LABELS[r.relation],
    requesterName: requester?.realName ? requester.name : '微信用户',
    note: r.note,
    status: status(r, now),
    expiresAt: r.expiresAt,
    path: `${FAMILY_PAGE}?code=${r.code}`,
  };
}

/** Asks to look after a family member: a code for him to consent with (idempotent by key). */
export async function requestFamilyLink(
  deps: FamilyDeps,
  actor: Actor,
  body: z.output<typeof CreateFamilyLinkBody>,
  idempotencyKey: string,
  now: Date,
): Promise<{ request: FamilyLinkCodeDto; created: boolean }> {
  const claim = claimFor('identity.family', actor.userId, idempotencyKey, body, now, deps.hash);
  for (let attempt = 0; ; attempt++) {
    const record: FamilyCodeRecord = {
      code: invitationCode(deps.randomBytes(8)),
      requesterId: actor.userId,
      relation: body.relation,
      note: body.note ?? null,
      status: 'open',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + FAMILY_CODE_TTL_MS).toISOString(),
      usedBy: null,
    };
    try {
      const outcome = await deps.family.createCode(record, claim);
      if (outcome.created) return { request: await toCodeDto(deps, record, now), created: true };
      const earlier = await deps.family.getCode(replayOf(claim, outcome.receipt).code);
      if (!earlier) throw new NotFoundError('关联码');
      return { request: await toCodeDto(deps, earlier, now), created: false };
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'code_taken') || attempt >= 3) throw e;
    }
  }
}

async function requireCode(deps: FamilyDeps, code: string): Promise<FamilyCodeRecord> {
  const r = await deps.family.getCode(code);
  if (!r) throw new NotFoundError('关联码');
  return r;
}

export async function previewFamilyLink(deps: FamilyDeps, code: string, now: Date) {
  return toCodeDto(deps, await requireCode(deps, code), now);
}

/** The 小程序码 of the asker's open code, so the family member can open it with WeChat's own scanner. */
export async function familyMiniProgramCode(deps: FamilyDeps, actor: Actor, code: string, now: Date) {
  const r = await requireCode(deps, code);
  if (r.requesterId !== actor.userId) throw new ForbiddenError('只有发起人可以取得该关联码的二维码');
  if (status(r, now) !== 'open') throw new ConflictError('该关联码已使用或已过期', 'family_code_closed');
  return { image: await deps.codes.unlimited(FAMILY_PAGE, r.code), page: FAMILY_PAGE, scene: r.code };
}

/** The family member consents: from now on the requester looks after him. */
export async function consentFamilyLink(deps: FamilyDeps, actor: Actor, code: string, now: Date): Promise<FamilyLinkDto[]> {
  const r = await requireCode(deps, code);
  if (r.requesterId === actor.userId) throw new ConflictError('不能同意自己发起的关联，请让家人用他的微信打开', 'own_request');
  const s = status(r, now);
  if (s === 'used') throw new ConflictError('该关联码已被使用', 'family_code_used');
  if (s === 'expired') throw new ConflictError('该关联码已过期，请让家人重新发起', 'family_code_expired');
  const since = now.toISOString();
  await deps.family.link({ ...r, status: 'used', usedBy: actor.userId }, [
    { userId: r.requesterId, otherId: actor.userId, direction: 'carer', relation: r.relation, since },
    { userId: actor.userId, otherId: r.requesterId, direction: 'cared', relation: r.relation, since },
  ]);
  return listFamily(deps, actor);
}

/** My family links, both ways, with the other person's current name. */
export async function listFamily(deps: FamilyDeps, actor: Actor): Promise<FamilyLinkDto[]> {
  const links = await deps.family.linksOf(actor.userId);
  // The other people in one BatchGet (per 100), not a GetItem per link.
  const others = await deps.users.getMany([...new Set(links.map((l) => l.otherId))]);
  return links.map((l) => {
    const other = others.get(l.otherId);
    // The carer sees what the other is to him; the cared-for person sees the inverse.
    const relation = l.direction === 'carer' ? l.relation : INVERSE[l.relation];
    return {
      userId: l.otherId,
      name: other?.realName ? other.name : '微信用户',
      direction: l.direction,
      relation,
      relationLabel: FAMILY_RELATION_LABELS[relation],
      since: l.since,
    };
  });
}

/** Either side ends the link (the elder revokes his consent, or the carer stops). */
export async function endFamilyLink(deps: FamilyDeps, actor: Actor, otherId: string): Promise<FamilyLinkDto[]> {
  if (!(await deps.family.linksOf(actor.userId)).some((l) => l.otherId === otherId)) throw new NotFoundError('亲属关联');
  await deps.family.unlink(actor.userId, otherId);
  return listFamily(deps, actor);
}

/** Is `carerId` allowed to act for `userId` (book on his behalf)? */
export async function looksAfter(deps: Pick<FamilyDeps, 'family'>, carerId: string, userId: string): Promise<boolean> {
  return (await deps.family.linksOf(carerId)).some((l) => l.otherId === userId && l.direction === 'carer');
}
