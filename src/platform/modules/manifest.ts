import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { type AccessRule, registerAccessRule, registerObjectLabel } from '../access/access-layer.ts';
import { registerSelfAccessRule, type SelfRule } from '../access/person-self.ts';
import type { EidProviders } from '../auth/oidc.ts';
import type { PersonEidProvider } from '../auth/person-eid.ts';
import { type EventListener, onEvent } from '../events/listeners.ts';
import type { EventType } from '../events/record-event.ts';
import { type Job, registerJob } from '../jobs/scheduler.ts';
import { type NoticeListener, onNoticesCreated } from '../notices/listeners.ts';
import { registerUnitClosedReactions, type UnitClosedReaction } from './reactions.ts';

/**
 * What a module (src/modules/<name>/) brings to the app, exported once from its index.ts. Nothing registers
 * itself when a file is imported: the app (src/app.ts, and src/jobs.ts for a process without the server)
 * passes the list of manifests (src/manifests.ts) to registerModules, which registers the access rules, jobs,
 * reactions and listeners, and buildApp registers the routes, in the order of the list.
 */
export type ModuleManifest = {
  /** The module's folder name. */
  name: string;
  /** Plugins with the module's /api routes. */
  apiRoutes: readonly FastifyPluginAsyncZod[];
  /** Plugins with the module's pages. */
  webRoutes: readonly FastifyPluginAsyncZod[];
  /**
   * Pages that need what the app is given when it starts (AppSetup below: its configuration, the person's e-ID
   * providers, main.ts's demo extras): each gives the plugin, its options put in, and buildApp registers it
   * after the module's webRoutes. Most modules have none.
   */
  webRoutesWithSetup?: readonly ((setup: AppSetup) => FastifyPluginAsyncZod)[];
  /** The module's scheduled jobs. */
  jobs: readonly Job[];
  /** The access rule of each kind of object about a person the module keeps (platform/access/access-layer.ts). */
  accessRules: Readonly<Record<string, AccessRule>>;
  /**
   * What the access log's pages call each kind of object in accessRules, in Swedish ("SIP"), so a log reviewer
   * or the person never reads a code word. A rule without a label stops the start.
   */
  objectLabels?: Readonly<Record<string, string>>;
  /**
   * The rule of each kind of object by which the person it is about reaches it on their own pages (issue 26,
   * platform/access/person-self.ts), where the module keeps such objects.
   */
  selfAccessRules?: Readonly<Record<string, SelfRule>>;
  /** Every event type the module records (its events.ts; the payloads are in the EventCatalogue). */
  events: readonly EventType[];
  /** What the module does when something happens elsewhere. */
  reactions: { unitClosed?: UnitClosedReaction };
  /** Nunjucks filters for the module's codes (its labels.ts), by name; registered on the views with the platform's. */
  viewFilters?: Readonly<Record<string, ViewFilter>>;
  /** What must follow, in the same transaction, when notices are created or events recorded (mail about work). */
  listeners?: {
    noticesCreated?: readonly NoticeListener[];
    events?: readonly { types: readonly string[]; listener: EventListener }[];
  };
};

/** A Nunjucks filter: a value (and any arguments) to what the page shows. */
export type ViewFilter = (...args: never[]) => unknown;

/**
 * What buildApp knows only when it starts, for a module's webRoutesWithSetup. In demo mode `demoPersons` are the
 * persons the demo e-ID provider knows (main.ts), listed on the person's sign-in page; otherwise none.
 */
export type AppSetup = {
  config: Config;
  /** The person's own e-ID providers: PERSON_OIDC_PROVIDERS, and the demo provider's entry in demo mode. */
  personEid: EidProviders<PersonEidProvider>;
  demoPersons: readonly { login: string; shows: string }[];
};

const registered = new Map<string, ModuleManifest>();
const eventOwners = new Map<string, string>();

/**
 * Registers each manifest's access rules (staff's and the person's own), jobs, event types and reactions. A
 * manifest already registered is left as it is (every test server builds the app again in the same process);
 * another manifest under a name taken, or an event type two modules claim, stops the start.
 */
export function registerModules(manifests: readonly ModuleManifest[]): void {
  const fresh = manifests.filter((m) => registered.get(m.name) !== m);
  for (const m of fresh) {
    if (registered.has(m.name)) throw new Error(`module ${m.name} registered twice`);
    for (const type of m.events) {
      const owner = eventOwners.get(type);
      if (owner && owner !== m.name) throw new Error(`event ${type} claimed by ${owner} and ${m.name}`);
      eventOwners.set(type, m.name);
    }
    for (const [objectType, rule] of Object.entries(m.accessRules)) {
      const label = m.objectLabels?.[objectType];
      if (!label)
        throw new Error(`module ${m.name}: the access rule for ${objectType} has no objectLabels entry`);
      registerAccessRule(objectType, rule);
      registerObjectLabel(objectType, label);
    }
    for (const [objectType, rule] of Object.entries(m.selfAccessRules ?? {}))
      registerSelfAccessRule(objectType, rule);
    for (const job of m.jobs) registerJob(job);
    for (const listener of m.listeners?.noticesCreated ?? []) onNoticesCreated(listener);
    for (const { types, listener } of m.listeners?.events ?? []) onEvent(types, listener);
    registered.set(m.name, m);
  }
  registerUnitClosedReactions(fresh.flatMap((m) => (m.reactions.unitClosed ? [m.reactions.unitClosed] : [])));
}
