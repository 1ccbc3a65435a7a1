/** API keys issued per partner system (12345 hotline, Open311 clients); stored hashed. */
export type ApiScope = 'hotline' | 'open311';

export interface ApiKeyRecord {
  partnerId: string;
  name: string;
  streetId: string;
  scopes: ApiScope[];
}

export interface ApiKeyRepository {
  /** The partner a key (by its SHA-256 hex) was issued to, or null. */
  get(keyHash: string): Promise<ApiKeyRecord | null>;
  put(keyHash: string, record: ApiKeyRecord): Promise<void>;
}
