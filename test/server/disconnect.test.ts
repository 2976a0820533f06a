import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createAskStreamHandler, httpBackend, openAICompatibleBackend } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import { listen, waitFor, type Running } from './helpers.js';
import { frame } from '../support/sse-frame.mjs';

interface Upstream {
  running: Running;
  opened: number;
  closedAt: number[];
}

/** A fake upstream that takes requests and never finishes them; records when each closes. */
async function silentUpstream(): Promise<Upstream> {
  const upstream = { opened: 0, closedAt: [] as number[] } as Upstream;
  upstream.running = await listen((req, res) => {
    upstream.opened++;
    req.resume();
    res.on('close', () => upstream.closedAt.push(Date.now()));
    // An OpenAI-style upstream starts its stream, then stalls.
    if (req.url?.includes('chat/completions')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(frame({ choices: [{ delta: { content: 'tok' } }] }));
    }
  });
  return upstream;
}

/**
 * Opens a stream with a raw socket client, reads until `frames` frames arrived
 * and `ready()` holds, then drops the connection. Resolves with the time it did.
 */
function dropAfter(url: string, frames: number, ready: () => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/ask/stream`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json' },
    });
    req.on('error', () => {});
    req.on('response', (res) => {
      let text = '';
      let dropping = false;
      res.on('data', (c: Buffer) => {
        text += c.toString();
        if (dropping || text.split('\n\n').filter((b) => /^data:/m.test(b)).length < frames) return;
        dropping = true;
        waitFor(ready, 2000, 'the upstream request').then(() => {
          req.destroy();
          resolve(Date.now());
        }, reject);
      });
      res.on('end', () => reject(new Error(`stream ended early: ${text}`)));
    });
    req.end(JSON.stringify({ query: 'q' }));
  });
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('client disconnect', () => {
  for (const [name, makeBackend, frames] of [
    ['httpBackend', (url: string) => httpBackend(url), 1],
    ['openAICompatibleBackend', (url: string) => openAICompatibleBackend({ baseURL: `${url}/v1`, model: 'm' }), 2],
  ] as const) {
    it(`aborts the ${name} request at once, logs nothing and leaves no timer`, async () => {
      const upstream = await silentUpstream();
      const errors: unknown[] = [];
      const app = await listen(
        toNodeHandler(
          createAskStreamHandler({
            backend: makeBackend(upstream.running.url),
            timeoutMs: 20_000,
            heartbeatMs: 20_000,
            onError: (e) => errors.push(e),
          }),
        ),
      );
      try {
        const before = timers();
        const droppedAt = await dropAfter(app.url, frames, () => upstream.opened === 1);
        await waitFor(() => upstream.closedAt.length === 1, 2000, 'the upstream request to close');
        const lag = upstream.closedAt[0]! - droppedAt;
        assert.ok(lag < 500, `upstream closed ${lag} ms after the client left`);
        assert.equal(upstream.opened, 1);
        // The handler clears its timers last, after any error it would report.
        await waitFor(
          () => timers() <= before,
          2000,
          `the 20 s timeout/heartbeat to be cleared (${before} timers before)`,
        );
        assert.deepEqual(errors, [], 'a disconnect is not an error');
      } finally {
        await Promise.all([app.close(), upstream.running.close()]);
      }
    });
  }

  it('aborts the signal of an in-process backend and writes nothing more', async () => {
    let signal: AbortSignal | undefined;
    let yieldedAfterAbort = 0;
    const handler = createAskStreamHandler({
      onError: () => assert.fail('no error on disconnect'),
      backend: async function* (_q, ctx) {
        signal = ctx.signal;
        yield 'first ';
        await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r()));
        yieldedAfterAbort++;
        yield 'after abort'; // a backend that ignores its signal for a moment
      },
    });
    const client = new AbortController();
    const response = await handler(
      new Request('http://x/', { method: 'POST', body: '{"query":"q"}', signal: client.signal }),
    );
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"chunk"')) text += new TextDecoder().decode((await reader.read()).value);
    client.abort();
    await waitFor(() => signal?.aborted === true, 1000, 'backend signal');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    assert.equal(rest, '', 'nothing is written after the disconnect');
    assert.ok(yieldedAfterAbort <= 1);
  });

  it('treats the response body being cancelled as a disconnect', async () => {
    let signal: AbortSignal | undefined;
    const handler = createAskStreamHandler({
      onError: () => assert.fail('no error on cancel'),
      backend: (_q, ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      },
    });
    const response = await handler(new Request('http://x/', { method: 'POST', body: '{"query":"q"}' }));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await waitFor(() => signal?.aborted === true, 1000, 'backend signal');
  });

  it('lets the process exit on its own once the servers close (no timer or socket left)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/disconnect-child.ts', import.meta.url))],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 8000);
      child.on('exit', (c) => {
        clearTimeout(killer);
        resolve(c);
      });
    });
    assert.equal(code, 0, `the child did not exit by itself within 8 s (a leaked timer?). Output:\n${out}`);
    assert.match(out, /^closed \d+/m);
    const closedAt = Number(/closed (\d+)/.exec(out)![1]);
    assert.ok(Date.now() - closedAt < 5000, 'exited soon after closing');
    assert.doesNotMatch(out, /onError/);
  });
});
