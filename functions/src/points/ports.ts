/** What the points job stores: accounts, lots and entries (the ledger), sites and rewards, redemptions, activities. */
import type { ActivityReward, EntryKind, NeedKind, NeedStatus, RedemptionStatus, SignupStatus, SourceType } from '@linli/shared';
import type { IdempotencyClaim, IdempotencyReceipt, Once } from '../platform/domain/idempotency';

/** A person's account: spendable points (always the sum of his live lots) and service given. */
export interface AccountRecord {
  userId: string;
  balance: number;
  servedMinutes: number;
  /** Time-bank minutes (banked service and gifts, less payments). */
  bankMinutes: number;
}

/** Points earned together, spendable until `expiresOn` (inclusive, Asia/Shanghai); spent oldest expiry first. */
export interface LotRecord {
  id: string;
  userId: string;
  remaining: number;
  expiresOn: string;
  earnedAt: string;
}

/** One line of the append-only ledger. */
export interface EntryRecord {
  id: string;
  userId: string;
  at: string;
  kind: EntryKind;
  points: number;
  /** Service-record minutes. */
  minutes: number;
  /** Time-bank minutes. */
  bank: number;
  reason: string;
  source: { type: SourceType; id: string };
  actorId: string | null;
  verified: boolean;
  /** The lots this entry added to or took from (a refund or reversal puts back or takes the same). */
  lots: { id: string; expiresOn: string; points: number }[];
  /** The community the work was for (leaderboards), if any. */
  communityId: string | null;
  /** The volunteer team whose activity it was (the team's board), if any. */
  teamId?: string | null;
  /** The 共建单位 the person served for (their boards), if any. */
  unitIds?: string[];
  reversedBy: string | null;
}

/** A credit to write: the entry, its new lot, and the guards that make it happen once and within the cap. */
export interface CreditPlan {
  entry: EntryRecord;
  /** The new lots (none when the credit carries no points: hours only, or capped to zero). */
  lots: LotRecord[];
  /** The day's points of this source type before the credit (the cap counter's value seen), and the day. */
  cap: { day: string; seen: number } | null;
  /** The community leaderboard and quarter (2026Q4) the credit counts on; null for refunds. */
  board: Board | null;
}

/** Where an entry's points and minutes count on the quarterly leaderboard. */
export interface Board {
  communityId: string;
  quarter: string;
  /** The team's board too, for service in a team's activity. */
  teamId?: string | null;
  /** The boards of the 共建单位 the person belongs to in that community. */
  unitIds?: string[];
}

/** A spend to write: the entry and what it takes from each lot (the lot's `remaining` as read). */
export interface SpendPlan {
  entry: EntryRecord;
  takes: { lot: LotRecord; take: number }[];
  /** A reversed credit comes off the leaderboard it counted on. */
  board?: Board | null;
}

