import type { Role } from '@linli/shared';

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
}

export interface UserRepository {
  get(id: string): Promise<UserRecord | null>;
  getByOpenid(openid: string): Promise<UserRecord | null>;
  /** Creates a user and claims its openid atomically; ConflictError if the openid is taken. */
  create(user: UserRecord): Promise<void>;
  /** Keeps the latest WeChat session key server-side (never returned to any client). */
  saveSessionKey(userId: string, sessionKey: string, at: string): Promise<void>;
}

export interface WeChatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/** WeChat's `code2Session` (jscode2session). Throws UpstreamError for WeChat error codes. */
export interface WeChatAuth {
  code2Session(code: string): Promise<WeChatSession>;
}
