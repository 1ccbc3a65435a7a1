/** The 12345 platform's answers (网格+热线), callable with its API key as the ticket import is, or by the street's and community's admins. */
import { HotlineAnswerResponse, HotlineExtensionAnswerBody, HotlineTicketParams, HotlineVisitBody } from '@linli/shared';
import type { Deps } from '../composition';
import { routeFor } from '../platform/http/route';
import { answerExtension, recordHotlineVisit } from './domain/hotline-inbound';

const route = routeFor<Deps>();

export const hotlineRoutes = {
  hotlineExtensionAnswer: route({
    method: 'POST', path: '/hotline/tickets/{externalId}/extension', access: ['community_admin', 'street_admin'], serviceKey: 'hotline',
    summary: '12345 平台答复延期申请（同意并给出新的热线时限，或不同意）',
    params: HotlineTicketParams, body: HotlineExtensionAnswerBody, response: HotlineAnswerResponse, status: 200,
    run: ({ actor, params, body, deps, now }) => answerExtension(deps, actor, params.externalId, body, now),
  }),
  hotlineVisit: route({
    method: 'POST', path: '/hotline/tickets/{externalId}/visit', access: ['community_admin', 'street_admin'], serviceKey: 'hotline',
    summary: '12345 平台回访结果（是否解决、是否满意；不满意则重新办理）',
    params: HotlineTicketParams, body: HotlineVisitBody, response: HotlineAnswerResponse, status: 200,
    run: ({ actor, params, body, deps, now }) => recordHotlineVisit(deps, actor, params.externalId, body, now),
  }),
};
