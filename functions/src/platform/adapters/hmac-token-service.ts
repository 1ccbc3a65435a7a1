import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '@linli/shared';
import type { SessionClaims, TokenService } from '../ports/tokens';

const b64url = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Session tokens as compact HS256 JWTs, signed with a server secret. */
export class HmacTokenService implements TokenService {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  private signature(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest();
  }

  sign(claims: Omit<SessionClaims, 'exp'>, now: Date): { token: string; expiresAt: Date } {
    const exp = Math.floor(now.getTime() / 1000) + this.ttlSeconds;
    const body = `${HEADER}.${b64url(JSON.stringify({ ...claims, exp }))}`;
    return { token: `${body}.${b64url(this.signature(body))}`, expiresAt: new Date(exp * 1000) };
  }

  verify(token: string, now: Date): SessionClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const expected = this.signature(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isClaims(claims) || claims.exp * 1000 <= now.getTime()) return null;
    return { ...claims, rv: claims.rv ?? 0 }; // tokens issued before roles versions: stale at once
  }
}

const nullableString = (v: unknown): boolean => v === null || typeof v === 'string';

function isClaims(c: unknown): c is SessionClaims {
  if (typeof c !== 'object' || c === null) return false;
  const o = c as Record<string, unknown>;
  return (
    typeof o.sub === 'string' &&
    typeof o.exp === 'number' &&
    (o.rv === undefined || typeof o.rv === 'number') &&
    Array.isArray(o.roles) &&
    o.roles.every((r) => (ROLES as readonly string[]).includes(r as Role)) &&
    nullableString(o.streetId) &&
    nullableString(o.communityId) &&
    nullableString(o.gridId) &&
    (o.departmentId === undefined || nullableString(o.departmentId)) &&
    (o.compound === undefined || nullableString(o.compound)) &&
    (o.companyId === undefined || nullableString(o.companyId))
  );
}
