import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presentPerson, protectedIdentityText } from './present.ts';

const person = {
  id: 'p1',
  personalIdentityNumber: '198112189876',
  name: 'Sara Svensson',
  protectedIdentity: false,
};

test('a person is shown by name and YYYYMMDD-NNNN everywhere', () => {
  for (const where of ['ownPage', 'elsewhere'] as const) {
    assert.deepEqual(presentPerson(person, where), {
      id: 'p1',
      name: 'Sara Svensson',
      personalIdentityNumber: '19811218-9876',
    });
  }
});

test('a person with protected identity is named only on their own pages', () => {
  const hidden = { ...person, protectedIdentity: true };
  assert.deepEqual(presentPerson(hidden, 'elsewhere'), {
    id: 'p1',
    name: protectedIdentityText,
    personalIdentityNumber: protectedIdentityText,
  });
  assert.equal(presentPerson(hidden, 'ownPage').name, 'Sara Svensson');
  assert.equal(protectedIdentityText, 'Skyddade personuppgifter');
});
