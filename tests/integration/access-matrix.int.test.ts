/**
 * Walks every route of the route table × every role (and anonymous) and checks the designed answer:
 * 401 for anonymous on protected routes, 403 for roles the route does not admit, success otherwise.
 */
import { ROLES, type Role } from '@linli/shared';
import { routeList } from '../../functions/src/api';
import { isPartnerAccess } from '../../functions/src/platform/http/route';
import { booked, centreSettings, openSlots } from '../support/booking';
import { fileRequest, idemKey, inGrid1, resolvedRequest, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { checkedAnswers } from '../support/openapi-check';

type Caller = Role | 'anonymous';
interface Probe {
  path: string | ((api: TestApi) => Promise<string>);
  body?: unknown;
  headers?: () => Record<string, string>;
  /** A form-encoded body (Open311). */
  rawForm?: string;
  /** Statuses other than the default success for specific admitted roles (documented exceptions). */
  expect?: Partial<Record<Caller, number>>;
  /** After the call (e.g. a change that made the caller's token stale). */
  after?: (api: TestApi, caller: Caller) => void;
}

const newReport = async (api: TestApi) => {
  const res = await api.call('POST', '/stations/sn-001/reports', {
    token: await api.tokenFor('rider'),
    body: { type: 'dirty', text: '地面有垃圾' },
    headers: { 'idempotency-key': idemKey('matrix-report') },
  });
  return `/stations/sn-001/reports/${res.body.report.id}`;
};

const idem = () => ({ 'idempotency-key': idemKey('matrix') });

/** A cheap reward at the demo site (made once) and a fresh redemption of it by the demo volunteer. */
let matrixReward: Promise<string> | null = null;
let lastPickupCode = '';
async function volunteerRedemption(api: TestApi): Promise<string> {
  matrixReward ??= (async () => {
    const res = await api.call('POST', '/redemption-sites/ps-mingshan/rewards', { token: await api.tokenFor('community_admin'), body: { name: '矩阵物品', cost: 1, stock: 1000 }, headers: idem() });
    return res.body.reward.id as string;
  })();
  const res = await api.call('POST', '/redemptions', { token: await api.tokenFor('volunteer'), body: { siteId: 'ps-mingshan', rewardId: await matrixReward }, headers: idem() });
  lastPickupCode = res.body.redemption.code as string;
  return res.body.redemption.id as string;
}
/** A fresh activity of 名山社区 with room for everyone, starting tomorrow. */
async function newActivity(api: TestApi): Promise<string> {
  const start = new Date(Date.now() + 86400_000);
  const res = await api.call('POST', '/activities', {
    token: await api.tokenFor('community_admin'),
    body: { communityId: 'cm-mingshan', title: '矩阵活动', place: '广场', start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), places: 50, reward: { per: 'person', points: 5 } },
    headers: idem(),
  });
  return res.body.activity.id as string;
}
/** A fresh hand-added credit of the demo resident (its entry, to reverse). */
async function newCredit(api: TestApi): Promise<string> {
  const res = await api.call('POST', '/points/credits', { token: await api.tokenFor('community_admin'), body: { userId: 'u-demo-resident', points: 1, reason: '矩阵测试' }, headers: idem() });
  return `/points/accounts/u-demo-resident/entries/${res.body.entry.id}/reversal`;
}
const POOR = { team_member: 409, rider: 409, grid_worker: 409, community_admin: 409, station_keeper: 409, parttime_grid_worker: 409, building_leader: 409, property_staff: 409, service_staff: 409, redemption_staff: 409 } as const;
// The department staff member registered his home in 名山社区 earlier in the walk (the register probe): he is served there.
const NO_COMMUNITY = { street_admin: 400, platform_admin: 400 } as const;
const ONLY_VOLUNTEER = Object.fromEntries(ROLES.filter((r) => r !== 'volunteer').map((r) => [r, 404]));
const tomorrowStart = new Date(Date.now() + 86400_000);
/** A fresh need of the demo resident (open). */
async function newNeed(api: TestApi): Promise<string> {
  const res = await api.call('POST', '/needs', {
    token: await api.tokenFor('resident'),
    body: { kind: 'shopping', title: '矩阵代买', place: '名山小区3栋', when: tomorrowStart.toISOString(), minutes: 30 },
    headers: idem(),
  });
  return res.body.need.id as string;
}
/** A fresh team of 名山社区 (captain: the demo volunteer). */
async function newTeam(api: TestApi): Promise<string> {
  const res = await api.call('POST', '/teams', { token: await api.tokenFor('community_admin'), body: { communityId: 'cm-mingshan', name: '矩阵队', captainId: 'u-demo-volunteer' }, headers: idem() });
  return res.body.team.id as string;
}
/** A fresh 共建单位 of 名山社区 and its code. */
async function newUnit(api: TestApi): Promise<{ id: string; code: string }> {
  const res = await api.call('POST', '/units', { token: await api.tokenFor('community_admin'), body: { communityId: 'cm-mingshan', name: '矩阵单位' }, headers: idem() });
  return { id: res.body.unit.id as string, code: res.body.unit.joinCode as string };
}
let unitCode = '';
/** A fresh civility report of the demo rider (pending). */
async function newServiceReport(api: TestApi): Promise<string> {
  const res = await api.call('POST', '/points/service-reports', {
    token: await api.tokenFor('rider'),
    body: { kind: 'civility', description: '矩阵测试：劝导不戴头盔', occurredOn: '2026-12-01' },
    headers: idem(),
  });
  return res.body.report.id as string;
}
const ALL = (status: number) => Object.fromEntries(ROLES.map((r) => [r, status]));

