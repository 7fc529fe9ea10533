import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeValidity, termProblems } from './validity.ts';

// Värmland "Giltighetstid": "gäller från och med 2021-01-01 – 2023-12-31. Senast tolv månader innan avtalstiden
// löper ut har part möjlighet att säga upp avtalet. ... förlängs det med två år i taget med en uppsägningstid av
// tolv månader."
const varmland = { startsOn: '2021-01-01', endsOn: '2023-12-31', noticeMonths: 12, extensionMonths: 24 };
const on = (today: string, noticeGivenOn: string | null = null) =>
  computeValidity(varmland, today, noticeGivenOn);

describe('Värmland validity and renewal', () => {
  it('on 2026-11-23 runs until 2027-12-31 and notice must be given by 2026-12-31', () => {
    const v = on('2026-11-23');
    assert.equal(v.currentEndsOn, '2027-12-31');
    assert.equal(v.noticeDeadline, '2026-12-31');
    assert.equal(v.noticeGivenOn, null);
  });

  it('the day before and the day of the deadline keep it; the day after moves it to the next period', () => {
    assert.equal(on('2026-12-30').noticeDeadline, '2026-12-31');
    assert.equal(on('2026-12-31').noticeDeadline, '2026-12-31');
    assert.equal(on('2027-01-01').noticeDeadline, '2028-12-31');
    assert.equal(on('2027-01-01').currentEndsOn, '2027-12-31');
  });

  it('the period ends on its last day and the next begins the day after', () => {
    assert.equal(on('2027-12-31').currentEndsOn, '2027-12-31');
    assert.equal(on('2028-01-01').currentEndsOn, '2029-12-31');
    assert.equal(on('2023-12-31').currentEndsOn, '2023-12-31');
    assert.equal(on('2024-01-01').currentEndsOn, '2025-12-31');
  });

  it('before the start, the first period and its deadline apply', () => {
    const v = on('2020-06-01');
    assert.equal(v.currentEndsOn, '2023-12-31');
    assert.equal(v.noticeDeadline, '2022-12-31');
  });

  it('a notice given by the deadline ends the agreement at the current period’s end, with no extension', () => {
    assert.equal(on('2027-06-01', '2026-12-31').currentEndsOn, '2027-12-31');
    assert.equal(on('2028-06-01', '2026-12-31').currentEndsOn, '2027-12-31');
    assert.equal(on('2028-06-01', '2026-12-31').noticeGivenOn, '2026-12-31');
  });

  it('a notice given the day after the deadline ends it at the next period’s end', () => {
    assert.equal(on('2027-01-01', '2027-01-01').currentEndsOn, '2029-12-31');
  });
});

describe('terms without extension', () => {
  const fixed = { startsOn: '2024-01-01', endsOn: '2025-12-31', noticeMonths: 6, extensionMonths: null };
  it('end at the end date; no deadline once it has passed', () => {
    assert.equal(computeValidity(fixed, '2025-06-30', null).noticeDeadline, '2025-06-30');
    assert.equal(computeValidity(fixed, '2025-07-01', null).noticeDeadline, null);
    assert.equal(computeValidity(fixed, '2026-03-01', null).currentEndsOn, '2025-12-31');
  });
  it('open-ended terms have no end and no deadline', () => {
    const open = computeValidity(
      { startsOn: '2020-01-01', endsOn: null, noticeMonths: null, extensionMonths: null },
      '2026-11-23',
      null,
    );
    assert.equal(open.currentEndsOn, null);
    assert.equal(open.noticeDeadline, null);
  });
});

describe('contradicting terms', () => {
  it('an end before the start is refused at endsOn', () => {
    const problems = termProblems({ ...varmland, endsOn: '2020-12-31' });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['endsOn'],
    );
    assert.match(problems[0]!.message, /Slutdatum kan inte vara före startdatum/);
  });
  it('a notice longer than the period is refused at noticeMonths', () => {
    const problems = termProblems({ ...varmland, endsOn: '2021-06-30' });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['noticeMonths'],
    );
    assert.match(problems[0]!.message, /längre än avtalsperioden \(6 månader\)/);
    assert.equal(termProblems({ ...varmland, extensionMonths: 6 })[0]?.path, 'noticeMonths');
  });
  it('Värmland’s own terms are consistent', () => {
    assert.deepEqual(termProblems(varmland), []);
  });
});
