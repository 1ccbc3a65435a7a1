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