/** A fresh application of the demo rider for grid 1. */
async function newApplication(api: TestApi): Promise<string> {
  const res = await api.call('POST', '/applications', { token: await api.tokenFor('rider'), body: { gridId: 'gd-ms-1', note: '矩阵测试申请' }, headers: idem() });
  return res.body.application.id as string;
}

/** A family-link code asked by the caller himself (so that consenting to it is refused). */
let familyCaller: string | null = null;
async function newFamilyCode(api: TestApi): Promise<string> {
  const token = familyCaller ?? (await api.tokenFor('resident'));
  const res = await api.call('POST', '/family-links', { token, body: { relation: 'parent' }, headers: idem() });
  return res.body.request.code as string;
}

/** A fresh invitation of the demo community admin to be a grid worker of grid 1, optionally revoked at once. */
async function newInvitation(api: TestApi, revoked = false): Promise<string> {
  const token = await api.tokenFor('community_admin');
  const res = await api.call('POST', '/invitations', { token, body: { role: 'grid_worker', gridId: 'gd-ms-1', inviteeName: '矩阵测试' }, headers: idem() });
  const code = res.body.invitation.code as string;
  if (revoked) await api.call('POST', `/invitations/${code}/revocation`, { token });
  return code;
}

/** A fresh request of the demo resident in 名山社区第一网格, optionally taken to `resolved` by its grid worker. */
const newRequest = async (api: TestApi, resolved = false): Promise<string> => (resolved ? await resolvedRequest(api) : await fileRequest(api)).id;
/** One item of grid 1 taken up to the street, dispatched to 城管 (cgj, the demo department) and resolved by it; made once. */
let dispatched: Promise<string> | null = null;
const dispatchedItem = (api: TestApi): Promise<string> =>
  (dispatched ??= (async () => {
    const r = await fileRequest(api);
    const steps: [Role, Record<string, unknown>][] = [
      ['grid_worker', { action: 'escalate', reason: '需要社区协调' }],
      ['community_admin', { action: 'escalate', reason: '需要街道协调' }],
      ['street_admin', { action: 'dispatch', lead: 'cgj' }],
      ['department_staff', { action: 'accept' }],
      ['department_staff', { action: 'resolve', result: '已清理完毕' }],
    ];
    for (const [role, body] of steps) {
      const res = await staffAct(api, r.id, role, body);
      if (res.status !== 200) throw new Error(`${String(body.action)} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return r.id;
  })());
const NOT_INVOLVED = {
  rider: 403, volunteer: 403, station_keeper: 403, platform_admin: 403,
  parttime_grid_worker: 403, building_leader: 403, property_staff: 403, service_staff: 403, redemption_staff: 403, department_staff: 403,
} as const;
/** Roles whose demo user has no grid. */
const NO_GRID = { team_member: 404, community_admin: 404, station_keeper: 404, street_admin: 404, platform_admin: 404, property_staff: 404, service_staff: 404, redemption_staff: 404, department_staff: 404 } as const;

/** One booking of the demo resident at 名山社区's centre, made once and probed by every role. */
let demoBooking: Promise<string> | null = null;
const residentBooking = (api: TestApi): Promise<string> =>
  (demoBooking ??= (async () => {
    const token = await api.tokenFor('resident');
    const slot = (await openSlots(api, token, 'ct-mingshan'))[0]!;
    return (await booked(api, token, { centreId: 'ct-mingshan', offeringId: 'juzhu', date: slot.date, start: slot.start })).id;
  })());
/** Who sees the demo resident's booking besides him: the staff of the centre (others are told it does not exist). */
const BOOKING_OUTSIDERS = Object.fromEntries(ROLES.filter((r) => !['resident', 'service_staff', 'community_admin', 'street_admin'].includes(r)).map((r) => [r, 404]));
const BOOKING_SEERS_409 = { resident: 409, service_staff: 409, community_admin: 409, street_admin: 409 } as const;

/** One errand of the demo resident, asked once and probed by every role. */
let demoErrand: Promise<string> | null = null;
const residentErrand = (api: TestApi): Promise<string> =>
  (demoErrand ??= (async () => {
    const res = await api.call('POST', '/errands', { token: await api.tokenFor('resident'), body: { centreId: 'ct-mingshan', offeringId: 'youdai', mode: 'home', note: '矩阵测试代办' }, headers: idem() });
    return res.body.errand.id as string;
  })());
/** Who sees the demo resident's errand besides him: the centre's staff and his grid worker. */
const ERRAND_OUTSIDERS = Object.fromEntries(
  ROLES.filter((r) => !['resident', 'grid_worker', 'parttime_grid_worker', 'service_staff', 'community_admin', 'street_admin'].includes(r)).map((r) => [r, 404]),
);

/** A slot of the demo centre that is not full (or not bookable at all): joining its line is refused. */
const WAIT_PROBE = { offeringId: 'juzhu', date: '2026-12-24', start: '18:00' };

/** A change of the sanitation member at the version he is at now (read as the community admin). */
const CHANGE_BODY = { version: 1, specialties: ['环境卫生'] };
async function memberVersion(api: TestApi): Promise<string> {
  const team = await api.call('GET', '/grids/gd-ms-1/team', { token: await api.tokenFor('community_admin') });
  CHANGE_BODY.version = team.body.members.find((m: { userId: string }) => m.userId === 'u-demo-u-sanitation').version;
  return '/grids/gd-ms-1/team/u-demo-u-sanitation';
}

/** The versions read just before a versioned PUT (the probe's body reads them). */
let listVersion = 0;
let alertVersion = 0;
const PROBES: Record<string, Probe> = {
  health: { path: '/health' },
  openapi: { path: '/openapi.json' },
  login: { path: '/auth/wechat', body: { code: 'demo-resident' } },
  me: { path: '/me' },
  myGrid: { path: '/me/grid', expect: NO_GRID },
  stationsNearby: { path: '/stations/nearby?lat=29.597&lng=103.482' },
  stationsInBbox: { path: '/stations?bbox=103.47,29.59,103.49,29.61' },
  stationGet: { path: '/stations/sn-001' },
  stationCreate: {
    path: '/stations',
    body: {
      name: '矩阵测试驿站',
      address: '峨眉山市名山中路1号',
      location: { lat: 29.603, lng: 103.481 },
      amenities: ['water'],
      hours: { kind: 'always' },
      communityId: 'cm-mingshan',
    },
  },
  stationPatch: { path: '/stations/sn-001', body: { confirm: true } },
  reportCreate: { path: '/stations/sn-001/reports', body: { type: 'other', text: '矩阵测试' }, headers: idem },
  reportsOfStation: { path: '/stations/sn-001/reports' },
  reportClose: { path: newReport, body: { status: 'closed', resolution: '已处理' } },
  reportsOfCommunity: { path: '/station-reports?communityId=cm-mingshan' },
  checkIn: { path: '/stations/sn-001/check-ins' },
  requestCategories: { path: '/request-categories', expect: { street_admin: 400, platform_admin: 400 } },
  requestSubmit: {
    path: '/requests',
    body: { categoryId: 'env-garbage', description: '矩阵测试：垃圾没有清运', location: inGrid1 },
    headers: idem,
    expect: { street_admin: 400, platform_admin: 400 },
  },
  requestsMine: { path: '/requests/mine' },
  requestGet: { path: async (api) => `/requests/${await newRequest(api)}`, expect: NOT_INVOLVED },
  requestsNearby: { path: `/requests/nearby?lat=${inGrid1.lat}&lng=${inGrid1.lng}&categoryId=fix-road` },
  requestFollow: { path: async (api) => `/requests/${await newRequest(api)}/follow` },
  requestUpdate: {
    path: async (api) => `/requests/${await newRequest(api)}/updates`,
    body: { action: 'add_info', note: '补充：晚上更危险' },
    expect: { ...NOT_INVOLVED, grid_worker: 403, community_admin: 403, street_admin: 403, team_member: 403 },
  },
  requestRating: {
    path: async (api) => `/requests/${await newRequest(api, true)}/rating`,
    body: { score: 4 },
    expect: { ...NOT_INVOLVED, grid_worker: 403, community_admin: 403, street_admin: 403, team_member: 403 },
  },
  staffQueue: { path: '/staff/requests' },
  requestByNumber: {
    path: async (api) => `/staff/requests/by-number/${(await fileRequest(api)).number}`,
    expect: { ...NOT_INVOLVED, property_staff: 403, department_staff: 403 },
  },
  departments: { path: '/departments' },
  // 三评: the item's own grid rates the department; the called department rates the grid (each once).
  requestEvaluations: { path: async (api) => `/requests/${await dispatchedItem(api)}/evaluations`, expect: { property_staff: 403 } },
  evaluateUnits: { path: async (api) => `/requests/${await dispatchedItem(api)}/evaluations/units`, body: { level: 'department', departmentId: 'cgj', score: 4 } },
  evaluateGrid: { path: async (api) => `/requests/${await dispatchedItem(api)}/evaluations/grid`, body: { score: 5, comment: '转来时情况说得很清楚' } },
  communities: { path: '/communities' },
  placesLocate: { path: '/places/locate?lat=29.605&lng=103.474&datum=wgs84' },
  placesStreets: { path: '/places/streets' },
  communityBuildings: { path: '/places/communities/cm-mingshan/buildings' },
  streetCommunities: { path: '/places/streets/st-suishan/communities' },
  register: {
    path: '/me/registration',
    body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '矩阵小区1栋' } },
    // Registering re-issues the session: the caller's old token is stale from now on.
    after: (api, caller) => caller !== 'anonymous' && api.forgetToken(caller),
  },
  // Deleting would end the caller's account: an unconfirmed request shows who is admitted (400, not 401/403).
  accountDelete: { path: '/me/deletion', body: { confirm: false }, expect: Object.fromEntries(ROLES.map((r) => [r, 400])) },
  gridBoard: { path: '/grids/gd-ms-1/board' },
  gridBoardCode: { path: '/grids/gd-ms-1/board/wxacode' },
  gridResidents: { path: '/grids/gd-ms-1/residents' },
  communityResidents: { path: `/communities/cm-mingshan/residents?name=${encodeURIComponent('张')}` },
  residentVerify: { path: '/residents/u-demo-resident/verification', body: {} },
  // A platform left out changes nothing: who is admitted shows as 400, not 401/403.
  riderDeclare: { path: '/me/rider', body: { rider: true }, expect: Object.fromEntries(ROLES.map((r) => [r, 400])) },
  applicationCreate: { path: '/applications', body: { gridId: 'gd-ms-1', note: '矩阵测试申请' }, headers: idem },
  applicationsList: { path: '/applications?communityId=cm-mingshan' },
  applicationsMine: { path: '/me/applications' },
  applicationDecide: { path: async (api) => `/applications/${await newApplication(api)}/decision`, body: { approve: false } },
  // A file that fails the check changes nothing: the street admin is admitted (400), others are not.
  mapImportCreate: { path: '/streets/st-suishan/map-imports', body: { geojson: { type: 'Feature' } }, headers: idem, expect: { street_admin: 400 } },
  mapImportActivate: { path: '/streets/st-suishan/map-imports/no-such-import/activation', expect: { street_admin: 404 } },
  familyRequest: { path: '/family-links', body: { relation: 'parent' }, headers: idem },
  familyPreview: { path: async (api) => `/family-links/${await newFamilyCode(api)}` },
  // The requester himself cannot consent: who is admitted shows as 409, not 401/403.
  familyConsent: { path: async (api) => `/family-links/${await newFamilyCode(api)}/consent`, expect: Object.fromEntries(ROLES.map((r) => [r, 409])) },
  // The caller asks for his own code's 小程序码 (someone else's is refused: family.int).
  familyCode: { path: async (api) => `/family-links/${await newFamilyCode(api)}/wxacode` },
  familyList: { path: '/me/family' },
  familyEnd: { path: '/me/family/u-nobody/revocation', expect: Object.fromEntries(ROLES.map((r) => [r, 404])) },
  invitationCreate: { path: '/invitations', body: { role: 'grid_worker', gridId: 'gd-ms-1', inviteeName: '矩阵测试' }, headers: idem, expect: { platform_admin: 403 } },
  // A platform administrator must name a street: who is admitted shows as 400 for him.
  invitationsList: { path: '/invitations', expect: { platform_admin: 400 } },
  invitationCode: { path: async (api) => `/invitations/${await newInvitation(api)}/wxacode`, expect: { platform_admin: 403 } },
  invitationGet: { path: async (api) => `/invitations/${await newInvitation(api)}` },
  // Accepting would change the caller's roles: a revoked invitation shows who is admitted (409, not 401/403).
  invitationAccept: { path: async (api) => `/invitations/${await newInvitation(api, true)}/acceptance`, expect: Object.fromEntries(ROLES.map((r) => [r, 409])) },
  invitationRevoke: { path: async (api) => `/invitations/${await newInvitation(api)}/revocation`, expect: { platform_admin: 403 } },
  open311Services: { path: '/open311/v2/services.json?api_key=demo-open311-key' },
  open311Service: { path: '/open311/v2/services/fix-road.json?jurisdiction_id=st-suishan' },
  open311Post: { path: '/open311/v2/requests.json', rawForm: `api_key=demo-open311-key&service_code=fix-road&lat=29.605&long=103.474&description=${encodeURIComponent('矩阵测试')}` },
  open311List: { path: '/open311/v2/requests.json?api_key=demo-open311-key' },
  open311Get: { path: async (api) => `/open311/v2/requests/${await newRequest(api)}.json?api_key=demo-open311-key` },
  communityMetrics: { path: '/communities/cm-mingshan/metrics?from=2026-11-01&to=2026-11-30' },
  streetMetrics: { path: '/streets/st-suishan/metrics?from=2026-11-01&to=2026-11-30' },
  hotlineImport: {
    path: '/hotline/tickets',
    body: { tickets: [{ externalId: 'MATRIX-1', text: '矩阵测试热线工单', communityId: 'cm-mingshan' }] },
  },
  // A ticket nobody imported: who is admitted is told it is not found (404).
  hotlineExtensionAnswer: { path: '/hotline/tickets/MATRIX-NONE/extension', body: { approved: false }, expect: { community_admin: 404, street_admin: 404 } },
  // Someone else's file: who is admitted is told so (400); a job nobody started is not found (404).
  hotlineImportStart: {
    path: '/hotline/imports', body: { fileKey: 'uploads/u-nobody/01JAAAAAAAAAAAAAAAAAAAAAAA.csv' }, headers: idem, expect: { community_admin: 400, street_admin: 400 },
  },
  hotlineImportGet: { path: '/hotline/imports/MATRIX-NONE', expect: { community_admin: 404, street_admin: 404 } },
  hotlineVisit: {
    path: '/hotline/tickets/MATRIX-NONE/visit', body: { solved: true, satisfied: true, comment: '矩阵回访' }, expect: { community_admin: 404, street_admin: 404 },
  },
  // The platform administrator has no street and gave no location: told what is needed (400).
  centresList: { path: '/centres', expect: { platform_admin: 400 } },
  centreCreate: { path: '/centres', body: { communityId: 'cm-mingshan', ...centreSettings() }, headers: idem },
  centreGet: { path: '/centres/ct-mingshan' },
  // An old version changes nothing: who is admitted shows as 409 (stale).
  centreUpdate: { path: '/centres/ct-mingshan', body: { ...centreSettings(), version: 999 }, expect: { service_staff: 409, community_admin: 409, street_admin: 409 } },
  slotsList: { path: '/centres/ct-mingshan/slots?offeringId=shebao' },
  // An offering the centre does not publish: who is admitted shows as 400.
  bookingCreate: {
    path: '/bookings', body: { centreId: 'ct-mingshan', offeringId: 'nothing', date: '2026-12-24', start: '18:00' }, headers: idem,
    expect: Object.fromEntries(ROLES.map((r) => [r, 400])),
  },
  bookingsMine: { path: '/bookings/mine' },
  bookingGet: { path: async (api) => `/bookings/${await residentBooking(api)}`, expect: BOOKING_OUTSIDERS },
  // An old version changes nothing: the person and the centre's staff are admitted (409), others are not (404).
  bookingCancel: { path: async (api) => `/bookings/${await residentBooking(api)}/cancellation`, body: { version: 99 }, expect: { ...BOOKING_OUTSIDERS, ...BOOKING_SEERS_409 } },
  bookingReschedule: {
    path: async (api) => `/bookings/${await residentBooking(api)}/reschedule`, body: { date: '2026-12-24', start: '07:00', version: 99 }, headers: idem,
    expect: { ...BOOKING_OUTSIDERS, ...BOOKING_SEERS_409 },
  },
  centreDay: { path: '/centres/ct-mingshan/days/2026-12-24' },
  // A code nobody holds today: who is admitted shows as 404.
  bookingCheckIn: { path: '/centres/ct-mingshan/check-ins', body: { code: '000000' }, expect: { service_staff: 404, community_admin: 404, street_admin: 404 } },
  bookingWalkIn: { path: '/centres/ct-mingshan/walk-ins', body: { offeringId: 'juzhu' }, headers: idem },
  // The booking's slot has not started: who is admitted shows as 409.
  bookingNoShow: { path: async (api) => `/bookings/${await residentBooking(api)}/no-show`, body: { version: 1 }, expect: { service_staff: 409, community_admin: 409, street_admin: 409 } },
  pauseLift: { path: '/residents/u-demo-resident/booking-pause/lifting' },
  // Nobody here waits or holds an offer for this slot: who is admitted shows as 409 / 404.
  waitlistJoin: { path: '/centres/ct-mingshan/waitlist', body: WAIT_PROBE, headers: idem, expect: Object.fromEntries(ROLES.map((r) => [r, 409])) },
  waitlistAccept: { path: '/centres/ct-mingshan/waitlist/acceptance', body: WAIT_PROBE, headers: idem, expect: Object.fromEntries(ROLES.map((r) => [r, 409])) },
  waitlistLeave: { path: '/centres/ct-mingshan/waitlist/withdrawal', body: WAIT_PROBE, expect: Object.fromEntries(ROLES.map((r) => [r, 404])) },
  waitlistMine: { path: '/waitlist/mine' },
  centreDisplaced: { path: '/centres/ct-mingshan/displaced' },
  errandCreate: { path: '/errands', body: { centreId: 'ct-mingshan', offeringId: 'juzhu', mode: 'errand', note: '矩阵测试代办', address: '矩阵测试地址' }, headers: idem },
  errandsMine: { path: '/errands/mine' },
  // The demo resident's errand: only he and those who run it see it (others are told it does not exist).
  errandGet: { path: async (api) => `/errands/${await residentErrand(api)}`, expect: ERRAND_OUTSIDERS },
  // An old version changes nothing: who may act shows as 409, others as 404.
  errandStep: { path: async (api) => `/errands/${await residentErrand(api)}/steps`, body: { step: 'cancel', version: 99 }, expect: { ...ERRAND_OUTSIDERS, resident: 409, grid_worker: 409, parttime_grid_worker: 409, service_staff: 409, community_admin: 409, street_admin: 409 } },
  centreErrands: { path: '/centres/ct-mingshan/errands' },
  gridErrands: { path: '/grids/gd-ms-1/errands' },
  bookingReport: { path: '/communities/cm-mingshan/booking-report?from=2026-11-23' },
  calendarGet: { path: '/calendar' },
  calendarPut: { path: '/calendar/2030', body: { holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }], workdays: [] } },
  uploadCreate: { path: '/uploads', body: { contentType: 'image/jpeg', size: 1024 } },
  pointsMine: { path: '/points/me' },
  unitCreate: { path: '/units', body: { communityId: 'cm-mingshan', name: '矩阵登记' }, headers: idem },
  unitsList: { path: '/units', expect: NO_COMMUNITY },
  unitReportIn: {
    path: async (api) => {
      const u = await newUnit(api);
      unitCode = u.code;
      return `/units/${u.id}/membership`;
    },
    get body() {
      return { code: unitCode };
    },
  },
  unitReport: { path: '/communities/cm-mingshan/unit-report' },
  teamCreate: { path: '/teams', body: { communityId: 'cm-mingshan', name: '矩阵成立', captainId: 'u-demo-volunteer' }, headers: idem },
  teamsList: { path: '/teams', expect: NO_COMMUNITY },
  // Residents of 名山社区 join; the others are told the team is not theirs.
  teamGet: { path: async (api) => `/teams/${await newTeam(api)}` },
  teamJoin: { path: async (api) => `/teams/${await newTeam(api)}/membership`, expect: { street_admin: 403, platform_admin: 403 } },
  // Only members (the captain), the community and the street see the list.
  teamMembers: { path: async (api) => `/teams/${await newTeam(api)}/members`, expect: { ...ALL(403), volunteer: 200, community_admin: 200, street_admin: 200 } },
  // Removing someone who is not a member: who may remove shows as 404, the others 403.
  teamLeave: { path: async (api) => `/teams/${await newTeam(api)}/members/u-demo-rider/removal`, expect: { ...ALL(403), rider: 404, volunteer: 404, community_admin: 404, street_admin: 404 } },
  serviceRecord: { path: '/communities/cm-mingshan/service-record?from=2026-01-01&to=2030-12-31' },
  serviceReport: {
    path: '/points/service-reports',
    body: { kind: 'civility', description: '劝导电动车不要进楼道充电', occurredOn: '2026-12-01' },
    headers: idem,
    expect: NO_COMMUNITY,
  },
  serviceReports: { path: '/points/service-reports' },
  serviceDecision: { path: async (api) => `/points/service-reports/${await newServiceReport(api)}/decision`, body: { approve: false, note: '矩阵测试' } },
  leaderboard: { path: '/points/leaderboard', expect: NO_COMMUNITY },
  boardPreference: { path: '/points/me/board-preference', body: { hideName: false } },
  pointsCredit: { path: '/points/credits', body: { userId: 'u-demo-resident', points: 1, reason: '矩阵测试' }, headers: idem },
  pointsReverse: { path: newCredit, body: { reason: '矩阵测试冲正' } },
  sitesList: { path: '/redemption-sites' },
  siteCreate: { path: '/redemption-sites', body: { name: '矩阵兑换点', communityId: 'cm-mingshan', address: '矩阵地址', hours: '全天开放' }, headers: idem },
  siteGet: { path: '/redemption-sites/ps-mingshan', expect: { platform_admin: 403 } },
  rewardCreate: { path: '/redemption-sites/ps-mingshan/rewards', body: { name: '矩阵上架', cost: 1, stock: 1 }, headers: idem },
  rewardUpdate: { path: '/redemption-sites/ps-mingshan/rewards/rw-tissue', body: { name: '抽纸一提', cost: 20, stock: 100 } },
  // Only the demo volunteer and resident hold enough points; the site serves 名山社区 only.
  redeem: { path: '/redemptions', body: { siteId: 'ps-mingshan', rewardId: 'rw-tissue' }, headers: idem, expect: { ...POOR, department_staff: 409, street_admin: 403, platform_admin: 403 } },
  redemptionsMine: { path: '/redemptions/mine' },
  redemptionGet: { path: async (api) => `/redemptions/${await volunteerRedemption(api)}`, expect: ONLY_VOLUNTEER },
  redemptionCancel: { path: async (api) => `/redemptions/${await volunteerRedemption(api)}/cancellation`, expect: ONLY_VOLUNTEER },
  redemptionCollect: {
    path: async (api) => (await volunteerRedemption(api), '/redemption-sites/ps-mingshan/collections'),
    get body() {
      return { code: lastPickupCode };
    },
  },
  codeLookUp: { path: async (api) => (await volunteerRedemption(api), `/redemption-sites/ps-mingshan/codes/${lastPickupCode}`) },
  activityCancel: { path: async (api) => `/activities/${await newActivity(api)}/cancellation`, expect: { ...ALL(403), community_admin: 200, street_admin: 200 } },
  activitiesList: { path: '/activities', expect: NO_COMMUNITY },
  activityCreate: {
    path: '/activities',
    body: { communityId: 'cm-mingshan', title: '矩阵发布', place: '广场', start: tomorrowStart.toISOString(), end: new Date(tomorrowStart.getTime() + 3600_000).toISOString(), places: 5, reward: { per: 'person', points: 5 } },
    headers: idem,
    // Without a team, only the community's staff publish.
    expect: { ...ALL(403), community_admin: 201, street_admin: 201 },
  },
  activityGet: { path: '/activities/act-demo-visit' },
  activitySignup: { path: async (api) => `/activities/${await newActivity(api)}/signup` },
  // Nobody signed up for a fresh activity: who is admitted shows as 404 (not signed up), not 401/403.
  activityWithdraw: { path: async (api) => `/activities/${await newActivity(api)}/withdrawal`, expect: Object.fromEntries(ROLES.map((r) => [r, 404])) },
  // A wrong code: who is admitted shows as 400.
  activityCheckIn: { path: '/activities/act-demo-visit/check-ins', body: { code: '000000' }, expect: Object.fromEntries(ROLES.map((r) => [r, 400])) },
  activitySignups: { path: '/activities/act-demo-visit/signups', expect: Object.fromEntries(ROLES.filter((r) => r !== 'community_admin' && r !== 'street_admin').map((r) => [r, 403])) },
  // The demo activity starts tomorrow: its organisers are told it has not started.
  activityConfirm: {
    path: '/activities/act-demo-visit/attendance',
    body: { attendees: [{ userId: 'u-demo-volunteer' }] },
    expect: { ...Object.fromEntries(ROLES.map((r) => [r, 403])), community_admin: 409, street_admin: 409 },
  },
  // Nobody in the demo is linked to the demo resident: who is admitted shows as 403.
  hoursGive: { path: '/points/transfers', body: { toUserId: 'u-demo-resident', minutes: 60 }, headers: idem, expect: ALL(403) },
  needPost: {
    path: '/needs',
    body: { kind: 'company', title: '矩阵陪伴', place: '名山小区', when: tomorrowStart.toISOString(), minutes: 60 },
    headers: idem,
    expect: NO_COMMUNITY,
  },
  needsList: { path: '/needs' },
  needGet: { path: async (api) => `/needs/${await newNeed(api)}`, expect: { ...ALL(403), resident: 200, volunteer: 200, parttime_grid_worker: 200, community_admin: 200, street_admin: 200 } },
  needTake: { path: async (api) => `/needs/${await newNeed(api)}/take`, expect: { ...ALL(403), volunteer: 200, parttime_grid_worker: 200 } },
  needAssign: { path: async (api) => `/needs/${await newNeed(api)}/assignment`, body: { volunteerId: 'u-demo-volunteer' } },
  // An open need is nobody's to finish: who is admitted shows as 403.
  needDone: { path: async (api) => `/needs/${await newNeed(api)}/done`, body: { minutes: 30 }, expect: ALL(403) },
  needConfirm: { path: async (api) => `/needs/${await newNeed(api)}/confirmation`, body: { score: 5 }, expect: { ...ALL(403), resident: 409 } },
  needCancel: { path: async (api) => `/needs/${await newNeed(api)}/cancellation`, expect: { ...ALL(403), resident: 200, community_admin: 200, street_admin: 200 } },
  // Anyone of the community reads its duty lists; who has none (the platform admin) is 403. The department staff
  // member registered a home in 名山社区 earlier in the walk (PUT /me/registration), so he reads them as a resident.
  dutyListsGet: { path: '/communities/cm-mingshan/duty-lists', expect: { platform_admin: 403 } },
  dutyListsPut: {
    path: async (api) => {
      const res = await api.call('GET', '/communities/cm-mingshan/duty-lists', { token: await api.tokenFor('community_admin') });
      listVersion = res.body.lists.version as number;
      return '/communities/cm-mingshan/duty-lists';
    },
    get body() {
      return { performs: [{ name: '矩阵测试履职事项' }], version: listVersion };
    },
  },
  staffAlertsGet: { path: '/communities/cm-mingshan/staff-alerts' },
  staffAlertsPut: {
    path: async (api) => {
      const res = await api.call('GET', '/communities/cm-mingshan/staff-alerts', { token: await api.tokenFor('community_admin') });
      alertVersion = res.body.alerts.version as number;
      return '/communities/cm-mingshan/staff-alerts';
    },
    get body() {
      return { communityWebhook: null, grids: [], version: alertVersion };
    },
  },
  categoryAdmission: { path: '/communities/cm-mingshan/categories/fix-road/grid-admission', body: { gridAdmitted: true } },
  requestAction: {
    path: async (api) => `/requests/${await newRequest(api)}/actions`,
    body: { action: 'accept', version: 1 },
    expect: { community_admin: 403, street_admin: 403, department_staff: 403, property_staff: 403, team_member: 403 },
  },
  // The grid team (网格团队): the demo sanitation member of grid 1 is probed (his roles never change here).
  gridTeam: { path: '/grids/gd-ms-1/team' },
  gridTeamAdd: { path: '/grids/gd-ms-1/team', body: { userId: 'u-demo-u-sanitation', teamRole: 'sanitation', specialties: ['环境卫生'] }, expect: { community_admin: 200 } },
  gridTeamChange: { path: memberVersion, body: CHANGE_BODY },
  gridTeamRemove: {
    path: async (api) => {
      await api.call('POST', '/grids/gd-ms-3/team', { token: await api.tokenFor('community_admin'), body: { userId: 'u-demo-u-sanitation', teamRole: 'sanitation', specialties: ['环境卫生'], alsoGrids: ['gd-ms-1'] } });
      return '/grids/gd-ms-3/team/u-demo-u-sanitation';
    },
  },
  teamQueue: { path: '/team/requests' },
  // The demo police officer takes safety and dispute items only: a road item is not his to claim.
  requestClaim: { path: async (api) => `/requests/${await newRequest(api)}/claim`, body: { version: 1 }, expect: { team_member: 403 } },
  propertyBoard: { path: '/communities/cm-mingshan/property-board?from=2026-12-01&to=2026-12-31' },
};

describe('authorization on every route × role', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('has a probe for every route in the route table', () => {
    expect(Object.keys(PROBES).sort()).toEqual(routeList.map((r) => r.name).sort());
  });

  const callers: Caller[] = ['anonymous', ...ROLES];
  const expectedStatus = (route: (typeof routeList)[number], caller: Caller): number => {
    // Partner routes admit whoever holds the partner's key (the probes carry it), signed in or not.
    const admitted =
      route.access === 'public' ||
      isPartnerAccess(route.access) ||
      (caller !== 'anonymous' && (route.access === 'user' || route.access.includes(caller)));
    return PROBES[route.name]!.expect?.[caller] ?? (admitted ? route.status : caller === 'anonymous' ? 401 : 403);
  };
  for (const route of routeList) {
    for (const caller of callers) {
      const probe = PROBES[route.name]!;
      const expected = expectedStatus(route, caller);
      it(`${route.method} ${route.path} as ${caller} → ${expected}`, async () => {
        const token = caller === 'anonymous' ? null : await api.tokenFor(caller);
        familyCaller = token;
        const path = typeof probe.path === 'function' ? await probe.path(api) : probe.path;
        const res = probe.rawForm
          ? await api.call(route.method, path, { token, rawBody: probe.rawForm, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
          : await api.call(route.method, path, { token, body: probe.body, headers: probe.headers?.() });
        probe.after?.(api, caller);
        expect({ status: res.status, body: res.status === expected ? null : res.body }).toEqual({ status: expected, body: null });
      });
    }
  }

  // Every answer above went through the harness's check against /openapi.json (a mismatch fails its test).
  it('got an answer matching /openapi.json from every route, and its success answer wherever the walk expects one', () => {
    const missing: string[] = [];
    for (const route of routeList) {
      const seen = checkedAnswers.get(route.name);
      if (!seen?.size) missing.push(`${route.name}: no answer checked`);
      const expectsSuccess = callers.some((c) => expectedStatus(route, c) < 300);
      if (expectsSuccess && ![...(seen ?? [])].some((s) => s >= 200 && s < 300)) missing.push(`${route.name}: no success answer checked (seen ${[...(seen ?? [])].join(', ')})`);
    }
    expect(missing).toEqual([]);
  });

  it('checks authorization before validation: an anonymous or unauthorised bad body gets 401/403, not 400', async () => {
    expect((await api.call('POST', '/stations', { body: { junk: true } })).status).toBe(401);
    const rider = await api.tokenFor('rider');
    expect((await api.call('POST', '/stations', { token: rider, body: { junk: true } })).status).toBe(403);
    expect((await api.call('GET', '/stations/nearby?lat=bad')).status).toBe(401);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await api.call('GET', '/nope')).status).toBe(404);
    expect((await api.call('DELETE', '/health')).status).toBe(405);
  });
});
