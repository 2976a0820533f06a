import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_DOCUMENTS, demoBackend } from '../../src/server/demo/index.js';
import * as serverEntry from '../../src/server/index.js';
import type { BackendMetadata } from '../../src/server/index.js';
import { answerText, post, receive, startHandler, types } from './helpers.js';

/** Runs the demo backend directly and collects what it yields. */
async function run(
  query: string,
  options: Parameters<typeof demoBackend>[0] = { delayMs: 0 },
  signal = new AbortController().signal,
) {
  const result = await demoBackend(options)(query, { signal, request: new Request('http://x/'), body: { query } });
  const pieces: string[] = [];
  let metadata: BackendMetadata | undefined;
  for await (const item of result as AsyncIterable<string | BackendMetadata>) {
    if (typeof item === 'string') pieces.push(item);
    else metadata = item;
  }
  return { pieces, text: pieces.join(''), metadata: metadata! };
}

const title = (m: BackendMetadata) => (m.sources![0] as { title: string }).title;

describe('demoBackend', () => {
  const expectations: [string, string][] = [
    ['How do I theme it?', 'Theming and styling'],
    ['Can I use dark mode colors?', 'Theming and styling'],
    ['What events does it fire?', 'Events and methods'],
    ['How do I embed the widget on my page?', 'Embedding the widget'],
    ['What is ask-stream?', 'What is ask-stream?'],
    ['How do I mount the handler in Express or Next.js?', 'The server handler'],
    ['Can I connect Ollama or OpenAI?', 'Connecting a model or ML pipeline'],
    ['Is it safe under a strict CSP?', 'Security'],
    ['Does it work with a screen reader and keyboard?', 'Accessibility'],
    ['What happens on a timeout?', 'Errors, timeouts and retries'],
  ];
  for (const [question, expected] of expectations) {
    it(`answers "${question}" from "${expected}", cited with a confidence`, async () => {
      const { text, metadata } = await run(question);
      const doc = DEMO_DOCUMENTS.find((d) => d.title === expected)!;
      assert.equal(title(metadata), expected);
      assert.equal(text, doc.text);
      assert.deepEqual(metadata.sources, [{ title: doc.title, url: doc.url }]);
      assert.ok(metadata.confidence! > 0.3 && metadata.confidence! <= 1, String(metadata.confidence));
    });
  }

  it('gives a closer match a higher confidence', async () => {
    const strong = await run('theme dark light css custom properties');
    const weak = await run('theme the weather forecast tomorrow');
    assert.equal(title(weak.metadata), 'Theming and styling');
    assert.ok(strong.metadata.confidence! > weak.metadata.confidence!);
  });

  it('answers an unrelated question with a helpful fallback listing its topics', async () => {
    const { text, metadata } = await run('What is the weather in Paris?');
    for (const doc of DEMO_DOCUMENTS) assert.ok(text.includes(doc.title), doc.title);
    assert.deepEqual(metadata, { confidence: 0, sources: [] });
  });

  it('streams word groups at a realistic pace', async () => {
    const started = Date.now();
    const { pieces } = await run('How do I theme it?', { delayMs: 10, chunkSize: 24 });
    const elapsed = Date.now() - started;
    assert.ok(pieces.length > 10);
    assert.ok(
      pieces.every((p) => p.trimEnd().length <= 24),
      'a few words each',
    );
    // Word groups: nearly all end at a space (code and long URLs are split inside).
    const atSpace = pieces.slice(0, -1).filter((p) => /\s$/.test(p)).length;
    assert.ok(atSpace / (pieces.length - 1) > 0.8, `${atSpace} of ${pieces.length - 1}`);
    assert.ok(elapsed >= (pieces.length - 1) * 10 - 5, `${elapsed} ms for ${pieces.length} pieces`);
  });

  it('stops at once when its signal aborts', async (t) => {
    // On a mock clock the 1 s pause never ends by itself: only the abort can end it.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const controller = new AbortController();
    const result = await demoBackend({ delayMs: 1000 })('theme', {
      signal: controller.signal,
      request: new Request('http://x/'),
      body: {},
    });
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    await iterator.next();
    let outcome: unknown = 'still waiting';
    iterator.next().then(
      () => (outcome = 'a piece'),
      (error: unknown) => (outcome = error),
    );
    controller.abort(new Error('gone'));
    // Every promise job the abort set off has run by the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(String(outcome), /gone/);
  });

  it('answers from documents of your own', async () => {
    const { text, metadata } = await run('opening hours', {
      delayMs: 0,
      documents: [
        { title: 'Opening hours', url: '/hours', keywords: ['open'], text: 'We open at nine.' },
        { title: 'Prices', url: '/prices', keywords: ['cost'], text: 'It is free.' },
      ],
    });
    assert.equal(text, 'We open at nine.');
    assert.deepEqual(metadata.sources, [{ title: 'Opening hours', url: '/hours' }]);
  });

  it('is its own entry, not part of ask-stream/server', () => {
    assert.equal('demoBackend' in serverEntry, false);
    assert.equal('DEMO_DOCUMENTS' in serverEntry, false);
  });

  it('answers end to end over HTTP when passed as the backend', async () => {
    const server = await startHandler({ backend: demoBackend({ delayMs: 0 }) });
    try {
      const { frames } = await receive(await post(server.url, { query: 'How do I theme it?' }));
      const kinds = types(frames);
      assert.equal(kinds[0], 'start');
      assert.deepEqual(kinds.slice(-2), ['metadata', 'complete']);
      assert.ok(answerText(frames).includes('--ask-stream-'));
      const metadata = frames.at(-2) as { sources: { title: string }[] };
      assert.equal(metadata.sources[0]!.title, 'Theming and styling');
    } finally {
      await server.close();
    }
  });
});
