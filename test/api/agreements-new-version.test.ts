import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { agreementVersions } from '../../src/modules/agreements/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 6 and API.md "Agreements" (with agreements.test.ts): a new version from a draft through consultation
// with comments and answers and every party's adoption to in force; versions never change once published.

const TODAY = '2026-11-23T10:00:00+01:00';
const at = (day: string) => `${day}T10:00:00+01:00`;
const varmland = 'agreement-17';
const errorPaths = (res: { body: { errors?: { path: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.path);

/** Calls a server's API as a user, whose session is logged in on the day it is used (tests move the clock). */
function caller(server: () => TestServer) {
  const tokens: Record<string, string> = {};
  const as = async (username: string, now: string) => {
    const key = `${username}@${now.slice(0, 10)}`;
    tokens[key] ??= await server().login(username, { now });
    return tokens[key];
  };
  return async (username: string | null, method: string, path: string, body?: unknown, now = TODAY) =>
    server().api(method, path, { token: username ? await as(username, now) : undefined, body, now });
}

describe('API: agreements, a new version', () => {
  describe('a new version through consultation and adoption', () => {
    // One story in steps, each starting where the one before ended (a draft, a consultation, comments, the
    // parties' decisions), so the steps are subtests of one test, which runs them in this order.
    let s: TestServer;
    const call = caller(() => s);
    before(async () => {
      s = await startTestServer();
    });
    after(() => s.close());
    const v2 = `/api/agreements/${varmland}/versions/2`;
    let sectionKey: string;

    test('version 2 from a draft to in force', async (t) => {
      await t.test('only an agreement administrator of a party may draft a version', async () => {
        assert.equal(
          (await call('chef.soc.karlstad', 'POST', `/api/agreements/${varmland}/versions`)).status,
          403,
        );
        const other = await call('avtal.orebro', 'POST', `/api/agreements/${varmland}/versions`);
        assert.equal(other.status, 403, 'an administrator in another county is not a party');
        assert.equal((await call('soc.arvika', 'GET', v2)).status, 404, 'nothing was drafted');
      });

      await t.test(
        'the administrator drafts version 2 from version 1; a second draft at the same time is 409',
        async () => {
          const res = await call('avtal.varmland', 'POST', `/api/agreements/${varmland}/versions`);
          assert.equal(res.status, 201);
          assert.deepEqual(res.body.pendingVersion, { number: 2, state: 'draft' });
          assert.equal(res.body.currentVersion.number, 1, 'version 1 stays in force');
          assert.equal(
            (await call('avtal.varmland', 'POST', `/api/agreements/${varmland}/versions`)).status,
            409,
          );
          const version = (await call('soc.arvika', 'GET', v2)).body;
          sectionKey = version.sections[0].children[0].key;
          assert.equal(version.state, 'draft');
        },
      );

      await t.test('version 1 is published and cannot be edited: 409', async () => {
        const res = await call(
          'avtal.varmland',
          'PUT',
          `/api/agreements/${varmland}/versions/1/sections/${sectionKey}`,
          {
            heading: 'Bakgrund',
            text: 'Ändrad',
          },
        );
        assert.equal(res.status, 409);
      });

      await t.test('contradicting dates are 422 with Swedish messages, and nothing changes', async () => {
        const terms = {
          startsOn: '2028-01-01',
          endsOn: '2027-12-31',
          noticeMonths: 12,
          extensionMonths: 24,
          noticeRecipient: 'Politiska styrgruppen',
          changeNote: null,
        };
        const backwards = await call('avtal.varmland', 'PUT', `${v2}/terms`, terms);
        assert.equal(backwards.status, 422);
        assert.deepEqual(errorPaths(backwards), ['endsOn']);
        assert.match(backwards.body.errors[0].message, /Slutdatum kan inte vara före startdatum/);
        const tooLong = await call('avtal.varmland', 'PUT', `${v2}/terms`, {
          ...terms,
          endsOn: '2028-06-30',
          extensionMonths: 6,
        });
        assert.equal(tooLong.status, 422);
        assert.ok(errorPaths(tooLong).includes('noticeMonths'));
        assert.equal((await call('soc.arvika', 'GET', v2)).body.terms.startsOn, '2021-01-01');
        const badDate = await call('avtal.varmland', 'PUT', `${v2}/terms`, {
          ...terms,
          startsOn: '2028-02-30',
        });
        assert.equal(badDate.status, 400);
      });

      await t.test('the draft’s text changes, and the comparison shows what changed', async () => {
        const res = await call('avtal.varmland', 'PUT', `${v2}/sections/${sectionKey}`, {
          heading: 'Bakgrund',
          text: 'Ny bakgrund med brukarrådets synpunkter.',
        });
        assert.equal(res.status, 200);
        const added = await call('avtal.varmland', 'POST', `${v2}/sections`, {
          parentKey: null,
          heading: 'Digital samverkan',
          text: 'Sömlös används för SIP.',
        });
        assert.equal(added.status, 200);
        const cmp = await call('soc.arvika', 'GET', `/api/agreements/${varmland}/comparison?from=1&to=2`);
        assert.equal(cmp.status, 200);
        const changed = cmp.body.changes.find((c: { key: string }) => c.key === sectionKey);
        assert.equal(changed.change, 'changed');
        assert.ok(
          changed.text.some(
            (p: { added: boolean; value: string }) => p.added && /brukarrådets/.test(p.value),
          ),
        );
        assert.ok(
          cmp.body.changes.some(
            (c: { change: string; heading: { after: string } }) =>
              c.change === 'added' && c.heading.after === 'Digital samverkan',
          ),
        );
        assert.equal(cmp.body.changes.filter((c: { change: string }) => c.change === 'removed').length, 0);
      });

      await t.test(
        'a consultation must close after today and go to organisations of the county',
        async () => {
          const past = await call('avtal.varmland', 'POST', `${v2}/consultation`, {
            closesOn: '2026-11-23',
            inviteePrincipalIds: ['principal-17-nsph'],
          });
          assert.equal(past.status, 422);
          assert.deepEqual(errorPaths(past), ['closesOn']);
          const elsewhere = await call('avtal.varmland', 'POST', `${v2}/consultation`, {
            closesOn: '2026-12-15',
            inviteePrincipalIds: ['principal-18-nsph'],
          });
          assert.equal(elsewhere.status, 422);
          const res = await call('avtal.varmland', 'POST', `${v2}/consultation`, {
            closesOn: '2026-12-15',
            inviteePrincipalIds: ['principal-17-nsph'],
          });
          assert.equal(res.status, 200);
          assert.deepEqual(res.body.pendingVersion, { number: 2, state: 'consultation' });
        },
      );

      await t.test('in consultation the text is fixed: 409', async () => {
        const res = await call('avtal.varmland', 'PUT', `${v2}/sections/${sectionKey}`, {
          heading: 'X',
          text: 'Y',
        });
        assert.equal(res.status, 409);
      });

      await t.test(
        'only invited organisations comment, section by section, until the closing date',
        async () => {
          const comment = {
            sectionKey,
            text: 'Skriv in att brukarorganisationerna ska bjudas in till uppföljningen.',
          };
          assert.equal((await call('soc.karlstad', 'POST', `${v2}/comments`, comment)).status, 403);
          const bad = await call('nsph.varmland', 'POST', `${v2}/comments`, {
            ...comment,
            sectionKey: 'nope',
          });
          assert.equal(bad.status, 422);
          const ok = await call('nsph.varmland', 'POST', `${v2}/comments`, comment);
          assert.equal(ok.status, 201);
          assert.equal(ok.body.consultation.comments.length, 1);
          assert.equal(ok.body.consultation.comments[0].principalName, 'NSPH Värmland');
          const lastDay = await call('nsph.varmland', 'POST', `${v2}/comments`, comment, at('2026-12-15'));
          assert.equal(lastDay.status, 201, 'the closing date itself is still open');
          const late = await call('nsph.varmland', 'POST', `${v2}/comments`, comment, at('2026-12-16'));
          assert.equal(late.status, 409);
          assert.match(late.body.detail, /Remisstiden gick ut 2026-12-15/);
        },
      );

      await t.test(
        'the version goes to the parties only after the closing date and when every comment is answered',
        async () => {
          assert.equal((await call('avtal.varmland', 'POST', `${v2}/decision`)).status, 409, 'still open');
          const unanswered = await call(
            'avtal.varmland',
            'POST',
            `${v2}/decision`,
            undefined,
            at('2026-12-16'),
          );
          assert.equal(unanswered.status, 409);
          assert.match(unanswered.body.detail, /2 synpunkter är inte besvarade/);
          const comments = (await call('soc.arvika', 'GET', v2)).body.consultation.comments;
          assert.equal(
            (
              await call('nsph.varmland', 'POST', `${v2}/comments/${comments[0].id}/answer`, {
                answer: 'Nej',
              })
            ).status,
            403,
            'the commenting organisation does not answer itself',
          );
          for (const c of comments) {
            const res = await call('avtal.varmland', 'POST', `${v2}/comments/${c.id}/answer`, {
              answer: 'Tillagt under Uppföljning.',
            });
            assert.equal(res.status, 200);
          }
          const again = await call('avtal.varmland', 'POST', `${v2}/comments/${comments[0].id}/answer`, {
            answer: 'x',
          });
          assert.equal(again.status, 409);
          const pdf = await call('soc.arvika', 'GET', `${v2}/consultation.pdf`);
          assert.equal(pdf.status, 200);
          assert.equal(pdf.headers.get('content-type'), 'application/pdf');
          assert.ok(pdf.text.startsWith('%PDF'));
          const sent = await call('avtal.varmland', 'POST', `${v2}/decision`, undefined, at('2026-12-16'));
          assert.equal(sent.status, 200);
          assert.deepEqual(sent.body.pendingVersion, { number: 2, state: 'decision' });
        },
      );

      await t.test(
        'each party’s decision is recorded; the version enters into force only when every party has adopted it',
        async () => {
          const now = at('2027-02-01');
          const parties: { principalId: string }[] = (
            await call('soc.arvika', 'GET', `/api/agreements/${varmland}`, undefined, now)
          ).body.parties;
          const decision = (principalId: string, decidedOn = '2027-01-20') => ({
            principalId,
            decidedOn,
            body: principalId.startsWith('region') ? 'Regionstyrelsen' : 'Socialnämnden',
            reference: `Dnr ${principalId}`,
          });
          const outsider = await call(
            'avtal.varmland',
            'POST',
            `${v2}/adoptions`,
            decision('municipality-1880'),
            now,
          );
          assert.equal(outsider.status, 422);
          assert.deepEqual(errorPaths(outsider), ['principalId']);
          const future = await call(
            'avtal.varmland',
            'POST',
            `${v2}/adoptions`,
            decision('region-17', '2027-03-01'),
            now,
          );
          assert.equal(future.status, 422);
          assert.deepEqual(errorPaths(future), ['decidedOn']);
          for (const p of parties.slice(0, -1)) {
            const res = await call('avtal.varmland', 'POST', `${v2}/adoptions`, decision(p.principalId), now);
            assert.equal(res.status, 200, p.principalId);
            assert.equal(res.body.currentVersion.number, 1, 'not in force before every party has adopted it');
          }
          const twice = await call(
            'avtal.varmland',
            'POST',
            `${v2}/adoptions`,
            decision(parties[0]!.principalId),
            now,
          );
          assert.equal(twice.status, 409);
          const last = await call(
            'avtal.varmland',
            'POST',
            `${v2}/adoptions`,
            decision(parties.at(-1)!.principalId),
            now,
          );
          assert.equal(last.status, 200);
          assert.equal(last.body.currentVersion.number, 2, 'in force once the last party has adopted it');
          assert.equal(last.body.status, 'inForce');
          assert.equal(last.body.pendingVersion, null);
          assert.ok(
            last.body.parties.every((p: { adoption: { body: string } }) =>
              /nämnd|styrelse/.test(p.adoption.body),
            ),
          );
          const read = await call('soc.arvika', 'GET', `/api/agreements/${varmland}`, undefined, now);
          assert.ok(read.body.sections.some((x: { heading: string }) => x.heading === 'Digital samverkan'));
          const [stored] = await s.database.db
            .select()
            .from(agreementVersions)
            .where(eq(agreementVersions.id, `${varmland}-v1`));
          assert.equal(stored!.stage, 'decision', 'version 1 is kept as it was');
        },
      );

      await t.test('an adopted version cannot be edited: 409', async () => {
        const res = await call(
          'avtal.varmland',
          'PUT',
          `${v2}/sections/${sectionKey}`,
          { heading: 'X', text: 'Y' },
          at('2027-02-01'),
        );
        assert.equal(res.status, 409);
      });
    });
  });
});
