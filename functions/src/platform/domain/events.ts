/**
 * Events one job leaves in the outbox for others (topics and payloads), named here so that no job
 * imports another: the job that emits and the jobs that handle both point down to this list.
 */

/** A user deleted his account: every job erases the name and phone it copied (at least once). */
export const USER_ERASED = 'identity.user_erased';
export interface UserErased {
  userId: string;
}

/** What stands where a deleted account's name was. */
export const ERASED_NAME = '已注销用户';

/**
 * Service that another job has verified and that earns points (以服务换服务): a hazard report that
 * proved real, a station duty done, a civility persuasion… The points job credits it once per
 * source (its handler is idempotent), choosing the amount for the kind.
 */
export const SERVICE_VERIFIED = 'points.service_verified';
export const SERVICE_KINDS = ['hazard_report', 'civility', 'station_duty', 'good_deed'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export interface ServiceVerified {
  userId: string;
  kind: ServiceKind;
  /** Where it came from, e.g. `request:01J…` (one credit per source). */
  sourceId: string;
  communityId: string | null;
  /** What the person did, in words for his ledger. */
  reason: string;
  /** Who verified it (staff), if a person. */
  verifiedBy: string | null;
}