export interface LedgerRepository {
  account(userId: string): Promise<AccountRecord>;
  /** Live lots (remaining > 0), soonest expiry first. */
  lots(userId: string): Promise<LotRecord[]>;
  /** The account and its live lots, read together (one request). */
  accountWithLots(userId: string): Promise<{ account: AccountRecord; lots: LotRecord[] }>;
  entries(userId: string, cursor: string | undefined, limit: number): Promise<{ items: EntryRecord[]; nextCursor: string | null }>;
  entry(userId: string, entryId: string): Promise<EntryRecord | null>;
  /** Points of one source type credited to the user on a day (the daily cap's counter). */
  creditedOn(userId: string, day: string, type: SourceType): Promise<number>;
  /**
   * Writes a credit once per (user, source): false when that source was credited before.
   * ConflictError `cap_changed` when the day's counter moved since it was read.
   */
  credit(plan: CreditPlan): Promise<boolean>;
  /** Writes a credit once per idempotency key (a hand-added credit). */
  creditOnce(plan: CreditPlan, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** Reverses an entry (marks it reversed, writes the reversing entry) in one transaction. */
  reverse(original: EntryRecord, reversal: SpendPlan | CreditPlan): Promise<void>;
  /**
   * Gives bank minutes to family: the giver's entry (never below zero) and the receiver's, in one
   * transaction with the giver's yearly count (never beyond `cap`); once per key.
   */
  transfer(out: SpendPlan, into: CreditPlan, year: string, cap: number, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** Bank minutes the user gave away in a year. */
  givenIn(userId: string, year: string): Promise<number>;
  /** Service entries of a community between two instants, oldest first, at most `limit`. */
  serviceOf(communityId: string, fromIso: string, toIso: string, limit: number): Promise<EntryRecord[]>;
  /** A community's (or team's) quarterly board: points and minutes earned per person. */
  board(scope: 'COMMUNITY' | 'TEAM' | 'UNIT', id: string, quarter: string): Promise<{ userId: string; points: number; minutes: number }[]>;
  /** Who of these people hide their names on boards. */
  hidingAmong(userIds: readonly string[]): Promise<Set<string>>;
  setHideName(userId: string, hide: boolean): Promise<void>;
  /** Records that the person was told about his points expiring on a date; false when he was already. */
  markExpiryNoticed(userId: string, expiresOn: string): Promise<boolean>;
  /** Lots due to expire before `day` (the expiry task), at most `limit`. */
  expiringBefore(day: string, limit: number): Promise<LotRecord[]>;
  /** Expires what is left of a lot; false when it changed meanwhile. */
  expire(lot: LotRecord, entry: EntryRecord): Promise<boolean>;
}

export interface SiteRecord {
  id: string;
  name: string;
  communityId: string;
  streetId: string;
  address: string;
  hours: string;
  serves: 'community' | 'street' | 'city';
  holdDays: number;
  createdAt: string;
}

export interface RewardRecord {
  id: string;
  siteId: string;
  name: string;
  description: string;
  picture: string | null;
  cost: number;
  stock: number;
  monthlyLimit: number | null;
  releaseAt: string | null;
  active: boolean;
}

export interface RedemptionRecord {
  id: string;
  userId: string;
  siteId: string;
  rewardId: string;
  rewardName: string;
  cost: number;
  code: string;
  status: RedemptionStatus;
  /** The month (YYYY-MM, Asia/Shanghai) it counts in for the monthly limit. */
  month: string;
  createdAt: string;
  collectBy: string;
  collectedAt: string | null;
  collectedBy: string | null;
  /** The spend entry (a cancel or lapse refunds its lots). */
  entryId: string;
  version: number;
}

export interface SiteRepository {
  get(id: string): Promise<SiteRecord | null>;
  /** Several sites by id, read together (the ones not found are left out). */
  getMany(ids: readonly string[]): Promise<Map<string, SiteRecord>>;
  rewards(siteId: string): Promise<RewardRecord[]>;
  reward(siteId: string, rewardId: string): Promise<RewardRecord | null>;
  create(site: SiteRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** Adds a new reward once per idempotency claim (a replay stores nothing and returns the first reward's id). */
  createReward(reward: RewardRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** Edits a reward (the stock as given). */
  /** Writes a reward over the stored one if its stock is still `stockWas`; false when it moved meanwhile. */
  replaceReward(reward: RewardRecord, stockWas: number): Promise<boolean>;
  /** Sites a person may use: his community's, his street's street-wide ones, and city-wide ones. */
  sitesFor(place: { communityId: string | null; streetId: string | null }): Promise<SiteRecord[]>;
  ofCommunity(communityId: string): Promise<SiteRecord[]>;
}

export interface RedemptionRepository {
  get(id: string): Promise<RedemptionRecord | null>;
  /** What an earlier redemption with this key produced, if any. */
  receipt(claim: IdempotencyClaim): Promise<IdempotencyReceipt<{ id: string }> | null>;
  byCode(siteId: string, code: string): Promise<RedemptionRecord | null>;
  /** How many of a reward the user holds this month (not cancelled or lapsed). */
  mine(userId: string, limit: number): Promise<RedemptionRecord[]>;
  ofSite(siteId: string, limit: number): Promise<RedemptionRecord[]>;
  /**
   * In one transaction with the receipt: the spend, the stock (never below zero), the month's
   * count (within the limit), the redemption and its code. Named conflicts: insufficient_points,
   * lots_changed, out_of_stock, monthly_limit, code_taken.
   */
  redeem(r: RedemptionRecord, spend: SpendPlan, reward: RewardRecord, claim: IdempotencyClaim, consents?: readonly string[]): Promise<Once<{ id: string }>>;
  /** Cancel or lapse: status changes from reserved, the points go back (as `refund`), the stock and month's count return. */
  release(r: RedemptionRecord, status: 'cancelled' | 'lapsed', refund: CreditPlan, at: string): Promise<void>;
  /** Marks collected once; ConflictError `already_collected` (or another status) otherwise. */
  collect(r: RedemptionRecord, by: string, at: string): Promise<void>;
  /** Reserved redemptions whose pickup time has passed (the lapse task). */
  overdue(now: string, limit: number): Promise<RedemptionRecord[]>;
}

export interface ActivityRecord {
  id: string;
  communityId: string;
  streetId: string;
  title: string;
  description: string;
  place: string;
  start: string;
  end: string;
  places: number;
  taken: number;
  reward: ActivityReward;
  joiners: 'anyone' | 'volunteers' | 'team' | 'unit';
  /** The volunteer team whose activity it is, its name and its captain when published (who runs it too). */
  teamId: string | null;
  teamName: string | null;
  captainId: string | null;
  /** A 共建单位's standing post (岗位), if it is one. */
  unitId?: string | null;
  unitName?: string | null;
  organiserId: string;
  organiserName: string;
  checkInCode: string;
  status: 'open' | 'cancelled';
  createdAt: string;
}

export interface SignupRecord {
  activityId: string;
  userId: string;
  status: SignupStatus;
  signedUpAt: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  points: number | null;
  minutes: number | null;
  /** The activity's start, for the person's own list. */
  start: string;
}

export interface ActivityRepository {
  get(id: string): Promise<ActivityRecord | null>;
  /** The activities found of these ids (consistent; one request per 100), in no order. */
  getMany(ids: readonly string[]): Promise<ActivityRecord[]>;
  /** The activity and these people's sign-ups (by user id), read together (one request for up to 99 people). */
  withSignupsOf(id: string, userIds: readonly string[]): Promise<{ activity: ActivityRecord | null; signups: Map<string, SignupRecord> }>;
  /** The activity and all its sign-ups, read together. */
  withSignups(id: string): Promise<{ activity: ActivityRecord | null; signups: SignupRecord[] }>;
  create(a: ActivityRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  ofCommunity(communityId: string, fromIso: string, limit: number): Promise<ActivityRecord[]>;
  signup(activityId: string, userId: string): Promise<SignupRecord | null>;
  signups(activityId: string): Promise<SignupRecord[]>;
  signupsOf(userId: string, limit: number): Promise<SignupRecord[]>;
  /** Marks the activity cancelled (sign-ups are refused from then on). */
  cancel(id: string): Promise<void>;
  /** Takes a place (never beyond `places`) and writes the sign-up; ConflictError `activity_full` / `already_signed_up`. */
  join(a: ActivityRecord, s: SignupRecord): Promise<void>;
  /** Gives the place back; ConflictError when the sign-up is no longer `signed_up`. */
  withdraw(a: ActivityRecord, s: SignupRecord): Promise<void>;
  /** Stores a check-in or check-out on the status read. */
  updateSignup(next: SignupRecord, expected: SignupRecord['status']): Promise<void>;
  /** Confirms attendance and credits it in one transaction; false when it was confirmed before. */
  confirm(next: SignupRecord, expected: SignupRecord['status'], credit: CreditPlan): Promise<boolean>;
}

/** A resident's need (居民点单) and who served it. */
export interface NeedRecord {
  id: string;
  communityId: string;
  streetId: string;
  kind: NeedKind;
  title: string;
  description: string;
  when: string;
  place: string;
  minutes: number;
  payWithHours: boolean;
  status: NeedStatus;
  requesterId: string;
  /** Who posted it for the requester (a carer), or null when he posted it himself. */
  postedBy: string | null;
  /** A neighbour without a smartphone the poster (building leader) acts for; then the poster is the requester on record. */
  neighbour?: { name: string; phone: string; address: string } | null;
  volunteerId: string | null;
  doneNote: string | null;
  rating: { score: number; comment: string | null } | null;
  paidMinutes: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NeedRepository {
  get(id: string): Promise<NeedRecord | null>;
  create(n: NeedRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** Open needs of a community, soonest first. */
  openIn(communityId: string, limit: number): Promise<NeedRecord[]>;
  /** Needs for the user, posted by him for others, or taken by him (newest first). */
  ofUser(userId: string, as: 'requester' | 'poster' | 'volunteer', limit: number): Promise<NeedRecord[]>;
  /** Stores a change on the version read; ConflictError `need_changed` when someone else changed it first. */
  update(next: NeedRecord, expectedVersion: number): Promise<void>;
  /** Confirms: the need, the volunteer's credit and the requester's payment in hours, in one transaction. */
  confirm(next: NeedRecord, expectedVersion: number, credit: CreditPlan, payment: SpendPlan | null): Promise<void>;
}

/** Service someone reported for staff to approve (a civility persuasion, a station duty, a good deed). */
export interface ServiceReportRecord {
  id: string;
  communityId: string;
  streetId: string;
  kind: 'civility' | 'station_duty' | 'good_deed';
  description: string;
  photos: string[];
  occurredOn: string;
  reporterId: string;
  doerName: string | null;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decisionNote: string | null;
  creditedUserId: string | null;
  points: number | null;
  createdAt: string;
  version: number;
}

export interface ServiceReportRepository {
  get(id: string): Promise<ServiceReportRecord | null>;
  create(r: ServiceReportRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** A community's reports waiting for review (oldest first), or a person's own (newest first). */
  pendingIn(communityId: string, limit: number): Promise<ServiceReportRecord[]>;
  ofReporter(userId: string, limit: number): Promise<ServiceReportRecord[]>;
  /** Stores the decision on a pending report with its credit, in one transaction; ConflictError `already_decided` otherwise. */
  decide(next: ServiceReportRecord, credit: CreditPlan | null): Promise<void>;
}

/** A volunteer team (志愿服务队) of a community, with its captain (队长). */
export interface TeamRecord {
  id: string;
  communityId: string;
  streetId: string;
  name: string;
  description: string;
  captainId: string;
  members: number;
  createdAt: string;
}

/** A volunteer team or a 共建单位: a group of a community whose members join and leave, counted with each change. */
export interface GroupRepository<T extends { id: string; communityId: string }> {
  get(id: string): Promise<T | null>;
  /** The group (with its first member, e.g. the captain), once per key. */
  create(g: T, claim: IdempotencyClaim, firstMember?: string): Promise<Once<{ id: string }>>;
  ofCommunity(communityId: string): Promise<T[]>;
  members(groupId: string): Promise<{ userId: string; joinedAt: string }[]>;
  isMember(groupId: string, userId: string): Promise<boolean>;
  /** Adds a member (counted once); false when he already was one. */
  join(groupId: string, userId: string, at: string): Promise<boolean>;
  /** Removes a member; false when he was not one. */
  leave(groupId: string, userId: string): Promise<boolean>;
  /** The groups of this kind the user belongs to. */
  groupsOf(userId: string): Promise<string[]>;
}
export type TeamRepository = GroupRepository<TeamRecord>;
export type UnitRepository = GroupRepository<UnitRecord>;

/** A 共建单位 registered with a community; its members report in with its code. */
export interface UnitRecord {
  id: string;
  communityId: string;
  streetId: string;
  name: string;
  contact: string;
  joinCode: string;
  members: number;
  createdAt: string;
}
