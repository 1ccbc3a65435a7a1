import * as z from 'zod';
import { Id, Instant } from './common';
import { InvitationCode } from './invitations';

/**
 * Family links (亲属关联): a resident (say a child living elsewhere) asks to look after a family
 * member (say an elder parent); the elder consents with the code, and can revoke at any time.
 * Booking on behalf and the time bank use these links.
 */
export const FAMILY_RELATIONS = ['parent', 'child', 'spouse', 'sibling', 'other'] as const;
export const FamilyRelation = z.enum(FAMILY_RELATIONS, { message: '请选择亲属关系' });
/** How the one asked is related to the one asking (the elder is the asker's 父母…). */
export const FAMILY_RELATION_LABELS: Record<z.infer<typeof FamilyRelation>, string> = {
  parent: '父母',
  child: '子女',
  spouse: '配偶',
  sibling: '兄弟姐妹',
  other: '其他亲属',
};

export const CreateFamilyLinkBody = z.object({
  /** What the person asked is to the asker (父母 when a child asks to look after a parent). */
  relation: FamilyRelation,
  /** How the asker is called, shown to the one asked: 女儿 王小红. */
  note: z.string().trim().max(30, '最多 30 个字').optional(),
});

export const FamilyLinkCodeDto = z.object({
  code: z.string(),
  relation: FamilyRelation,
  relationLabel: z.string(),
  requesterName: z.string(),
  note: z.string().nullable(),
  status: z.enum(['open', 'used', 'expired']),
  expiresAt: Instant,
  /** The mini-program page that opens it (for a QR code). */
  path: z.string(),
});
export const FamilyLinkCodeResponse = z.object({ request: FamilyLinkCodeDto });
export const FamilyCodeParams = z.object({ code: InvitationCode });

/** A link as one side sees it: the other person and who looks after whom. */
export const FamilyLinkDto = z.object({
  userId: Id,
  name: z.string(),
  /** `carer`: I look after this person; `cared`: this person looks after me. */
  direction: z.enum(['carer', 'cared']),
  relation: FamilyRelation,
  relationLabel: z.string(),
  since: Instant,
});
export const FamilyLinksResponse = z.object({ items: z.array(FamilyLinkDto) });
export const FamilyMemberParams = z.object({ userId: Id });
export type FamilyRelation = z.infer<typeof FamilyRelation>;
export type FamilyLinkCodeDto = z.infer<typeof FamilyLinkCodeDto>;
export type FamilyLinkDto = z.infer<typeof FamilyLinkDto>;
