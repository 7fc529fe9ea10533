// A script or test that runs the scheduled jobs without the web server imports this file: it registers every
// module's manifest (its jobs, and the access rules and reactions they rely on) explicitly, as buildApp does.
// main.ts runs the jobs on a timer and tests call runJobs with a clock of their choice.
import { manifests } from './manifests.ts';
import { registerModules } from './platform/modules/manifest.ts';

registerModules(manifests);
