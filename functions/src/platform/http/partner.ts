import type { Actor } from '../domain/actor';
import type { ApiKeyRepository, ApiScope } from '../ports/api-keys';

export interface PartnerDeps {
  apiKeys: ApiKeyRepository;
  hash: (text: string) => string;
}

/**
 * The partner system an API key belongs to, as the actor of its calls: `unknown` for a key we never
 * issued, `out_of_scope` for a key not issued for this kind of call.
 */
export async function partnerFromKey(deps: PartnerDeps, key: string, scope: ApiScope | undefined): Promise<Actor | 'unknown' | 'out_of_scope'> {
  const record = await deps.apiKeys.get(deps.hash(key));
  if (!record) return 'unknown';
  if (!scope || !record.scopes.includes(scope)) return 'out_of_scope';
  return {
    userId: `partner-${record.partnerId}`,
    roles: [],
    streetId: record.streetId,
    communityId: null,
    gridId: null,
    partner: { id: record.partnerId, name: record.name },
  };
}
