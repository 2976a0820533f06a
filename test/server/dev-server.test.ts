// `npm start`'s handler inside a real Vite dev server on loopback: ALLOW_ORIGINS
// admits another origin (preflight and ask), Vite's own CORS rules do not get in
// the way, and a page from anywhere else is still refused.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createServer, type ViteDevServer } from 'vite';
import { allowOriginsFromEnv, askStreamDevServer } from '../../demo/dev-server-plugin.js';
import { ENDPOINT, parseSse } from './helpers.js';

describe('npm start: ALLOW_ORIGINS', () => {
  let vite: ViteDevServer;
  let base: string;

  before(async () => {
    vite = await createServer({
      configFile: false,
      logLevel: 'silent',
      plugins: [askStreamDevServer({ ALLOW_ORIGINS: 'https://site.example, https://docs.example/' })],
      server: { host: '127.0.0.1', port: 0, strictPort: false, watch: null, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await vite.listen();
    base = `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}`;
  });
  after(() => vite?.close());

  it('reads a comma-separated list', () => {
    assert.deepEqual(allowOriginsFromEnv({ ALLOW_ORIGINS: ' https://a.example ,https://b.example/,, ' }), [
      'https://a.example',
      'https://b.example',
    ]);
    assert.deepEqual(allowOriginsFromEnv({}), []);
  });

  it('answers the preflight of an allowed origin, with the resume headers', async () => {
    const response = await fetch(base + ENDPOINT, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://site.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key, last-event-id',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://site.example');
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /idempotency-key/);
  });

  it('answers an allowed origin and refuses another', async () => {
    const ask = (origin: string) =>
      fetch(base + ENDPOINT, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', 'idempotency-key': `k-${origin.length}-${Date.now()}` },
        body: JSON.stringify({ query: 'How do I theme it?' }),
      });
    const allowed = await ask('https://docs.example');
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://docs.example');
    const { frames, ids } = parseSse(await allowed.text());
    assert.equal(frames.at(-1)?.type, 'complete');
    assert.equal(ids[0], '1');
    const refused = await ask('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    await refused.body?.cancel();
  });
});
