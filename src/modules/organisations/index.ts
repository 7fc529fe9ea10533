// The organisations module's public face: its manifest and what other modules use. Its tables (schema.ts) and
// the unit-name SQL (unit-names.ts) are the shared kernel that the platform and every module import directly
// (docs/ARCHITECTURE.md "Modules and their boundaries").
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { adminEventTypes } from './admin/admin-log.ts';
import { adminApiRoutes } from './admin/routes.api.ts';
import { adminWebRoutes } from './admin/routes.web.ts';
import { organisationViewFilters } from './labels.ts';
import { organisationsApiRoutes } from './routes.api.ts';
import { organisationsWebRoutes } from './routes.web.ts';

export const organisationsModule: ModuleManifest = {
  name: 'organisations',
  apiRoutes: [organisationsApiRoutes, adminApiRoutes],
  webRoutes: [organisationsWebRoutes, adminWebRoutes],
  jobs: [],
  accessRules: {},
  events: adminEventTypes,
  reactions: {},
  viewFilters: organisationViewFilters,
};

export { recordAdminChange } from './admin/admin-log.ts';
export { adminAccess, assertCountyAdmin, assertOwnCounty } from './admin/policy.ts';
export { assertCasePrincipals, assertCountyCategory } from './case-rules.ts';
export { roleLabel } from './labels.ts';
export {
  categoryLabels,
  currentBodyOf,
  listCategories,
  managersHold,
  managersHoldSql,
  nextLevel,
  type PathLevel,
  planEscalationPath,
  reachedBodyOf,
  readPath,
  resolveReceivers,
  savePath,
} from './ladder.ts';
export { bodyId, municipalityId, regionId } from './load-reference.ts';
export {
  countyGovernance,
  countyWithPrincipals,
  findCounty,
  listCounties,
  organisationNames,
  unitsOfPrincipals,
} from './queries.ts';
export {
  assertCareParties,
  careParty,
  careUnitsOfPrincipals,
  notCarePartyMessage,
} from './unit-kinds.ts';
