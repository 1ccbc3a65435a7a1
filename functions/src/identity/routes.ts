/** Identity routes: WeChat login, who I am, my grid, the communities I oversee, joining as a resident. */
import {
  CommunitiesResponse, CommunityResidentsQuery, GridBoardResponse, GridParams, GridResidentsQuery, LocateQuery, LocateResponse, LoginRequest, LoginResponse, MeResponse, MyGridResponse,
  DeleteAccountBody, DeleteAccountResponse, RegisterBody, ResidentParams, ResidentResponse, ResidentsResponse, type Role, StreetCommunitiesResponse, StreetParams, StreetsResponse,
  VerifyResidentBody, CreateInvitationBody, IdempotencyKeyHeader, InvitationListQuery, InvitationListResponse, InvitationParams,
  InvitationResponse, ApplicationListQuery, ApplicationListResponse, ApplicationParams, ApplicationResponse, CreateApplicationBody, DecisionBody,
  RiderDeclarationBody, MiniProgramCodeResponse, BuildingsResponse, CommunityParams, StreetMapImportBody, StreetParamsWithImport, MapImportResponse, CreateFamilyLinkBody, FamilyCodeParams, FamilyLinkCodeResponse, FamilyLinksResponse, FamilyMemberParams,
} from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { applyAsGridHelper, decideApplication, declareRider, listApplications, myApplications } from './domain/applications';
import { activateStreetMap, importStreetMap } from './domain/map-imports';
import { consentFamilyLink, endFamilyLink, familyMiniProgramCode, listFamily, previewFamilyLink, requestFamilyLink } from './domain/family';
import { acceptInvitation, createInvitation, getInvitation, invitationMiniProgramCode, listInvitations, revokeInvitation } from './domain/invitations';
import { gridBoardCode, gridInfo } from './domain/grid-board';
import { gridTeamRoutes } from './team-routes';
import { getMe, getMyGrid, loginWithWeChat, myCommunities } from './domain/login';
import { buildingsOfCommunity, communitiesOfStreet, communityResidents, deleteAccount, gridResidents, listStreets, locatePlace, register, verifyResident } from './domain/registration';

const route = routeFor<Deps>();
/** Who looks after a grid's residents (the domain narrows it to their own grid, community or street). */
const RESIDENT_CARERS = ['grid_worker', 'community_admin', 'street_admin'] as const satisfies readonly Role[];
/** Who appoints staff (the domain narrows it to the roles and places each may give). */
const APPOINTERS = ['community_admin', 'street_admin', 'platform_admin'] as const satisfies readonly Role[];

