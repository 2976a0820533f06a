import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { httpBackend, openAICompatibleBackend, UpstreamHttpError } from '../../src/server/index.js';
import type { AskBackend } from '../../src/server/index.js';
import { listen, post, readBody, receive, startHandler, types, waitFor, type Running } from './helpers.js';

// What an OpenAI-compatible API says for a wrong model name, padded past 500
// bytes; the marker after the cut must never be logged.
const HEAD = '{"error":{"message":"The model `gpt-5-typo` does not exist or you do not have access to it."}}';
const ERROR_BODY = HEAD + ' '.repeat(400) + 'x'.repeat(200) + 'AFTER-THE-CUT';

/**
 * A fake upstream on loopback answering `/status/NNN` with that status and
 * {@link ERROR_BODY}; `/status/NNN/endless` sends an error body that never
 * ends (until the client goes), `/status/NNN/cut-char` 499 ASCII bytes and then
 * a two-byte character across byte 500, `/status/NNN/stalls` a few bytes and then nothing.
 */
function failingUpstream(closed: string[]) {
  return listen(async (req, res) => {
    await readBody(req);
    const [, , status, variant] = (req.url ?? '').split('/');
    res.writeHead(Number(status), { 'content-type': 'application/json' });
    if (variant === 'stalls') {
      // Some of the body, then nothing: the upstream hangs with the connection open.
      res.on('close', () => closed.push(req.url!));
      return void res.write('{"error": "quota');
    }
    if (variant === 'endless') {
      res.on('close', () => closed.push(req.url!));
      const more = () => {
        if (res.destroyed) return;
        // Waits for 'drain' when full, so an endless body costs the test nothing.
        if (res.write('y'.repeat(16 * 1024))) setImmediate(more);
        else res.once('drain', more);
      };
      return more();
    }
    res.end(variant === 'cut-char' ? 'a'.repeat(499) + 'é and more' : ERROR_BODY);
  });
}

const FINAL = { type: 'error', code: 'BACKEND_UNAVAILABLE', message: 'Service unavailable', retryable: false };

const BACKENDS: [string, (url: string, path: string) => AskBackend][] = [
  ['openAICompatibleBackend', (url, path) => openAICompatibleBackend({ baseURL: url, model: 'gpt-5-typo', path })],
  ['httpBackend', (url, path) => httpBackend(url, { path })],
];

describe('upstream HTTP errors', () => {
  const closed: string[] = [];
  let upstream: Running;
  before(async () => {
    upstream = await failingUpstream(closed);
  });
  after(() => upstream.close());

  /** Asks once through a handler whose backend calls `path`; what the client saw and what was logged. */
  async function ask(name: string, path: string) {
    const errors: unknown[] = [];
    const make = BACKENDS.find(([n]) => n === name)![1];
    const app = await startHandler({ backend: make(upstream.url, path), onError: (e) => errors.push(e) });
    try {
      const { frames, text } = await receive(await post(app.url, { query: 'which model?' }));
      return { frames, text, errors };
    } finally {
      await app.close();
    }
  }

  for (const [name] of BACKENDS) {
    describe(name, () => {
      for (const status of [400, 401, 403, 404, 422]) {
        it(`ends the ask on HTTP ${status} with an error the widget does not retry`, async () => {
          const { frames } = await ask(name, `/status/${status}`);
          assert.deepEqual(types(frames), ['start', 'error']);
          assert.deepEqual(frames[1], FINAL);
        });
      }

      for (const status of [408, 429, 500, 502, 503]) {
        it(`keeps HTTP ${status} retryable`, async () => {
          const { frames, errors } = await ask(name, `/status/${status}`);
          assert.deepEqual(frames[1], {
            type: 'error',
            code: 'BACKEND_UNAVAILABLE',
            message: 'Service temporarily unavailable',
            retryable: true,
          });
          assert.equal((errors[0] as UpstreamHttpError).status, status);
        });
      }

      it('logs the status and the first 500 bytes of the body, and sends the client none of it', async () => {
        const { text, errors } = await ask(name, '/status/404');
        assert.equal(errors.length, 1);
        const error = errors[0];
        assert.ok(error instanceof UpstreamHttpError, String(error));
        assert.equal(error.status, 404);
        assert.equal(error.retryable, false);
        assert.equal(error.body, ERROR_BODY.slice(0, 500));
        // The log line (the default onError prints the message) carries it too.
        assert.match(error.message, /answered HTTP 404: \{"error":\{"message":"The model `gpt-5-typo` does not exist/);
        assert.doesNotMatch(error.message, /AFTER-THE-CUT/);
        assert.ok(error.message.endsWith(ERROR_BODY.slice(0, 500)), 'up to byte 500, no further');
        assert.doesNotMatch(text, /gpt-5-typo|does not exist|404|127\.0\.0\.1/);
      });

      it('logs no broken character where byte 500 cuts one', async () => {
        const { errors } = await ask(name, '/status/400/cut-char');
        assert.equal((errors[0] as UpstreamHttpError).body, 'a'.repeat(499));
      });

      it('waits at most 2 s for an error body that stalls, then logs what came and closes it', async () => {
        closed.length = 0;
        const started = performance.now();
        const { frames, errors } = await ask(name, '/status/403/stalls');
        const waited = performance.now() - started;
        assert.deepEqual(frames[1], FINAL);
        assert.equal((errors[0] as UpstreamHttpError).body, '{"error": "quota');
        // Timers never fire early; an upper bound would only measure the machine.
        assert.ok(waited >= 1990, `answered after ${waited} ms`);
        await waitFor(() => closed.length > 0, 2000, 'the upstream request to close');
      });

      it('reads no more of an endless error body than it logs, and closes it', async () => {
        closed.length = 0;
        const { frames, errors } = await ask(name, '/status/400/endless');
        assert.equal(frames[1]!.type, 'error');
        assert.equal((errors[0] as UpstreamHttpError).body, 'y'.repeat(500));
        await waitFor(() => closed.length > 0, 2000, 'the upstream request to close');
        assert.deepEqual(closed, ['/status/400/endless']);
      });
    });
  }
});
