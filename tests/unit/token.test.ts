import { HmacTokenService } from '../../functions/src/platform/adapters/hmac-token-service';

const claims = { sub: 'u-1', roles: ['rider' as const], streetId: 's', communityId: 'c', gridId: null, rv: 3 };

describe('HmacTokenService', () => {
  const tokens = new HmacTokenService('x'.repeat(40), 3600);
  const now = new Date('2026-11-24T00:00:00Z');

  it('verifies a token it signed and returns its claims', () => {
    const { token, expiresAt } = tokens.sign(claims, now);
    expect(tokens.verify(token, now)).toMatchObject(claims);
    expect(expiresAt.toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('rejects an expired token', () => {
    const { token } = tokens.sign(claims, now);
    expect(tokens.verify(token, new Date('2026-11-24T01:00:00Z'))).toBeNull();
  });

  it('rejects a token whose claims were altered', () => {
    const { token } = tokens.sign(claims, now);
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['street_admin'], exp: 2e9 })).toString('base64url');
    expect(tokens.verify(`${h}.${forged}.${s}`, now)).toBeNull();
  });

  it('rejects a token signed with another secret, and garbage', () => {
    const other = new HmacTokenService('y'.repeat(40), 3600).sign(claims, now).token;
    expect(tokens.verify(other, now)).toBeNull();
    expect(tokens.verify('not.a.token', now)).toBeNull();
    expect(tokens.verify('', now)).toBeNull();
  });
});
