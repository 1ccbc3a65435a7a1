import { listCommunityReports } from '../stations/domain/reports';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.reportsOfCommunity, async ({ actor, query, deps }) => {
  const communityStreet = async (id: string) => (await deps.places.getCommunity(id))?.streetId ?? null;
  return { items: await listCommunityReports({ ...deps, communityStreet }, actor, query.communityId) };
});
