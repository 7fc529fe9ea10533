import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// API.md "Running" and "Conventions": health, OpenAPI, problem+json for unknown routes and bad bodies.
describe('running and conventions', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('GET /health answers 200 {"status":"ok"} without login', async () => {
    const res = await s.api('GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  test('GET /health answers 503 when the database does not', async () => {
    const other = await startTestServer();
    await other.database.close();
    const res = await other.api('GET', '/health');
    assert.equal(res.status, 503);
    await other.app.close();
  });

  test('GET /api/openapi.json is an OpenAPI 3.1 document listing every /api route and no page', async () => {
    const res = await s.api('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/session', '/api/me', '/api/counties', '/api/units'])
      assert.ok(paths.includes(p), p);
    assert.ok(
      paths.every((p) => p.startsWith('/api/')),
      `only API routes: ${paths.join(', ')}`,
    );
    assert.ok(res.body.paths['/api/session'].post.requestBody, 'the login body schema is documented');
  });

  test('GET /api/openapi.json passes a standard OpenAPI validator, every $ref resolving', async () => {
    // Client generators refuse a document that the specification's schema or its references reject
    // (docs/decisions/0020-openapi-validation.md).
    const res = await s.api('GET', '/api/openapi.json');
    const result = await validate(res.body);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  });

  test('an unknown API route is 404 problem+json with a Swedish title', async () => {
    const res = await s.api('GET', '/api/finns-inte');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type')!, /^application\/problem\+json/);
    assert.deepEqual(Object.keys(res.body).sort(), ['detail', 'status', 'title', 'type']);
    assert.equal(res.body.title, 'Hittades inte');
    assert.equal(res.body.status, 404);
  });

  test('an unknown page is a Swedish 404 page', async () => {
    const res = await s.api('GET', '/finns-inte');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type')!, /text\/html/);
    assert.match(res.text, /<html lang="sv"/);
    assert.match(res.text, /Hittades inte/);
  });

  test('a path the router cannot read is answered in Swedish: problem+json under /api, a page elsewhere', async () => {
    const cases = [
      ['/api/sips/%E0%A4%A', 400, /^application\/problem\+json/],
      [`/api/sips/${'x'.repeat(150)}`, 414, /^application\/problem\+json/],
      ['/sip/%E0%A4%A', 400, /^text\/html/],
      [`/sip/${'x'.repeat(150)}`, 414, /^text\/html/],
    ] as const;
    for (const [path, status, type] of cases) {
      const res = await s.api('GET', path);
      assert.equal(res.status, status, path);
      assert.match(res.headers.get('content-type')!, type, path);
      assert.match(res.text, /Adressen är felaktig eller för lång/, path);
      assert.doesNotMatch(res.text, /FST_|fastify/i, path);
    }
  });

  test('malformed JSON is 400 problem+json', async () => {
    const res = await s.api('POST', '/api/session', { rawBody: '{"username": "x",' });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type')!, /^application\/problem\+json/);
    assert.equal(res.body.title, 'Felaktig begäran');
  });

  test('a body that breaks the schema is 400 with errors[] naming each field', async () => {
    const res = await s.api('POST', '/api/session', { body: { username: 42 } });
    assert.equal(res.status, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    assert.deepEqual(paths, ['password', 'username']);
    for (const e of res.body.errors) assert.ok(e.message.length > 0);
  });

  test('security headers: a CSP without unsafe-inline, no sniffing, no framing', async () => {
    const res = await s.api('GET', '/logga-in');
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'nonce-[^']+'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    // The one inline script of the GOV.UK template carries the nonce the header allows.
    const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)![1];
    assert.match(res.text, new RegExp(`<script nonce="${nonce}">`));
  });
});
