/** Who may appoint whom, expiry, and invitation codes (pure rules). */
import { INVITED_ROLES } from '@linli/shared';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { invitationCode, mayAppoint, statusAt, type InvitationRecord } from '../../functions/src/identity/domain/invitation';
import { mostSpecificGrid } from '../../functions/src/identity/domain/registration';

const actor = (roles: Actor['roles'], streetId: string | null, communityId: string | null): Actor => ({ userId: 'u', roles, streetId, communityId, gridId: null });
const inStreet = { streetId: 'st-1', communityId: 'cm-1' };

describe('mayAppoint', () => {
  it('lets a community admin appoint community and grid roles in his own community only', () => {
    const ca = actor(['community_admin'], 'st-1', 'cm-1');
    const allowed = INVITED_ROLES.filter((r) => mayAppoint(ca, r, inStreet));
    expect(allowed.sort()).toEqual(
      ['building_leader', 'community_admin', 'grid_worker', 'parttime_grid_worker', 'property_staff', 'redemption_staff', 'service_staff', 'station_keeper'].sort(),
    );
    expect(mayAppoint(ca, 'grid_worker', { streetId: 'st-1', communityId: 'cm-2' })).toBe(false);
  });

  it('lets a street admin appoint every role in his street, and a platform administrator street admins anywhere', () => {
    const sa = actor(['street_admin'], 'st-1', null);
    expect(INVITED_ROLES.every((r) => mayAppoint(sa, r, inStreet))).toBe(true);
    expect(mayAppoint(sa, 'grid_worker', { streetId: 'st-2', communityId: 'cm-9' })).toBe(false);
    const pa = actor(['platform_admin'], null, null);
    expect(INVITED_ROLES.filter((r) => mayAppoint(pa, r, { streetId: 'st-7', communityId: null }))).toEqual(['street_admin']);
    expect(INVITED_ROLES.some((r) => mayAppoint(actor(['grid_worker'], 'st-1', 'cm-1'), r, inStreet))).toBe(false);
  });
});

describe('invitation status and codes', () => {
  const inv = { status: 'open', expiresAt: '2026-12-10T00:00:00.000Z' } as InvitationRecord;
  it('expires an open invitation after its week, not a settled one', () => {
    expect(statusAt(inv, new Date('2026-12-09T23:59:59Z'))).toBe('open');
    expect(statusAt(inv, new Date('2026-12-10T00:00:00Z'))).toBe('expired');
    expect(statusAt({ ...inv, status: 'accepted' }, new Date('2027-01-01T00:00:00Z'))).toBe('accepted');
  });

  it('makes 8-character codes without look-alike characters', () => {
    expect(invitationCode(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toBe('ABCDEFGH');
    expect(invitationCode(new Uint8Array([255, 30, 31, 62, 8, 13, 22, 100]))).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });
});

describe('mostSpecificGrid', () => {
  const square = (id: string, s: number, w: number, n: number, e: number) => ({
    id, communityId: 'cm', streetId: 'st', name: id, households: 0, contacts: [],
    boundary: [{ lat: s, lng: w }, { lat: s, lng: e }, { lat: n, lng: e }, { lat: n, lng: w }],
  });
  it('picks the smallest grid holding the point (a micro-grid inside an ordinary grid), or none', () => {
    const ordinary = square('gd-big', 29.6, 103.47, 29.61, 103.48);
    const micro = square('gd-micro', 29.604, 103.474, 29.605, 103.475);
    expect(mostSpecificGrid([ordinary, micro], { lat: 29.6045, lng: 103.4745 })?.id).toBe('gd-micro');
    expect(mostSpecificGrid([ordinary, micro], { lat: 29.601, lng: 103.471 })?.id).toBe('gd-big');
    expect(mostSpecificGrid([ordinary, micro], { lat: 29.7, lng: 103.471 })).toBeNull();
  });
});
