import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerModules } from './manifest.ts';

// A kind of object with an access rule shows in the access log's pages; without a Swedish name for it, its
// code word would. So a manifest whose rule has no label does not start.
test('an access rule without a label in objectLabels stops the start', () => {
  const unlabelled = {
    name: 'unlabelled-probe',
    apiRoutes: [],
    webRoutes: [],
    jobs: [],
    accessRules: { probe: async () => null },
    events: [],
    reactions: {},
  };
  assert.throws(() => registerModules([unlabelled]), /access rule for probe has no objectLabels entry/);
});
