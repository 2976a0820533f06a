import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { openAICompatibleBackend } from '../../src/server/index.js';
import {
  answerText,
  listen,
  post,
  readBody,
  readUntil,
  receive,
  startHandler,
  types,
  waitFor,
  type Running,
} from './helpers.js';
import { frame } from '../support/sse-frame.mjs';

const UNAVAILABLE = {
  type: 'error',
  code: 'BACKEND_UNAVAILABLE',
  message: 'Service temporarily unavailable',
  retryable: true,
};
const TOKENS = ['Hel', 'lo', ', ', 'wörld', ' 🌍', '!'];

const delta = (content: string | null, finish: string | null = null) =>
  frame({
    id: 'c1',
    object: 'chat.completion.chunk',
    model: 'm',
    choices: [{ index: 0, delta: content === null ? { role: 'assistant' } : { content }, finish_reason: finish }],
  });

interface Seen {
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}

/** A fake OpenAI-compatible streaming API; the question picks its behaviour. */
function fakeOpenAI(seen: Seen[], gate: { release?: () => void }) {
  return listen(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Seen['body'];
    seen.push({ url: req.url, headers: req.headers, body });
    const question = body.messages.at(-1)!.content;
    if (question === 'unauthorized') {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { message: 'Incorrect API key sk-secret' } }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    // Split frames across writes, with a comment, as real servers do.
    res.write(': keep-alive\n\n' + delta(null).slice(0, 10));
    res.write(delta(null).slice(10));
    for (const [i, token] of TOKENS.entries()) {
      if (question === 'stepwise' && i === 2) await new Promise<void>((r) => (gate.release = r));
      if (question === 'drop' && i === 3) return res.destroy();
      if (question === 'error event' && i === 3) {
        res.write(frame({ error: { message: 'model overloaded at node gpu-7', type: 'server_error' } }));
        return res.end();
      }
      res.write(delta(token));
      // A turn of the event loop between tokens, so each goes out on its own.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (question === 'no done') return res.end();
    res.write(delta('', 'stop'));
    if (question !== 'finish only') res.write('data: [DONE]\n\n');
    res.end();
  });
}

describe('openAICompatibleBackend (a real fake streaming API on loopback)', () => {
  const seen: Seen[] = [];
  const gate: { release?: () => void } = {};
  let api: Running;
  let app: Running;
  before(async () => {
    api = await fakeOpenAI(seen, gate);
    app = await startHandler({
      backend: openAICompatibleBackend({
        baseURL: `${api.url}/v1/`,
        apiKey: 'sk-test',
        model: 'tiny-model',
        system: 'Be brief.',
      }),
    });
  });
  after(() => Promise.all([api.close(), app.close()]));

  it('POSTs a streaming chat completion with the model, system prompt, question and key', async () => {
    seen.length = 0;
    await (await post(app.url, { query: 'hello?' })).text();
    assert.equal(seen[0]!.url, '/v1/chat/completions');
    assert.equal(seen[0]!.headers.authorization, 'Bearer sk-test');
    assert.deepEqual(seen[0]!.body, {
      model: 'tiny-model',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello?' },
      ],
    });
  });

  it('calls the fetch it is given instead of the global one', async () => {
    const calls: string[] = [];
    const server = await startHandler({
      backend: openAICompatibleBackend({
        baseURL: `${api.url}/v1`,
        model: 'tiny-model',
        fetch: (input, init) => {
          calls.push(String(input));
          return fetch(input, init);
        },
      }),
    });
    try {
      const { frames } = await receive(await post(server.url, { query: 'hello?' }));
      assert.deepEqual(calls, [`${api.url}/v1/chat/completions`]);
      assert.equal(answerText(frames), TOKENS.join(''));
    } finally {
      await server.close();
    }
  });

  it('forwards each token delta as its own chunk, exactly, until [DONE]', async () => {
    const { frames } = await receive(await post(app.url, { query: 'hello?' }));
    assert.deepEqual(types(frames), ['start', ...TOKENS.map(() => 'chunk'), 'complete']);
    assert.deepEqual(
      frames.filter((f) => f.type === 'chunk').map((f) => (f as { content: string }).content),
      TOKENS,
    );
  });

  it('streams: early tokens reach the client while the API is still generating', async () => {
    const response = await post(app.url, { query: 'stepwise' });
    const { received, reader } = await readUntil(response, (r) => answerText(r.frames) === 'Hello');
    assert.equal(received.frames.filter((f) => f.type === 'chunk').length, 2);
    await waitFor(() => gate.release !== undefined, 2000, 'the API to pause');
    gate.release!();
    gate.release = undefined;
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    assert.match(rest, /"type":"complete"/);
  });

  it('accepts a stream that ends after a finish_reason without [DONE]', async () => {
    const { frames } = await receive(await post(app.url, { query: 'finish only' }));
    assert.equal(frames.at(-1)!.type, 'complete');
  });

  for (const query of ['drop', 'error event', 'no done']) {
    it(`fails midway ("${query}"): the tokens sent stay, then BACKEND_UNAVAILABLE`, async () => {
      const { frames, text } = await receive(await post(app.url, { query }));
      const expected = query === 'no done' ? TOKENS.join('') : TOKENS.slice(0, 3).join('');
      assert.equal(answerText(frames), expected);
      assert.deepEqual(frames.at(-1), UNAVAILABLE);
      assert.doesNotMatch(text, /gpu-7|overloaded/);
    });
  }

  it('turns a non-2xx answer into BACKEND_UNAVAILABLE without leaking it', async () => {
    const { frames, text } = await receive(await post(app.url, { query: 'unauthorized' }));
    assert.deepEqual(types(frames), ['start', 'error']);
    assert.deepEqual(frames[1], UNAVAILABLE);
    assert.doesNotMatch(text, /sk-secret|401/);
  });

  it('sends no Authorization header without an apiKey and no system message without a prompt', async () => {
    const local = await startHandler({
      backend: openAICompatibleBackend({ baseURL: `${api.url}/v1`, model: 'llama' }),
    });
    try {
      seen.length = 0;
      const { frames } = await receive(await post(local.url, { query: 'hello?' }));
      assert.equal(frames.at(-1)!.type, 'complete');
      assert.equal(seen[0]!.headers.authorization, undefined);
      assert.deepEqual(seen[0]!.body.messages, [{ role: 'user', content: 'hello?' }]);
    } finally {
      await local.close();
    }
  });
});
