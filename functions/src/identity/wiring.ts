/**
 * The identity job's parts. `peoplePart` is the directory every job reads (users and their roles
 * version, places, family links, grid teams, property companies); `identityPart` adds what only the
 * identity function does (WeChat sign-in, invitations, applications, street maps).
 */
import { lazy, type Part } from '../platform/wiring';
import { DynamoApplicationRepository } from './adapters/dynamodb-application-repository';
import { DynamoFamilyRepository } from './adapters/dynamodb-family-repository';
import { DynamoGridTeamRepository, DynamoPropertyCompanyRepository } from './adapters/dynamodb-grid-team-repository';
import { DynamoInvitationRepository } from './adapters/dynamodb-invitation-repository';
import { DynamoPlaceRepository } from './adapters/dynamodb-place-repository';
import { DynamoStreetMapRepository } from './adapters/dynamodb-street-map-repository';
import { DynamoUserRepository } from './adapters/dynamodb-user-repository';
import { HttpWeChatAuth } from './adapters/http-wechat-auth';

export const peoplePart: Part = (d, { doc, table }) => {
  lazy(d, 'users', () => new DynamoUserRepository(doc, table));
  lazy(d, 'places', () => new DynamoPlaceRepository(doc, table));
  lazy(d, 'family', () => new DynamoFamilyRepository(doc, table));
  lazy(d, 'gridTeams', () => new DynamoGridTeamRepository(doc, table));
  lazy(d, 'propertyCompanies', () => new DynamoPropertyCompanyRepository(doc, table));
  // Every route checks the caller's roles version (a revocation bites on the next request).
  d.rolesVersionOf = (id: string) => d.users!.rolesVersion(id);
};

export const identityPart: Part = (d, ctx) => {
  const { doc, table, config } = ctx;
  lazy(d, 'invitations', () => new DynamoInvitationRepository(doc, table));
  lazy(d, 'applications', () => new DynamoApplicationRepository(doc, table));
  lazy(d, 'streetMaps', () => new DynamoStreetMapRepository(doc, table));
  lazy(d, 'wechat', () => new HttpWeChatAuth(config.WECHAT_API_BASE, config.WECHAT_APP_ID, ctx.secrets.get().wechatAppSecret, ctx.accessToken));
};
