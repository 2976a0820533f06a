import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAskStreamHandler, type AskStreamHandlerOptions } from '../../src/server/index.js';
import type { BackendContext, BackendStream } from '../../src/server/index.js';
import {
  ENDPOINT,
  answerText,
  gate,
  post,
  readUntil,
  receive,
  startHandler,
  types,
  type Running,
  parseSse,
} from './helpers.js';

const ANSWER =
  'Streaming answers arrive as chunk frames. Each one is appended exactly as sent, so the reassembled text is identical to what the backend produced, spaces and all.';

describe('createAskStreamHandler: configuration', () => {
  it('requires a backend: a TypeError at construction that names the option and the demo entry', () => {
    const missing = [
      undefined,
      {},
      { backend: undefined },
      { backend: 'http://ml:8000' },
    ] as unknown as AskStreamHandlerOptions[];
    for (const options of missing) {
      assert.throws(
        () => createAskStreamHandler(options),
        (error: unknown) =>
          error instanceof TypeError &&
          /`backend`/.test(error.message) &&
          /ask-stream\/server\/demo/.test(error.message),
      );
    }
  });
});

describe('createAskStreamHandler: a whole answer', () => {
  let server: Running;
  let seen: { query: string; context: BackendContext }[] = [];
  before(async () => {
    server = await startHandler({
      chunkSize: 30,
      backend: (query, context) => {
        seen.push({ query, context });
        return {
          response: ANSWER,
          confidence: 0.8,
          sources: [{ title: 'Guide', url: 'https://example.com/g' }, 'plain'],
        };
      },
    });
  });
  after(() => server.close());

  it('sends start, the chunks, metadata and complete, in that order', async () => {
    seen = [];
    const response = await post(server.url, { query: '  What is it?  ', lang: 'en' });
    assert.equal(response.status, 200);
    const { frames } = await receive(response);
    const kinds = types(frames);
    assert.equal(kinds[0], 'start');
    assert.deepEqual(kinds.slice(-2), ['metadata', 'complete']);
    assert.ok(kinds.slice(1, -2).every((k) => k === 'chunk') && kinds.length > 4, kinds.join());

    const start = frames[0] as { query: string; timestamp: number };
    assert.equal(start.query, 'What is it?');
    assert.ok(Math.abs(Date.now() - start.timestamp) < 5000, 'timestamp is epoch ms');
    assert.deepEqual(frames.at(-2), {
      type: 'metadata',
      confidence: 0.8,
      sources: [{ title: 'Guide', url: 'https://example.com/g' }, 'plain'],
    });
    assert.deepEqual(frames.at(-1), { type: 'complete', success: true });
  });

  it('splits the answer into chunks of about chunkSize that reassemble exactly, with index and total', async () => {
    const { frames } = await receive(await post(server.url, { query: 'q' }));
    const chunks = frames.filter((f) => f.type === 'chunk');
    assert.equal(answerText(frames), ANSWER);
    chunks.forEach((c, i) => {
      assert.equal(c.index, i);
      assert.equal(c.total, chunks.length);
      assert.ok(c.content.length <= 30, `chunk ${i} is ${c.content.length} long`);
    });
    // Word boundaries: every chunk after the first starts a word.
    for (const c of chunks.slice(1)) assert.match(c.content, /^\S/);
    for (const c of chunks.slice(0, -1)) assert.match(c.content, /\s$/);
  });

  it('sends the event-stream headers', async () => {
    const response = await post(server.url, { query: 'q' });
    await response.arrayBuffer();
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(response.headers.get('connection'), 'keep-alive');
    assert.equal(response.headers.get('x-accel-buffering'), 'no');
  });

  it('gives the backend the trimmed query, the parsed body, the request and a live signal', async () => {
    seen = [];
    await (
      await post(
        server.url,
        { query: ' hi ', lang: 'fr' },
        { headers: { 'x-user': 'u1', 'content-type': 'application/json' } },
      )
    ).text();
    assert.equal(seen.length, 1);
    const { query, context } = seen[0]!;
    assert.equal(query, 'hi');
    assert.deepEqual(context.body, { query: ' hi ', lang: 'fr' });
    assert.equal(context.request.headers.get('x-user'), 'u1');
    assert.equal(new URL(context.request.url).pathname, ENDPOINT);
    // Completion aborts the signal, so a backend can let go of what it holds.
    assert.equal(context.signal.aborted, true);
  });

  it('answers other methods with 405 and an Allow header', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(server.url + ENDPOINT, { method });
      await response.arrayBuffer();
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
    }
  });
});

describe('createAskStreamHandler: backends of every shape', () => {
  it('sends start at once, before the backend has answered', async () => {
    const release = gate<{ response: string }>();
    const server = await startHandler({ backend: () => release.promise });
    try {
      const response = await post(server.url, { query: 'slow' });
      const { received, reader } = await readUntil(response, (r) => r.frames.length >= 1);
      assert.deepEqual(types(received.frames), ['start']);
      release.open({ response: 'done' });
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
      assert.match(rest, /"content":"done"/);
      assert.match(rest, /"type":"complete"/);
    } finally {
      await server.close();
    }
  });

  it('forwards an AsyncIterable piece by piece as it comes, then its metadata, then complete', async () => {
    const second = gate();
    const server = await startHandler({
      backend: async function* () {
        yield 'Hello';
        await second.promise;
        yield ', world';
        yield '';
        yield { confidence: 0.5 };
        yield { sources: ['s1'] };
      },
    });
    try {
      const response = await post(server.url, { query: 'q' });
      // The first piece reaches the client while the backend is still waiting: no buffering.
      const { received, reader } = await readUntil(response, (r) => r.frames.some((f) => f.type === 'chunk'));
      assert.deepEqual(received.frames[1], { type: 'chunk', content: 'Hello', index: 0 });
      second.open();
      let text = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
      const rest = parseSse(text).frames;
      assert.deepEqual(rest, [
        { type: 'chunk', content: ', world', index: 1 },
        { type: 'metadata', confidence: 0.5, sources: ['s1'] },
        { type: 'complete', success: true },
      ]);
    } finally {
      await server.close();
    }
  });

  it('sends no metadata frame when the backend gave none', async () => {
    const server = await startHandler({ backend: () => ({ response: 'plain answer' }) });
    const streamServer = await startHandler({
      backend: async function* (): BackendStream {
        yield 'token';
      },
    });
    try {
      assert.deepEqual(types((await receive(await post(server.url, { query: 'q' }))).frames), [
        'start',
        'chunk',
        'complete',
      ]);
      assert.deepEqual(types((await receive(await post(streamServer.url, { query: 'q' }))).frames), [
        'start',
        'chunk',
        'complete',
      ]);
    } finally {
      await Promise.all([server.close(), streamServer.close()]);
    }
  });

  it('paces the chunks of a whole answer by chunkDelayMs', async () => {
    const server = await startHandler({
      chunkSize: 5,
      chunkDelayMs: 40,
      backend: () => ({ response: 'one two three four five' }),
    });
    try {
      const started = Date.now();
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      const elapsed = Date.now() - started;
      const chunks = frames.filter((f) => f.type === 'chunk').length;
      assert.equal(chunks, 5);
      // Four pauses between five chunks.
      assert.ok(elapsed >= 4 * 40 - 5, `took ${elapsed} ms`);
    } finally {
      await server.close();
    }
  });

  it('sends an empty answer as start, metadata, complete', async () => {
    const server = await startHandler({ backend: () => ({ response: '', sources: [] }) });
    try {
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(types(frames), ['start', 'metadata', 'complete']);
    } finally {
      await server.close();
    }
  });
});
