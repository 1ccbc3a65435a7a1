/**
 * Where the WeChat server API's access token is shared by every Lambda container of an app: one
 * token, its expiry, and a short refresh lease so that only one container asks WeChat for a new
 * one while the others wait for it.
 */
export interface SharedToken {
  value: string;
  /** Epoch milliseconds at which WeChat stops accepting it. */
  expiresAt: number;
}

export interface AccessTokenStore {
  /** The app's token as last saved (read strongly), or null. */
  read(appId: string): Promise<SharedToken | null>;
  /**
   * Takes the refresh lease until `until` if nobody holds it at `now` and the stored token is still
   * the one the caller found stale (`seen`, null: none); false when another container holds the
   * lease or has saved a newer token meanwhile (the caller reads again instead of refreshing twice).
   */
  lease(appId: string, now: number, until: number, seen: SharedToken | null): Promise<boolean>;
  /** Saves a fresh token and frees the lease. */
  save(appId: string, token: SharedToken): Promise<void>;
  /** Frees the lease without a token (the refresh failed), so another container may try at once. */
  release(appId: string): Promise<void>;
}
