/** The 12345 platform's answers (网格+热线), callable with its API key as the ticket import is, or by the street's and community's admins. */
import {
  HotlineAnswerResponse, HotlineExtensionAnswerBody, HotlineImportJobBody, HotlineImportJobParams, HotlineImportJobResponse, HotlineTicketParams, HotlineVisitBody,
  IdempotencyKeyHeader,
} from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { getImportJob, startImportJob } from './domain/hotline-import-jobs';
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
  hotlineImportStart: route({
    method: 'POST', path: '/hotline/imports', access: ['community_admin', 'street_admin'],
    summary: '导入已上传的工单文件（CSV 含表头，或 JSON Lines；需 Idempotency-Key；后台分批导入，同一工单编号只生成一件事项）',
    body: HotlineImportJobBody, response: HotlineImportJobResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { job, created } = await startImportJob(deps, actor, body, key, now);
      return createdOrReplayed(created, { job });
    },
  }),
  hotlineImportGet: route({
    method: 'GET', path: '/hotline/imports/{id}', access: ['community_admin', 'street_admin'],
    summary: '工单文件导入进度与报告（总数、已导入、重复跳过、失败行及原因）',
    params: HotlineImportJobParams, response: HotlineImportJobResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ job: await getImportJob(deps, actor, params.id) }),
  }),
};
