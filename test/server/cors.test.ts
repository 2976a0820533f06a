import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENDPOINT, post, receive, startHandler, types, type Running } from './helpers.js';

const FRIEND = 'https://friend.example';
const STRANGER = 'https://evil.example';

function preflight(base: string, origin: string, requestHeaders?: string): Promise<Response> {
  const headers: Record<string, string> = { origin, 'access-control-request-method': 'POST' };
  if (requestHeaders) headers['access-control-request-headers'] = requestHeaders;
  return fetch(base + ENDPOINT, { method: 'OPTIONS', headers });
}

describe('CORS', () => {
  let list: Running;
  let predicate: Running;
  let closed: Running;
  let calls = 0;
  const backend = () => {
    calls++;
    return { response: 'hello' };
  };
  before(async () => {
    list = await startHandler({ backend, allowOrigins: [FRIEND] });
    predicate = await startHandler({ backend, allowOrigins: (o) => o.endsWith('.friend.example') });
    closed = await startHandler({ backend });
  });
  after(() => Promise.all([list.close(), predicate.close(), closed.close()]));

  it('answers an allowed preflight with 204 and the CORS headers', async () => {
    const response = await preflight(list.url, FRIEND, 'content-type,authorization,x-tenant');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), FRIEND);
    assert.equal(response.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type,authorization,x-tenant');
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('allows content-type, authorization and accept when the preflight names no headers', async () => {
    const response = await preflight(list.url, FRIEND);
    assert.equal(response.headers.get('access-control-allow-headers'), 'Content-Type, Authorization, Accept');
  });

  it('refuses the preflight of an origin not listed: 403, no CORS headers', async () => {
    for (const server of [list, predicate, closed]) {
      const response = await preflight(server.url, STRANGER);
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-methods'), null);
    }
  });

  it('refuses every cross-origin caller by default (nothing beyond same-origin)', async () => {
    assert.equal((await preflight(closed.url, FRIEND)).status, 403);
    calls = 0;
    const response = await post(
      closed.url,
      { query: 'q' },
      { headers: { origin: FRIEND, 'content-type': 'text/plain' } },
    );
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await response.arrayBuffer();
    assert.equal(calls, 0, 'a refused origin costs no backend call');
  });

  it('adds Access-Control-Allow-Origin and Vary to the stream of an allowed origin', async () => {
    const response = await post(
      list.url,
      { query: 'q' },
      { headers: { origin: FRIEND, 'content-type': 'application/json' } },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), FRIEND);
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.deepEqual(types((await receive(response)).frames), ['start', 'chunk', 'complete']);
  });

  it('takes a predicate', async () => {
    assert.equal((await preflight(predicate.url, 'https://app.friend.example')).status, 204);
    assert.equal((await preflight(predicate.url, FRIEND)).status, 403);
    const response = await post(predicate.url, { query: 'q' }, { headers: { origin: 'https://app.friend.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.friend.example');
    await response.arrayBuffer();
  });

  it('fails closed when the predicate throws', async () => {
    const server = await startHandler({
      backend,
      allowOrigins: () => {
        throw new Error('bug');
      },
    });
    try {
      assert.equal((await preflight(server.url, FRIEND)).status, 403);
    } finally {
      await server.close();
    }
  });

  it("'*' in the list allows any origin, echoed back", async () => {
    const server = await startHandler({ backend, allowOrigins: ['*'] });
    try {
      const response = await preflight(server.url, STRANGER);
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), STRANGER);
    } finally {
      await server.close();
    }
  });

  it('always serves same-origin callers and callers without Origin, with no CORS headers', async () => {
    const own = await post(closed.url, { query: 'q' }, { headers: { origin: closed.url } });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(types((await receive(own)).frames), ['start', 'chunk', 'complete']);

    const proxied = await post(
      closed.url,
      { query: 'q' },
      { headers: { origin: 'https://public.example', 'sec-fetch-site': 'same-origin' } },
    );
    assert.equal(proxied.status, 200, 'Sec-Fetch-Site: same-origin is trusted behind proxies');
    await proxied.arrayBuffer();

    const none = await post(closed.url, { query: 'q' });
    assert.equal(none.status, 200);
    await none.arrayBuffer();
  });

  it('refuses Origin: null (sandboxed frames, file:) unless listed', async () => {
    assert.equal((await preflight(closed.url, 'null')).status, 403);
  });

  it('answers OPTIONS without Origin with 204 and Allow', async () => {
    const response = await fetch(closed.url + ENDPOINT, { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
  });
});
