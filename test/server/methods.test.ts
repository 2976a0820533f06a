import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createServer, type ViteDevServer } from 'vite';
import { askStreamDevServer } from '../../demo/dev-server-plugin.js';
import { createAskStreamHandler } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import { ENDPOINT, listen, rawHttp, type RawResponse, type Running } from './helpers.js';

/** What no response may ever carry: a stack frame, a source path, node_modules. */
const STACK = /\bat \S+ \(|node_modules|\.[cm]?[jt]s:\d+|Error:/;

const raw = (base: string, method: string, host = new URL(base).host) =>
  rawHttp(base, `${method} ${ENDPOINT} HTTP/1.1\r\nHost: ${host}`);

function assertRefused(response: RawResponse, method: string) {
  assert.equal(response.status, 405, method);
  assert.equal(response.headers.allow, 'POST, OPTIONS', method);
  assert.doesNotMatch(response.body, STACK, method);
}

describe('every method answered: 405 with Allow, never a stack trace', () => {
  let calls = 0;
  const backend = () => {
    calls++;
    return { response: 'x' };
  };
  let bare: Running;
  let middleware: Running;
  let nextCalls = 0;
  before(async () => {
    const node = toNodeHandler(createAskStreamHandler({ backend }));
    bare = await listen(node);
    // Mounted as Express or Connect would, with a next() that must never run.
    middleware = await listen((req, res) =>
      node(req, res, () => {
        nextCalls++;
        res.statusCode = 500;
        res.end('next() was called');
      }),
    );
  });
  after(() => Promise.all([bare.close(), middleware.close()]));

  // TRACK and CONNECT never reach a node:http listener (its parser refuses
  // TRACK, and CONNECT goes to the server's 'connect' event); other servers
  // may hand them over, and the adapter answers them the same way.
  it('TRACE, which a Web Request cannot even carry, gets 405 from the Node adapter', async () => {
    for (const server of [bare, middleware]) assertRefused(await raw(server.url, 'TRACE'), 'TRACE');
    assert.equal(nextCalls, 0);
    assert.equal(calls, 0);
  });

  it('any other method but POST and OPTIONS gets 405 from the handler, through the adapter too', async () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'PURGE', 'LINK']) {
      const response = await raw(bare.url, method);
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.allow, 'POST, OPTIONS', method);
    }
    const handler = createAskStreamHandler({ backend });
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'X-CUSTOM']) {
      const response = await handler(new Request('http://localhost/', { method }));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST, OPTIONS', method);
    }
    assert.equal(calls, 0);
  });

  it('the adapter answers 405 with its own Allow for any Web handler', async () => {
    const server = await listen(toNodeHandler(() => new Response('ok')));
    const custom = await listen(toNodeHandler(() => new Response('ok'), { allow: 'GET' }));
    try {
      const response = await raw(server.url, 'TRACE');
      assert.equal(response.status, 405);
      assert.equal(response.headers.allow, 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
      assert.equal((await raw(custom.url, 'TRACE')).headers.allow, 'GET');
    } finally {
      await Promise.all([server.close(), custom.close()]);
    }
  });
});

describe('under npm start (the Vite dev server with the ask-stream plugin)', () => {
  let vite: ViteDevServer;
  let base: string;
  before(async () => {
    vite = await createServer({
      configFile: false,
      logLevel: 'silent',
      plugins: [askStreamDevServer({})],
      server: { host: '127.0.0.1', port: 0, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await vite.listen();
    base = `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}`;
  });
  after(() => vite.close());

  it('TRACE gets 405 with Allow: a short text, no HTML error page, no stack', async () => {
    const response = await raw(base, 'TRACE');
    assertRefused(response, 'TRACE');
    assert.equal(response.body, 'Method Not Allowed');
  });

  it('a malformed Host gets no stack either, GET a 405, and POST still answers', async () => {
    // Vite's own host check may answer first (403); either way, no stack.
    const bad = await raw(base, 'POST', 'user@evil.example');
    assert.ok(bad.status === 400 || bad.status === 403, String(bad.status));
    assert.doesNotMatch(bad.body, STACK);
    assertRefused(await raw(base, 'GET'), 'GET');
    const response = await fetch(base + ENDPOINT, { method: 'POST', body: '{"query":"theme"}' });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /"type":"complete"/);
  });
});
