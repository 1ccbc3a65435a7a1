/** Keys of volunteer points: accounts with their lots and entries, sites and rewards, redemptions and codes, activities and sign-ups. */
import type { Key } from '../../platform/adapters/dynamodb/keys';

/** A person's account partition: META (balance), LOT#… (spendable lots by expiry), ENTRY#… (the ledger, ULIDs in time order), guards and counters. */
export const accountPartition = (userId: string): string => `ACCT#${userId}`;
export const accountKey = (userId: string): Key => ({ PK: accountPartition(userId), SK: 'META' });
export const LOT_PREFIX = 'LOT#';
export const lotKey = (userId: string, expiresOn: string, lotId: string): Key => ({ PK: accountPartition(userId), SK: `${LOT_PREFIX}${expiresOn}#${lotId}` });
export const ENTRY_PREFIX = 'ENTRY#';
export const entryKey = (userId: string, entryId: string): Key => ({ PK: accountPartition(userId), SK: `${ENTRY_PREFIX}${entryId}` });
/** One credit per person and source (activity, need, task): its existence is the guard. */
export const creditGuardKey = (userId: string, type: string, sourceId: string): Key => ({ PK: accountPartition(userId), SK: `CREDITED#${type}#${sourceId}` });
/** Points of one source type credited on one day (the daily cap). */
export const dayCapKey = (userId: string, day: string, type: string): Key => ({ PK: accountPartition(userId), SK: `DAYCAP#${day}#${type}` });
/** Redemptions of one reward in one month (the monthly limit). */
export const monthCountKey = (userId: string, month: string, rewardId: string): Key => ({ PK: accountPartition(userId), SK: `MONTH#${month}#${rewardId}` });
/** GSI3, sharded: lots by expiry date (the expiry task reads up to yesterday). */
export const lotsExpiring = (shard: number): string => `LOTEXP#${shard}`;

/** Leaderboards (per community, team or unit and quarter): one item per person, added to with each credit. */
export const boardKey = (scope: string, id: string, quarter: string, userId: string): Key => ({ PK: `BOARD#${scope}#${id}#${quarter}`, SK: `USER#${userId}` });

export const siteKey = (siteId: string): Key => ({ PK: `SITE#${siteId}`, SK: 'META' });
export const rewardKey = (siteId: string, rewardId: string): Key => ({ PK: `SITE#${siteId}`, SK: `REWARD#${rewardId}` });
/** GSI1: the sites of a community; GSI2: the sites of a street; GSI3: city-wide sites. */
export const sitesOfCommunity = (communityId: string): string => `COMMUNITY#${communityId}#SITES`;
export const sitesOfStreet = (streetId: string): string => `STREET#${streetId}#SITES`;
export const CITY_SITES = 'SITES#CITY';

export const redemptionKey = (id: string): Key => ({ PK: `REDEMPTION#${id}`, SK: 'META' });
/** A pickup code, unique at its site; it keeps pointing at its redemption after pickup (a second scan says when and by whom). */
export const pickupCodeKey = (siteId: string, code: string): Key => ({ PK: `PCODE#${siteId}#${code}`, SK: 'CODE' });
/** GSI1: a person's redemptions; GSI2: a site's (both newest last by creation). */
export const redemptionsOfUser = (userId: string): string => `USER#${userId}#REDEMPTIONS`;
export const redemptionsOfSite = (siteId: string): string => `SITE#${siteId}#REDEMPTIONS`;
/** GSI3, sharded: reserved redemptions by pickup deadline (the lapse task); removed once settled. */
export const uncollected = (shard: number): string => `UNCOLLECTED#${shard}`;

export const activityKey = (id: string): Key => ({ PK: `ACTIVITY#${id}`, SK: 'META' });
export const signupKey = (activityId: string, userId: string): Key => ({ PK: `ACTIVITY#${activityId}`, SK: `SIGNUP#${userId}` });
/** GSI1: a community's activities by start; a person's sign-ups by the activity's start. */
export const activitiesOfCommunity = (communityId: string): string => `COMMUNITY#${communityId}#ACTIVITIES`;
export const signupsOfUser = (userId: string): string => `USER#${userId}#SIGNUPS`;
/** Bank minutes a person gave his family in a year (the yearly cap). */
export const giftCountKey = (userId: string, year: string): Key => ({ PK: accountPartition(userId), SK: `GIFTS#${year}` });

export const needKey = (id: string): Key => ({ PK: `NEED#${id}`, SK: 'META' });
/** GSI1: a community's needs by status and time (open ones first read); GSI2 for whom; GSI3 taken by; GSI4 posted by. */
export const needsOfCommunity = (communityId: string): string => `COMMUNITY#${communityId}#NEEDS`;
export const needsOf = (as: 'requester' | 'poster' | 'volunteer', userId: string): string => `USER#${userId}#NEEDS#${as.toUpperCase()}`;
/** The person was told about his points expiring on a date (once per date). */
export const expiryNoticeKey = (userId: string, expiresOn: string): Key => ({ PK: accountPartition(userId), SK: `NOTICED#${expiresOn}` });

export const serviceReportKey = (id: string): Key => ({ PK: `SREPORT#${id}`, SK: 'META' });
/** GSI1: a community's pending reports (removed once decided); GSI2: a reporter's reports. */
export const pendingReportsOf = (communityId: string): string => `COMMUNITY#${communityId}#SREPORTS#PENDING`;
export const reportsOf = (userId: string): string => `USER#${userId}#SREPORTS`;
/** GSI1: the service recorded in a community (earned and reversed entries with a community), by time. */
export const serviceOfCommunity = (communityId: string): string => `COMMUNITY#${communityId}#SERVICE`;

/** Volunteer teams and 共建单位: the group and its member items in one partition. */
export type GroupKind = 'TEAM' | 'UNIT';
export const groupKey = (kind: GroupKind, id: string): Key => ({ PK: `${kind}#${id}`, SK: 'META' });
export const groupMemberKey = (kind: GroupKind, groupId: string, userId: string): Key => ({ PK: `${kind}#${groupId}`, SK: `MEMBER#${userId}` });
/** GSI1: a community's groups of a kind; a person's groups of a kind (member items). */
export const groupsOfCommunity = (kind: GroupKind, communityId: string): string => `COMMUNITY#${communityId}#${kind}S`;
export const groupsOfUser = (kind: GroupKind, userId: string): string => `USER#${userId}#${kind}S`;