export const identityRoutes = {
  login: route({
    method: 'POST', path: '/auth/wechat', access: 'public', summary: '微信登录（code2Session），返回会话令牌', body: LoginRequest, response: LoginResponse, status: 200, upstream: [401, 403, 429, 502],
    run: ({ body, deps, now }) => loginWithWeChat(deps, body.code, now),
  }),
  me: route({
    method: 'GET', path: '/me', access: 'user', summary: '当前用户', response: MeResponse, status: 200,
    run: async ({ actor, deps }) => ({ user: await getMe(deps, actor) }),
  }),
  myGrid: route({
    method: 'GET', path: '/me/grid', access: 'user', summary: '我的网格（公示网格信息）', response: MyGridResponse, status: 200,
    run: async ({ actor, deps }) => ({ grid: await getMyGrid(deps, actor) }),
  }),
  communities: route({
    method: 'GET', path: '/communities', access: ['grid_worker', 'community_admin', 'street_admin'], summary: '我管理的社区（街道：本街道全部社区）',
    response: CommunitiesResponse, status: 200,
    run: async ({ actor, deps }) => ({ items: await myCommunities(deps, actor) }),
  }),
  placesLocate: route({
    method: 'GET', path: '/places/locate', access: 'user', summary: '按位置找到所在街道、社区和网格（居民登记）', query: LocateQuery, response: LocateResponse, status: 200,
    run: async ({ query, deps }) => ({ place: await locatePlace(deps, query) }),
  }),
  placesStreets: route({
    method: 'GET', path: '/places/streets', access: 'user', summary: '已开通服务的街道（居民登记：手动选择）', response: StreetsResponse, status: 200,
    run: async ({ deps }) => ({ items: await listStreets(deps) }),
  }),
  streetCommunities: route({
    method: 'GET', path: '/places/streets/{id}/communities', access: 'user', summary: '街道下的社区及其网格', params: StreetParams, response: StreetCommunitiesResponse, status: 200,
    run: async ({ params, deps }) => ({ items: await communitiesOfStreet(deps, params.id) }),
  }),
  communityBuildings: route({
    method: 'GET', path: '/places/communities/{id}/buildings', access: 'user', summary: '社区的小区和楼栋（来自街道导入的地图；居民登记：手动选择）',
    params: CommunityParams, response: BuildingsResponse, status: 200,
    run: async ({ params, deps }) => ({ items: await buildingsOfCommunity(deps, params.id) }),
  }),
  register: route({
    method: 'PUT', path: '/me/registration', access: 'user', summary: '居民登记或搬家：住址、姓名、手机号；返回新的会话令牌',
    body: RegisterBody, response: LoginResponse, status: 200, upstream: [502],
    run: ({ actor, body, deps, now }) => register(deps, actor, body, now),
  }),
  accountDelete: route({
    method: 'POST', path: '/me/deletion', access: 'user', summary: '注销账号：姓名、手机号、住址随即删除，已反映的事项保留但不再显示姓名和手机号',
    body: DeleteAccountBody, response: DeleteAccountResponse, status: 200,
    run: async ({ actor, deps, now }) => {
      await deleteAccount(deps, actor, now);
      return { deleted: true as const };
    },
  }),
  gridBoard: route({
    method: 'GET', path: '/grids/{id}/board', access: 'public', summary: '网格公示牌：网格、社区、街道与网格员联系方式（公开，扫公示牌二维码打开）',
    params: GridParams, response: GridBoardResponse, status: 200,
    run: async ({ params, deps }) => ({ grid: await gridInfo(deps, params.id) }),
  }),
  gridBoardCode: route({
    method: 'GET', path: '/grids/{id}/board/wxacode', access: RESIDENT_CARERS, summary: '网格公示牌的小程序码（打印张贴，微信扫一扫打开公示牌页面）',
    params: GridParams, response: MiniProgramCodeResponse, status: 200, upstream: [502],
    run: ({ actor, params, deps }) => gridBoardCode(deps, actor, params.id),
  }),
  gridResidents: route({
    method: 'GET', path: '/grids/{id}/residents', access: RESIDENT_CARERS, summary: '网格内登记的居民（待核实的在前）',
    params: GridParams, query: GridResidentsQuery, response: ResidentsResponse, status: 200,
    run: async ({ actor, params, query, deps }) => ({ items: await gridResidents(deps, actor, params.id, query.status) }),
  }),
  communityResidents: route({
    method: 'GET', path: '/communities/{id}/residents', access: ['community_admin', 'street_admin'], summary: '按姓名查找本社区登记的居民（姓名开头几个字）',
    params: CommunityParams, query: CommunityResidentsQuery, response: ResidentsResponse, status: 200,
    run: async ({ actor, params, query, deps }) => ({ items: await communityResidents(deps, actor, params.id, query.name) }),
  }),
  residentVerify: route({
    method: 'POST', path: '/residents/{userId}/verification', access: RESIDENT_CARERS, summary: '网格员核实居民登记（可更正住址或网格）',
    params: ResidentParams, body: VerifyResidentBody, response: ResidentResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ resident: await verifyResident(deps, actor, params.userId, body, now) }),
  }),
  invitationCreate: route({
    method: 'POST', path: '/invitations', access: APPOINTERS, summary: '邀请人员担任岗位（需 Idempotency-Key；返回邀请码与二维码页面路径）',
    body: CreateInvitationBody, response: InvitationResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { invitation, created } = await createInvitation(deps, actor, body, key, now);
      return createdOrReplayed(created, { invitation });
    },
  }),
  invitationsList: route({
    method: 'GET', path: '/invitations', access: APPOINTERS, summary: '本社区（街道）的邀请（新的在前）；平台管理员按街道查看街道管理员邀请',
    query: InvitationListQuery, response: InvitationListResponse, status: 200,
    run: async ({ actor, query, deps, now }) => ({ items: await listInvitations(deps, actor, query, now) }),
  }),
  invitationGet: route({
    method: 'GET', path: '/invitations/{code}', access: 'user', summary: '查看邀请（持邀请码者）', params: InvitationParams, response: InvitationResponse, status: 200,
    run: async ({ params, deps, now }) => ({ invitation: await getInvitation(deps, params.code, now) }),
  }),
  invitationCode: route({
    method: 'GET', path: '/invitations/{code}/wxacode', access: APPOINTERS, summary: '未接受邀请的小程序码（微信扫一扫直接打开接受页面）',
    params: InvitationParams, response: MiniProgramCodeResponse, status: 200, upstream: [502],
    run: ({ actor, params, deps, now }) => invitationMiniProgramCode(deps, actor, params.code, now),
  }),
  invitationAccept: route({
    method: 'POST', path: '/invitations/{code}/acceptance', access: 'user', summary: '接受邀请：获得岗位，返回新的会话令牌',
    params: InvitationParams, response: LoginResponse, status: 200,
    run: ({ actor, params, deps, now }) => acceptInvitation(deps, actor, params.code, now),
  }),
  invitationRevoke: route({
    method: 'POST', path: '/invitations/{code}/revocation', access: APPOINTERS, summary: '撤销邀请；已接受的即收回岗位，其会话在下一次请求时失效',
    params: InvitationParams, response: InvitationResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ invitation: await revokeInvitation(deps, actor, params.code, now) }),
  }),
  familyRequest: route({
    method: 'POST', path: '/family-links', access: 'user', summary: '发起亲属关联（需 Idempotency-Key）：得到关联码，由家人用自己的微信打开并同意',
    body: CreateFamilyLinkBody, response: FamilyLinkCodeResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { request, created } = await requestFamilyLink(deps, actor, body, key, now);
      return createdOrReplayed(created, { request });
    },
  }),
  familyPreview: route({
    method: 'GET', path: '/family-links/{code}', access: 'user', summary: '查看亲属关联请求（持关联码者）', params: FamilyCodeParams, response: FamilyLinkCodeResponse, status: 200,
    run: async ({ params, deps, now }) => ({ request: await previewFamilyLink(deps, params.code, now) }),
  }),
  familyCode: route({
    method: 'GET', path: '/family-links/{code}/wxacode', access: 'user', summary: '关联码的小程序码（仅发起人；家人用微信扫一扫打开）',
    params: FamilyCodeParams, response: MiniProgramCodeResponse, status: 200, upstream: [502],
    run: ({ actor, params, deps, now }) => familyMiniProgramCode(deps, actor, params.code, now),
  }),
  familyConsent: route({
    method: 'POST', path: '/family-links/{code}/consent', access: 'user', summary: '同意亲属关联：发起人此后可以代我预约、查看我的积分',
    params: FamilyCodeParams, response: FamilyLinksResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ items: await consentFamilyLink(deps, actor, params.code, now) }),
  }),
  familyList: route({
    method: 'GET', path: '/me/family', access: 'user', summary: '我的亲属关联（我照看的人、照看我的人）', response: FamilyLinksResponse, status: 200,
    run: async ({ actor, deps }) => ({ items: await listFamily(deps, actor) }),
  }),
  familyEnd: route({
    method: 'POST', path: '/me/family/{userId}/revocation', access: 'user', summary: '解除亲属关联（任一方可随时解除）',
    params: FamilyMemberParams, response: FamilyLinksResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ items: await endFamilyLink(deps, actor, params.userId) }),
  }),
  riderDeclare: route({
    method: 'PUT', path: '/me/rider', access: 'user', summary: '登记（或取消）骑手身份及配送平台；返回新的会话令牌', body: RiderDeclarationBody, response: LoginResponse, status: 200,
    run: ({ actor, body, deps, now }) => declareRider(deps, actor, body, now),
  }),
  applicationCreate: route({
    method: 'POST', path: '/applications', access: ['rider'], summary: '骑手申请担任兼职网格员（需 Idempotency-Key）',
    body: CreateApplicationBody, response: ApplicationResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { application, created } = await applyAsGridHelper(deps, actor, body, key, now);
      return createdOrReplayed(created, { application });
    },
  }),
  applicationsList: route({
    method: 'GET', path: '/applications', access: ['community_admin', 'street_admin'], summary: '本社区的兼职网格员申请（新的在前）',
    query: ApplicationListQuery, response: ApplicationListResponse, status: 200,
    run: async ({ actor, query, deps }) => ({ items: await listApplications(deps, actor, query) }),
  }),
  applicationsMine: route({
    method: 'GET', path: '/me/applications', access: 'user', summary: '我的兼职网格员申请及审核结果（新的在前）', response: ApplicationListResponse, status: 200,
    run: async ({ actor, deps }) => ({ items: await myApplications(deps, actor) }),
  }),
  applicationDecide: route({
    method: 'POST', path: '/applications/{id}/decision', access: ['community_admin', 'street_admin'], summary: '审核兼职网格员申请：通过即任职（可在邀请列表中撤销）',
    params: ApplicationParams, body: DecisionBody, response: ApplicationResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ application: await decideApplication(deps, actor, params.id, body, now) }),
  }),
  mapImportCreate: route({
    method: 'POST', path: '/streets/{id}/map-imports', access: ['street_admin'],
    summary: '导入街道地图（社区、网格 GeoJSON，楼栋 CSV；需 Idempotency-Key）：整份检查，有问题逐条列出且不导入；通过后暂存，启用前不可见',
    params: StreetParams, body: StreetMapImportBody, response: MapImportResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const out = await importStreetMap(deps, actor, params.id, body, key, now);
      return createdOrReplayed(out.created, { import: out.import });
    },
  }),
  mapImportActivate: route({
    method: 'POST', path: '/streets/{id}/map-imports/{importId}/activation', access: ['street_admin'], summary: '启用暂存的街道地图：全街道的列表与定位即刻切换',
    params: StreetParamsWithImport, response: MapImportResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ import: await activateStreetMap(deps, actor, params.id, params.importId, now) }),
  }),
  ...gridTeamRoutes,
};
