import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { openAICompatibleBackend, type AskBackend } from '../../src/server/index.js';
import {
  answerText,
  gate,
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

  it('turns a non-2xx answer into BACKEND_UNAVAILABLE without leaking it (a 401: not retryable)', async () => {
    const { frames, text } = await receive(await post(app.url, { query: 'unauthorized' }));
    assert.deepEqual(types(frames), ['start', 'error']);
    assert.deepEqual(frames[1], { ...UNAVAILABLE, message: 'Service unavailable', retryable: false });
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

describe('openAICompatibleBackend options', () => {
  const seen: Seen[] = [];
  let api: Running;
  before(async () => {
    api = await fakeOpenAI(seen, {});
  });
  after(() => api.close());

  /** Asks `body` once through a handler with this backend; the frames, what the API saw, and what was logged. */
  async function ask(backend: AskBackend, body: Record<string, unknown>) {
    seen.length = 0;
    const errors: unknown[] = [];
    const app = await startHandler({ backend, onError: (e) => errors.push(e) });
    try {
      const { frames, text } = await receive(await post(app.url, body));
      return { frames, text, errors, seen: [...seen] };
    } finally {
      await app.close();
    }
  }

  it('sends temperature, maxTokens as max_tokens, extra headers, to baseURL + path (Azure style)', async () => {
    const backend = openAICompatibleBackend({
      baseURL: `${api.url}/openai/deployments/my-gpt/`,
      path: '/chat/completions?api-version=2024-10-21',
      headers: { 'api-key': 'azure-key', 'x-org': 'o1' },
      model: 'gpt-4o-mini',
      temperature: 0.2,
      maxTokens: 256,
    });
    const { frames, seen } = await ask(backend, { query: 'hello?' });
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.equal(seen[0]!.url, '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21');
    assert.equal(seen[0]!.headers['api-key'], 'azure-key');
    assert.equal(seen[0]!.headers['x-org'], 'o1');
    assert.equal(seen[0]!.headers.authorization, undefined);
    assert.deepEqual(seen[0]!.body, {
      model: 'gpt-4o-mini',
      stream: true,
      temperature: 0.2,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'hello?' }],
    });
  });

  it('sends temperature 0 (a value, not "unset")', async () => {
    const backend = openAICompatibleBackend({ baseURL: api.url, model: 'm', temperature: 0, maxTokens: 1 });
    const { seen } = await ask(backend, { query: 'hello?' });
    assert.equal((seen[0]!.body as unknown as { temperature: number }).temperature, 0);
  });

  it('sends the history as alternating user and assistant messages, after the system prompt, before the question', async () => {
    const backend = openAICompatibleBackend({ baseURL: api.url, model: 'm', system: 'Be brief.' });
    const history = [
      { query: 'What is ask-stream?', response: 'A **widget**.' },
      { query: 'Is it free?', response: 'Yes, MIT.', extra: 'dropped' },
    ];
    const { frames, seen } = await ask(backend, { query: 'Where is the code?', history });
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.deepEqual(seen[0]!.body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is ask-stream?' },
      { role: 'assistant', content: 'A **widget**.' },
      { role: 'user', content: 'Is it free?' },
      { role: 'assistant', content: 'Yes, MIT.' },
      { role: 'user', content: 'Where is the code?' },
    ]);
  });

  describe('retrieve', () => {
    const SOURCES = [
      { title: 'Install', url: 'https://docs.example/install', snippet: 'Run npm install ask-stream.', score: 0.9 },
      { url: 'https://docs.example/cdn', snippet: 'Or add one script tag.' },
    ];

    it('adds the sources to the system prompt, numbered, and sends them as metadata.sources', async () => {
      const calls: [string, AbortSignal][] = [];
      const backend = openAICompatibleBackend({
        baseURL: api.url,
        model: 'm',
        system: 'Be brief.',
        retrieve: async (query, signal) => {
          calls.push([query, signal]);
          return SOURCES;
        },
      });
      const { frames, seen } = await ask(backend, { query: '  how to install?  ' });
      assert.equal(calls.length, 1);
      assert.equal(calls[0]![0], 'how to install?');
      assert.ok(calls[0]![1] instanceof AbortSignal);

      const [system, ...rest] = seen[0]!.body.messages;
      assert.equal(system!.role, 'system');
      assert.ok(system!.content.startsWith('Be brief.\n\n'), system!.content);
      assert.match(
        system!.content,
        /\[1\] Install\nURL: https:\/\/docs\.example\/install\nRun npm install ask-stream\./,
      );
      assert.match(system!.content, /\[2\] https:\/\/docs\.example\/cdn\nOr add one script tag\./);
      assert.match(system!.content, /as \[n\]/);
      assert.deepEqual(rest, [{ role: 'user', content: 'how to install?' }]);

      assert.deepEqual(types(frames), ['start', ...TOKENS.map(() => 'chunk'), 'metadata', 'complete']);
      // Only the fields the widget shows, unless passMetadata names more.
      assert.deepEqual(frames.at(-2), {
        type: 'metadata',
        sources: [
          { title: 'Install', url: 'https://docs.example/install', snippet: 'Run npm install ask-stream.' },
          { url: 'https://docs.example/cdn', snippet: 'Or add one script tag.' },
        ],
      });
    });

    it('prompts with only the sources the widget can show, so [n] stays the n-th source shown', async () => {
      const backend = openAICompatibleBackend({
        baseURL: api.url,
        model: 'm',
        // A source without a title or URL, or with a field that is not text, is dropped from
        // metadata by the handler: numbered in the prompt, it would shift the numbers after it.
        retrieve: () => [{ snippet: 'ORPHAN' }, { title: 7, snippet: 'NUMERIC' }, null, ...SOURCES] as never,
      });
      const { frames, seen } = await ask(backend, { query: 'how to install?' });
      const system = seen[0]!.body.messages[0]!.content;
      assert.doesNotMatch(system, /ORPHAN|NUMERIC/);
      assert.match(system, /\[1\] Install\n/);
      assert.match(system, /\[2\] https:\/\/docs\.example\/cdn\n/);
      const metadata = frames.find((f) => f.type === 'metadata') as { sources: { url: string }[] };
      assert.deepEqual(
        metadata.sources.map((s) => s.url),
        ['https://docs.example/install', 'https://docs.example/cdn'],
      );
    });

    it('passes the source fields passMetadata names', async () => {
      const backend = openAICompatibleBackend({
        baseURL: api.url,
        model: 'm',
        retrieve: () => SOURCES,
        passMetadata: ['score'],
      });
      const { frames } = await ask(backend, { query: 'how to install?' });
      const metadata = frames.find((f) => f.type === 'metadata') as { sources: { score?: number }[] };
      assert.equal(metadata.sources[0]!.score, 0.9);
    });

    it('sends no metadata and leaves the prompt alone when it finds nothing', async () => {
      const backend = openAICompatibleBackend({ baseURL: api.url, model: 'm', retrieve: () => [] });
      const { frames, seen } = await ask(backend, { query: 'hello?' });
      assert.deepEqual(types(frames), ['start', ...TOKENS.map(() => 'chunk'), 'complete']);
      assert.deepEqual(seen[0]!.body.messages, [{ role: 'user', content: 'hello?' }]);
    });

    it('fails the ask like the API would when it throws, without calling the API or telling the client why', async () => {
      const backend = openAICompatibleBackend({
        baseURL: api.url,
        model: 'm',
        retrieve: () => {
          throw new Error('vector store at 10.0.0.7 is down');
        },
      });
      const { frames, text, errors, seen } = await ask(backend, { query: 'hello?' });
      assert.deepEqual(frames.at(-1), UNAVAILABLE);
      assert.equal(seen.length, 0);
      assert.match(String(errors[0]), /vector store/);
      assert.doesNotMatch(text, /vector store|10\.0\.0\.7/);
    });

    it('is aborted with the ask: a client that leaves aborts its signal, and the API is never called', async () => {
      const started = gate<AbortSignal>();
      const aborted = gate();
      const backend = openAICompatibleBackend({
        baseURL: api.url,
        model: 'm',
        retrieve: (_query, signal) => {
          signal.addEventListener('abort', () => aborted.open());
          started.open(signal);
          return new Promise(() => {});
        },
      });
      seen.length = 0;
      const app = await startHandler({ backend });
      try {
        const client = new AbortController();
        const response = await post(app.url, { query: 'hello?' }, { signal: client.signal });
        const signal = await started.promise;
        assert.equal(signal.aborted, false);
        client.abort();
        await response.body?.cancel().catch(() => {});
        await aborted.promise;
        assert.equal(signal.aborted, true);
        assert.equal(seen.length, 0);
      } finally {
        await app.close();
      }
    });
  });
});
