// The person's own pages (issue 26, /mina-planer): its manifest. The person signs in with e-ID and reads their
// plans, changes their consent, sees who has read about them and downloads their data. It keeps no table and no
// access rule of its own: the SIPs are the SIP module's, read and changed through its self rule and its own
// consent changes (sip/index.ts), and the person's session and path to their data are the platform's
// (platform/auth/person-sessions.ts, platform/access/person-self.ts).
import type { AppSetup, ModuleManifest } from '../../platform/modules/manifest.ts';
import { myConsentWebRoutes } from './routes.web.consent.ts';
import { myPlansSignInRoutes } from './routes.web.sign-in.ts';
import { myPlansWebRoutes } from './routes.web.ts';

/** Signing in needs the person's e-ID providers, which the app makes when it starts. */
const signInRoutes = (setup: AppSetup) =>
  myPlansSignInRoutes({
    eid: setup.personEid,
    clockOverride: setup.config.ALLOW_CLOCK_OVERRIDE,
    demoPersons: setup.demoPersons,
  });

export const myPlansModule: ModuleManifest = {
  name: 'my-plans',
  apiRoutes: [],
  webRoutes: [myPlansWebRoutes, myConsentWebRoutes],
  webRoutesWithSetup: [signInRoutes],
  jobs: [],
  accessRules: {},
  events: [],
  reactions: {},
};
