// The handler in workerd, Cloudflare Workers' own runtime (through miniflare):
// the Worker recipe of docs/deploy.md and a demo Worker, each bundled here as
// wrangler would (esbuild, platform browser, ES module, no Node shims and no
// `nodejs_compat` flag), then served on a loopback port and called over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Miniflare } from 'miniflare';
import { answerText, receive, types } from './helpers.js';
import { bundleForEdge } from './fixtures/edge-bundle.js';
import { HOLD, startFakeOpenAI, type FakeOpenAI } from './fixtures/fake-openai.js';
import { checkCors, checkDisconnect, checkFullStream, overHttp, recipeEnv, within } from './fixtures/deploy-checks.js';

/** A date the pinned workerd supports; docs/deploy.md tells users the same. */
const COMPATIBILITY_DATE = '2026-04-01';
/** The `heartbeatMs` of the Worker that shows a silent model being let go at the next ping. */
const PING_MS = 600;

async function startWorker(entry: string, bindings: Record<string, string> = {}) {
  const { code, nodeGlobals } = await bundleForEdge(entry);
  assert.deepEqual(nodeGlobals, [], `${entry} refers to no Node global`);
  const mf = new Miniflare({
    modules: true,
    script: code,
    compatibilityDate: COMPATIBILITY_DATE,
    bindings,
  });
  // The URL of workerd's own socket on loopback.
  const url = await mf.ready;
  return { mf, endpoint: new URL('/api/ask/stream', url).href };
}

describe('the handler in workerd (Cloudflare Workers runtime, via miniflare)', { timeout: 60_000 }, () => {
  let api: FakeOpenAI;
  let recipe: Awaited<ReturnType<typeof startWorker>>;
  let demo: Awaited<ReturnType<typeof startWorker>>;
  let pinging: Awaited<ReturnType<typeof startWorker>>;

  before(async () => {
    api = await startFakeOpenAI();
    [recipe, demo, pinging] = await Promise.all([
      startWorker('examples/deploy/cloudflare-worker.ts', recipeEnv(api)),
      startWorker('test/server/fixtures/demo-worker.ts'),
      startWorker('test/server/fixtures/ping-worker.ts', { ...recipeEnv(api), HEARTBEAT_MS: String(PING_MS) }),
    ]);
  });
  after(async () => {
    await Promise.all([recipe?.mf.dispose(), demo?.mf.dispose(), pinging?.mf.dispose()]);
    await api?.close();
  });

  it('the demo backend: a whole answer (start, chunks, metadata with sources, complete)', async () => {
    const response = await fetch(demo.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'Does it run on Cloudflare Workers?' }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const { frames, ids } = await receive(response);
    const kinds = types(frames);
    assert.equal(kinds[0], 'start');
    assert.ok(kinds.filter((k) => k === 'chunk').length > 1, `several chunks: ${kinds.join(', ')}`);
    assert.deepEqual(kinds.slice(-2), ['metadata', 'complete']);
    const metadata = frames.at(-2) as { sources?: { title: string; url?: string }[] };
    assert.ok((metadata.sources?.length ?? 0) > 0, 'the demo cites its documents');
    assert.ok(answerText(frames).length > 50, 'an answer of some length');
    assert.deepEqual(
      ids,
      frames.map((_, i) => String(i + 1)),
      'every frame carries its sequence number',
    );
  });

  it('the OpenAI-compatible backend (the Worker recipe): the model API streamed through, over loopback', async () => {
    await checkFullStream(overHttp(recipe.endpoint), api);
  });

  it('a visitor who leaves mid-answer aborts the upstream request (at the next token written)', async () => {
    // workerd notices a closed client connection when a write to it fails, not
    // while the stream is idle: the model keeps streaming here, as models do.
    // The runtime then cancels the request's outgoing fetches itself (with the
    // handler's own abort paths cut out, the upstream still closed): what is
    // proven is what a deployed Worker does, whichever path gets there first.
    await checkDisconnect(overHttp(recipe.endpoint), api, 'streaming');
  });

  it('a visitor who leaves while the model is silent: the upstream request closes at the next `: ping`', async () => {
    const held = api.held.length;
    const visit = await overHttp(pinging.endpoint).visit(HOLD);
    const left = performance.now();
    visit.leave();
    await within(api.held[held]!, 5000, 'the upstream request closed after the visitor left');
    const after = performance.now() - left;
    // Not before: workerd does not see the closed connection while nothing is written.
    // (The ping timer started with the first token, a little before the visitor left.)
    assert.ok(after > PING_MS / 2, `closed ${Math.round(after)} ms after the visitor left, not at once`);
  });

  it('CORS: an allowed origin gets its preflight headers, another origin is refused', async () => {
    await checkCors(overHttp(recipe.endpoint));
  });
});
