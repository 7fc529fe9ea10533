// Run as a process of its own by test/architecture.test.ts: imports every file under src/modules (no tests) in a
// fresh process, where nothing has registered modules yet, and prints what importing them registered.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { accessRuleTypes } from '../../src/platform/access/access-layer.ts';
import { jobNames } from '../../src/platform/jobs/scheduler.ts';
import { unitClosedReactions } from '../../src/platform/modules/reactions.ts';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
const modules = files(join(import.meta.dirname, '../../src/modules'));
for (const file of modules) await import(file);
let reactions = true;
try {
  unitClosedReactions();
} catch {
  reactions = false;
}
console.log(
  JSON.stringify({ files: modules.length, accessRules: accessRuleTypes(), jobs: jobNames(), reactions }),
);
