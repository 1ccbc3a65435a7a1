import type { AddressInput, FamilyRelation, Role } from '@linli/shared';
import type { IdempotencyClaim, Once } from '../platform/domain/idempotency';
import type { OutboxEntry, OutboxMessage } from '../platform/domain/outbox';
import type { InvitationRecord } from './domain/invitation';
import type { StreetMap } from './domain/street-map';

/** A stored user. */
export interface UserRecord {
  id: string;
  openid: string;
  name: string;
  phone: string | null;
  roles: Role[];
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
  createdAt: string;
  /** Whether `name` is a real name the user gave (not WeChat's placeholder). */
  realName: boolean;
  /** Home address given at registration (楼栋 单元 房号). */
  address: AddressInput | null;
  registeredAt: string | null;
  /** Confirmed by the grid worker (已核实): when and by whom. */
  verifiedAt: string | null;
  verifiedBy: string | null;
  /** Where the user lives (registration), kept apart from the place an appointment gives. */
  homePlace: Place | null;
  /** Earlier homes (搬家), newest last: where, and from when to when. */
  moves: { communityId: string | null; gridId: string | null; address: string; from: string; to: string }[];
  /** When the account was deleted (注销); its name, phone and addresses are gone. */
  deletedAt: string | null;
  /** The delivery platform a rider declared (美团, 饿了么…). */
  riderPlatform?: string | null;
  /** The department of department staff. */
  departmentId: string | null;
  /** The compound (小区) property staff serve in their community (the invitation's words). */
  compound?: string | null;
  /** The property company (物业公司) property staff work for. */
  companyId?: string | null;
  /**
   * Bumped whenever the user's roles or places change: session tokens carry the version they were
   * issued at, and a token of an older version is refused on its next request.
   */
  rolesVersion: number;
}

/** A street, community and grid a user belongs to. */
export interface Place {
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
}

/** What registration changes on a user. */
export type Registration = Pick<UserRecord, 'streetId' | 'communityId' | 'gridId' | 'address' | 'registeredAt' | 'homePlace' | 'moves'> &
  Partial<Pick<UserRecord, 'name' | 'realName' | 'phone'>> & {
    /** The grid worker's confirmation stands (same place and address: only name or phone changed). */
    keepVerification: boolean;
  };

export interface UserRepository {
  get(id: string): Promise<UserRecord | null>;
  /** The users found of these ids, by id (as `get`, one request per 100 ids). */
  getMany(ids: readonly string[]): Promise<Map<string, UserRecord>>;
  getByOpenid(openid: string): Promise<UserRecord | null>;
  /** Creates a user and claims its openid atomically; ConflictError if the openid is taken. */
  create(user: UserRecord): Promise<void>;
  /** Keeps the latest WeChat session key server-side (never returned to any client). */
  saveSessionKey(userId: string, sessionKey: string, at: string): Promise<void>;
  /**
   * Registers (or moves) a resident: new place and address, unverified, roles version bumped; the
   * user is listed among his grid's residents. Returns the stored user.
   */
  register(userId: string, r: Registration): Promise<UserRecord>;
  /** Residents registered in a grid, unverified first, then newest first. */
  residentsOfGrid(gridId: string, onlyUnverified: boolean): Promise<UserRecord[]>;
  /** A community's registered residents with a real name starting with `namePrefix`, in name order (at most `limit`). */
  residentsNamed(communityId: string, namePrefix: string, limit: number): Promise<UserRecord[]>;
  /** Marks a resident verified (optionally with a corrected address or place); ConflictError if he moved meanwhile. */
  verify(userId: string, expectedGridId: string | null, changes: Partial<Pick<UserRecord, 'address' | 'gridId'>>, by: string, at: string): Promise<UserRecord>;
  /**
   * Staff appointed to a grid (grid workers, part-time grid workers, building leaders) or to a
   * community without a grid (community admins, property, service and redemption-site staff…).
   */
  staffOf(scope: 'grid' | 'community', id: string): Promise<UserRecord[]>;
  /** Adds or removes the rider role (self-declared), with the platform he rides for. */
  declareRider(userId: string, rider: boolean, platform: string | null): Promise<UserRecord>;
  /** The user's current roles version (one consistent read), or null if the user is gone. */
  rolesVersion(userId: string): Promise<number | null>;
  /**
   * Deletes the account: stores the erased user (no name, phone or addresses; sessions stale),
   * frees his WeChat openid and session key, and leaves `message` in the outbox for the other jobs,
   * in one transaction on the version read.
   */
  erase(erased: UserRecord, userVersion: number, message: OutboxMessage): Promise<OutboxEntry[]>;
}

