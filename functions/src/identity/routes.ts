/** Identity routes: WeChat login, who I am, my grid, the communities I oversee. */
import { CommunitiesResponse, LoginRequest, LoginResponse, MeResponse, MyGridResponse } from '@linli/shared';
import type { Deps } from '../composition';
import { routeFor } from '../platform/http/route';
import { getMe, getMyGrid, loginWithWeChat, myCommunities } from './domain/login';

const route = routeFor<Deps>();

export const identityRoutes = {
  login: route({
    method: 'POST', path: '/auth/wechat', access: 'public', summary: '微信登录（code2Session），返回会话令牌', body: LoginRequest, response: LoginResponse, status: 200,
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
};
