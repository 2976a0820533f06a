import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAskStreamHandler, type BackendContext } from '../../src/server/index.js';
import { ENDPOINT, rawHttp, receive, startHandler, types, type Running } from './helpers.js';

const EVIL = 'http://evil.example';
const BODY = '{"query":"q"}';

/** A POST as raw bytes: request target, Host and Origin exactly as given. */
const rawPost = (server: Running, target: string, headers: Record<string, string>) =>
  rawHttp(
    server.url,
    [
      `POST ${target} HTTP/1.1`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      'Content-Type: application/json',
      `Content-Length: ${BODY.length}`,
    ].join('\r\n'),
    BODY,
  );

describe('same-origin check: the configured origin or the Host header, never the request path', () => {
  // Mounted at the root, as in the plain node:http set-up of docs/server.md.
  let server: Running;
  let host: string;
  let calls: BackendContext[] = [];
  before(async () => {
    server = await startHandler({
      backend: (_q, context) => {
        calls.push(context);
        return { response: 'answered' };
      },
    });
    host = new URL(server.url).host;
  });
  after(() => server.close());

  const refusals: [string, string, Record<string, string>][] = [
    ['a //evil.example/ path', '//evil.example/', {}],
    ['a //evil.example/ path to the endpoint', `//evil.example${ENDPOINT}`, {}],
    ['a /\\evil.example/ path', '/\\evil.example/', {}],
    ['an absolute-form target naming evil.example', `${EVIL}/`, {}],
    ['an absolute-form target naming evil.example with a port', `${EVIL}:8080/x`, {}],
  ];
  for (const [what, target, extra] of refusals) {
    it(`refuses ${what} from a page on evil.example: 403, backend never called`, async () => {
      calls = [];
      const response = await rawPost(server, target, { Host: host, Origin: EVIL, ...extra });
      assert.equal(response.status, 403);
      assert.equal(response.headers['access-control-allow-origin'], undefined);
      assert.equal(calls.length, 0);
    });
  }

  it('refuses a page whose Origin is not the Host it sent the request to, both ways round', async () => {
    calls = [];
    assert.equal((await rawPost(server, '/', { Host: host, Origin: EVIL })).status, 403);
    assert.equal((await rawPost(server, '/', { Host: 'evil.example', Origin: server.url })).status, 403);
    assert.equal(
      (await rawPost(server, '/', { Host: 'evil.example:80', Origin: 'http://evil.example:81' })).status,
      403,
    );
    assert.equal(calls.length, 0);
  });

  it('serves its own pages, with the request URL on its own host whatever the path', async () => {
    calls = [];
    const own = await rawPost(server, '//evil.example/', { Host: host, Origin: server.url });
    assert.equal(own.status, 200);
    assert.deepEqual(types((await receive(new Response(own.body))).frames), ['start', 'chunk', 'complete']);
    assert.equal(calls.length, 1);
    assert.equal(new URL(calls[0]!.request.url).host, host);
    assert.equal(new URL(calls[0]!.request.url).pathname, '//evil.example/');
  });

  it('takes an absolute-form target for its path only', async () => {
    calls = [];
    const response = await rawPost(server, `${EVIL}${ENDPOINT}?x=1`, { Host: host });
    assert.equal(response.status, 200);
    assert.equal(calls[0]!.request.url, `${server.url}${ENDPOINT}?x=1`);
  });

  it('answers a malformed Host with 400 before anything runs', async () => {
    calls = [];
    for (const bad of ['evil.example/x', 'user@evil.example', 'evil.example?', 'a b']) {
      const response = await rawPost(server, '/', { Host: bad, Origin: EVIL });
      assert.equal(response.status, 400, bad);
      assert.equal(response.body, 'Bad Request');
    }
    assert.equal(calls.length, 0);
  });
});

describe('publicOrigin', () => {
  let server: Running;
  let calls = 0;
  const PUBLIC = 'https://www.example.com';
  before(async () => {
    server = await startHandler({
      publicOrigin: PUBLIC,
      backend: () => {
        calls++;
        return { response: 'answered' };
      },
    });
  });
  after(() => server.close());

  it('is the only origin taken as same-origin: not the Host, which a DNS-rebinding page controls', async () => {
    calls = 0;
    assert.equal((await rawPost(server, '/', { Host: 'evil.example', Origin: EVIL })).status, 403);
    assert.equal((await rawPost(server, '/', { Host: new URL(server.url).host, Origin: server.url })).status, 403);
    assert.equal(
      (await rawPost(server, '/', { Host: 'www.example.com', Origin: 'http://www.example.com' })).status,
      403,
    );
    assert.equal(calls, 0);
    const own = await rawPost(server, '/', { Host: 'internal:8080', Origin: PUBLIC });
    assert.equal(own.status, 200);
    assert.equal(calls, 1);
  });

  it('must be an origin: a TypeError at construction otherwise', () => {
    for (const bad of ['www.example.com', 'https://www.example.com/app', 'not a url', 'https://user@example.com']) {
      assert.throws(
        () => createAskStreamHandler({ backend: () => ({ response: '' }), publicOrigin: bad }),
        (e: unknown) => e instanceof TypeError && /publicOrigin/.test(e.message),
        bad,
      );
    }
  });
});

describe('same-origin check in any runtime (the Web handler alone)', () => {
  let calls = 0;
  const handler = createAskStreamHandler({
    onError: () => {},
    backend: () => {
      calls++;
      return { response: 'answered' };
    },
  });
  const ask = (url: string, headers: Record<string, string>) =>
    handler(
      new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: BODY }),
    );

  it('goes by the Host header when the runtime passes one, not the URL', async () => {
    calls = 0;
    // A runtime that built the URL from the path would say evil.example here.
    const response = await ask(`${EVIL}/`, { host: 'ask.example.org', origin: EVIL });
    assert.equal(response.status, 403);
    assert.equal(calls, 0);
    const own = await ask(`${EVIL}/`, { host: 'ask.example.org', origin: 'https://ask.example.org' });
    assert.equal(own.status, 200);
    await own.text();
    assert.equal(calls, 1);
  });

  it("falls back on the URL's host when there is no Host header (HTTP/2's :authority)", async () => {
    const own = await ask('https://ask.example.org/api', { origin: 'https://ask.example.org' });
    assert.equal(own.status, 200);
    await own.text();
    assert.equal((await ask('https://ask.example.org/api', { origin: EVIL })).status, 403);
  });
});