export interface WeChatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/** WeChat's `code2Session` (jscode2session). Throws UpstreamError for WeChat error codes. */
export interface WeChatAuth {
  code2Session(code: string): Promise<WeChatSession>;
  /** The phone number behind a getPhoneNumber button's code (`getuserphonenumber`). */
  phoneNumber(code: string): Promise<string>;
}

/** Invitations to roles; acceptance and revocation change the user in the same transaction. */
export interface InvitationRepository {
  /** Stores a new invitation once per idempotency claim; ConflictError `code_taken` if the code exists. */
  create(inv: InvitationRecord, claim: IdempotencyClaim): Promise<Once<{ code: string }>>;
  get(code: string): Promise<InvitationRecord | null>;
  /** Newest first, at most `limit`. */
  listOf(scope: 'street' | 'community', id: string, limit: number): Promise<InvitationRecord[]>;
  /**
   * Stores the invitation (now accepted or revoked) and, when given, the changed user, in one
   * transaction: the invitation must still have `expectedStatus`, the user his `userVersion`.
   */
  settle(inv: InvitationRecord, expectedStatus: InvitationRecord['status'], user: { next: UserRecord; userVersion: number } | null): Promise<void>;
}

/** A request to look after a family member, waiting for that member's consent. */
export interface FamilyCodeRecord {
  code: string;
  requesterId: string;
  /** What the consenting person is to the requester. */
  relation: FamilyRelation;
  note: string | null;
  status: 'open' | 'used';
  createdAt: string;
  expiresAt: string;
  usedBy: string | null;
}

/** One side of a link: `carer` looks after `otherId`, or is looked after (`cared`) by him. */
export interface FamilyLink {
  userId: string;
  otherId: string;
  direction: 'carer' | 'cared';
  /** What the cared-for person is to the carer. */
  relation: FamilyRelation;
  since: string;
}

export interface FamilyRepository {
  createCode(r: FamilyCodeRecord, claim: IdempotencyClaim): Promise<Once<{ code: string }>>;
  getCode(code: string): Promise<FamilyCodeRecord | null>;
  /** Marks the code used and stores both sides of the link, in one transaction (the code must still be open). */
  link(used: FamilyCodeRecord, sides: [FamilyLink, FamilyLink]): Promise<void>;
  linksOf(userId: string): Promise<FamilyLink[]>;
  /** Removes both sides of a link (nothing if there is none). */
  unlink(userId: string, otherId: string): Promise<void>;
}

/** A rider's application to be a part-time grid worker (兼职网格员). */
export interface ApplicationRecord {
  id: string;
  userId: string;
  gridId: string;
  communityId: string;
  streetId: string;
  placeName: string;
  note: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  invitationCode: string | null;
}

export interface ApplicationRepository {
  create(a: ApplicationRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  get(id: string): Promise<ApplicationRecord | null>;
  listOfCommunity(communityId: string, limit: number): Promise<ApplicationRecord[]>;
  /** A person's own applications, newest first. */
  listOfUser(userId: string, limit: number): Promise<ApplicationRecord[]>;
  /**
   * Stores the decision (the application must still be pending); an approval also stores the
   * appointment (an accepted invitation) and the user with the role, in the same transaction.
   */
  decide(decided: ApplicationRecord, appointment: { invitation: InvitationRecord; user: UserRecord; userVersion: number } | null): Promise<void>;
}

/** A street's map import: checked, staged, then activated. */
export interface MapImportRecord {
  id: string;
  streetId: string;
  status: 'staged' | 'active' | 'superseded';
  counts: { communities: number; grids: number; buildings: number; staff: number };
  createdAt: string;
  createdBy: string;
  activatedAt: string | null;
}

export interface StreetMapRepository {
  /** Stores a checked map as a staged import (nothing visible); once per idempotency claim. */
  stage(header: MapImportRecord, map: StreetMap, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  get(id: string): Promise<MapImportRecord | null>;
  load(id: string): Promise<StreetMap>;
  /**
   * Makes a staged import the street's map: writes the version's listing copies, switches the
   * street to it in one conditional write (from `previousVersion`), then rewrites the items read by id.
   */
  activate(header: MapImportRecord, map: StreetMap, previousVersion: string | null, at: string): Promise<void>;
}
