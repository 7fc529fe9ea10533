import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { legalBasis } from './legal-basis.ts';

// No paragraph is cited that nothing read supports (issue 25: "use only paragraph numbers you can support"). Every
// "N kap. M §" in the discharge module's code, pages, migration and decision must be one that legal-basis.ts marks
// checked; a rule whose paragraph was not read cites the law and chapter only ("enligt lagens 4 kap.").

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const here = join(root, 'src/modules/discharge');
const files = [
  ...readdirSync(here)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(here, f)),
  ...readdirSync(join(root, 'views/discharge')).map((f) => join(root, 'views/discharge', f)),
  join(root, 'src/db/migrations/0019_discharge_planning.sql'),
  join(root, 'docs/decisions/0023-discharge-planning.md'),
];
const paragraph = /\b\d+ kap\. \d+(?:[–-]\d+)?(?: [a-z])? §§?/g;

const checked = new Set(
  Object.values(legalBasis)
    .filter((b) => b.paragraphChecked)
    .flatMap((b) => b.cites.match(paragraph) ?? []),
);

test('the checked citations are the paragraphs read: the law’s first three, its 5 kap. 6 § and patientlagen’s', () => {
  assert.deepEqual([...checked].sort(), ['1 kap. 1 §', '1 kap. 1–3 §§', '3 kap. 2 b §', '5 kap. 6 §']);
});

test('every paragraph the discharge module cites is one a text read supports', () => {
  const unsupported = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        (line.match(paragraph) ?? [])
          .filter((p) => !checked.has(p))
          .map((p) => `${relative(root, file)}:${i + 1}: ${p}`),
      ),
  );
  assert.deepEqual(unsupported, []);
});

test('a rule whose paragraph was not read cites no paragraph', () => {
  for (const [rule, basis] of Object.entries(legalBasis))
    if (!basis.paragraphChecked) assert.doesNotMatch(basis.cites, /§/, rule);
});
