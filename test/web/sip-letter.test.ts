import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { oneLine, pdfInfo, pdfText } from '../helpers/pdf-text.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { consentFor, type Json, NOW, tolvan, type World, world } from '../helpers/sip-world.ts';

// Issue 23, item 5: the invitation letter (kallelse) in easy Swedish to the person, and to a relative when the
// person agreed that relatives take part: when, where (a place, a video link), who will come, what a SIP is. A
// page behind login for those who see the SIP, read through the access layer and logged as a printout.

describe('the invitation letter to the person, as a PDF', () => {
  let s: TestServer;
  let w: World;
  let sip: Json;
  let invitation: Json;
  const letter = (username: string, path: string) =>
    s.webLogin(new Browser(s.url, {}, { now: NOW }), username).then((b) => b.download(path));
  const pathOf = (sipId: string, invitationId: string, to = '') =>
    `/sip/${sipId}/kallelser/${invitationId}/brev.pdf${to ? `?till=${to}` : ''}`;

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    sip = await w.active();
    const invite = (body: Json) =>
      w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, body);
    const res = await invite({
      unitId: w.unit('soc.karlstad'),
      meetingAt: '2026-12-01T13:00:00+01:00',
      place: 'Vuxenpsykiatrin, Älvgatan 4, Karlstad',
      videoLink: 'https://mote.example.se/sip-4711',
      externalParticipants: [{ kind: 'forsakringskassan', note: 'Handläggare' }],
    });
    assert.equal(res.status, 201, res.text);
    invitation = res.body;
    // Another meeting of the same SIP: not this letter's.
    const other = await invite({ unitId: w.unit('soc.karlstad'), meetingAt: '2026-12-09T10:00:00+01:00' });
    assert.equal(other.status, 201, other.text);
  });
  after(() => s.close());

  test('to the person: when, where, who comes and what a SIP is, in easy Swedish; logged as a printout', async () => {
    const before = (await s.database.db.select().from(accessLog)).length;
    const res = await letter('psykiatri.karlstad', pathOf(sip.id, invitation.id));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', /filename="kallelse-sip\.pdf"/);
    const text = oneLine(pdfText(res.body));
    for (const phrase of [
      'Kallelse till möte om din SIP',
      'Hej Tolvan Tolvansson!',
      'Du är välkommen till ett möte om din samordnade individuella plan, SIP.',
      'När är mötet? Tisdag 1 december 2026 Klockan 13.00',
      'Var är mötet? Vuxenpsykiatrin, Älvgatan 4, Karlstad',
      'Du kan också vara med på video. Använd den här länken: https://mote.example.se/sip-4711',
      'Vilka kommer?',
      'Vuxenpsykiatri Karlstad, Region Värmland',
      'Socialtjänst vuxen, Karlstad, Karlstads kommun',
      'Försäkringskassan: Handläggare',
      'SIP betyder samordnad individuell plan.',
      'Det är du som bestämmer vad du vill berätta.',
      // (pdf-text.ts reads a few of Roboto's glyphs wrongly, a capital J among them: the phrase after "Ja.")
      'Du får gärna ta med en närstående eller någon annan som du litar på.',
      'Hör av dig till Vuxenpsykiatri Karlstad, Region Värmland så snart du kan.',
      'Välkommen!',
    ])
      assert.ok(text.includes(phrase), `the letter says: ${phrase}\n${text}`);
    for (const never of ['1212', 'Klockan 10.00', 'Behöver samordnade insatser'])
      assert.ok(!text.includes(never), `the letter does not say ${never}`);
    assert.equal(pdfInfo(res.body).Title, 'Kallelse till SIP-möte', 'the file’s title names the kind only');
    const rows = await s.database.db.select().from(accessLog).orderBy(accessLog.seq);
    const logged = rows.slice(before);
    assert.deepEqual(
      logged.map((r) => [r.action, r.objectId]),
      [['print', sip.id]],
    );
  });

  test('to a relative, when the person agreed that relatives take part', async () => {
    const res = await letter('psykiatri.karlstad', pathOf(sip.id, invitation.id, 'narstaende'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /kallelse-sip-narstaende\.pdf/);
    const text = oneLine(pdfText(res.body));
    assert.ok(text.includes('Kallelse till möte om en SIP'));
    assert.ok(
      text.includes(
        'Tolvan Tolvansson vill att du är med på ett möte om sin samordnade individuella plan, SIP.',
      ),
    );
    assert.ok(!text.includes('Får jag ta med någon?'));
  });

  test('the invited unit prints it too; an outsider, a wrong meeting or a relative not agreed to get no letter', async () => {
    assert.equal((await letter('soc.karlstad', pathOf(sip.id, invitation.id))).status, 200);
    const outsider = await letter('soc.arvika', pathOf(sip.id, invitation.id));
    assert.equal(outsider.status, 404);
    assert.ok(!outsider.body.toString().includes('Tolvan'));
    assert.equal(
      (await letter('psykiatri.karlstad', pathOf(sip.id, '00000000-0000-4000-8000-000000000000'))).status,
      404,
    );

    const without = await w.start('psykiatri.karlstad', { ...tolvan, name: 'Utan Närstående' });
    const consent = await w.by('psykiatri.karlstad')('POST', `/api/sips/${without.id}/consent`, {
      ...consentFor(['region-17', 'municipality-1780']),
      relativesMayTakePart: false,
    });
    assert.equal(consent.status, 200, consent.text);
    const invited = await w.invite(without, w.unit('soc.karlstad'));
    const refused = await s
      .webLogin(new Browser(s.url, {}, { now: NOW }), 'psykiatri.karlstad')
      .then((b) => b.request('GET', pathOf(without.id, invited.id, 'narstaende')));
    assert.equal(refused.status, 409);
    assert.match(refused.text, /Personen har inte samtyckt till att närstående är med/);
    const own = oneLine(pdfText((await letter('psykiatri.karlstad', pathOf(without.id, invited.id))).body));
    assert.ok(own.includes('Säg till oss innan mötet om du vill att en närstående är med.'));
  });

  test('a person with protected identity is not named in the letter', async () => {
    const hidden = await w.start('psykiatri.karlstad', {
      personalIdentityNumber: '19730101-9001',
      name: 'Hemlig Hemlundsson',
    });
    await w.consent(hidden);
    const invited = await w.invite(hidden, w.unit('soc.karlstad'));
    await s.database.db
      .update(persons)
      .set({ protectedIdentity: true })
      .where(eq(persons.id, hidden.person.id));
    for (const to of ['', 'narstaende']) {
      const text = oneLine(
        pdfText((await letter('psykiatri.karlstad', pathOf(hidden.id, invited.id, to))).body),
      );
      assert.ok(!text.includes('Hemlig') && !text.includes('Hemlundsson'), text);
      assert.ok(text.includes('Hej!'));
    }
  });
});
