import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cite, snippetOf } from '../../src/server/demo/compose-answer.js';
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

/** The answer as the document wrote it: no markers, no "See also" line. */
const withoutCitations = (text: string) => text.replace(/\n\nSee also .*$/, '').replace(/ ?\[\d\]/g, '');

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
    it(`answers "${question}" from "${expected}", citing it as [1] with a snippet and a confidence`, async () => {
      const { text, metadata } = await run(question);
      const doc = DEMO_DOCUMENTS.find((d) => d.title === expected)!;
      assert.equal(title(metadata), expected);
      assert.deepEqual(metadata.sources![0], { title: doc.title, url: doc.url, snippet: snippetOf(doc.text) });
      // The document's text, with its marker and a "See also" line citing the rest.
      assert.equal(withoutCitations(text), doc.text);
      assert.match(text, / \[1\]/);
      assert.ok(metadata.confidence! > 0.3 && metadata.confidence! <= 1, String(metadata.confidence));
    });
  }

  it('cites every source it lists, and only those', async () => {
    for (const [question] of expectations) {
      const { text, metadata } = await run(question);
      const cited = [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      const numbers = metadata.sources!.map((_, i) => i + 1);
      assert.deepEqual([...new Set(cited)].sort(), numbers, question);
      assert.ok(numbers.length <= 3, question);
    }
  });

  it('adds related documents, matched on their titles or keywords, as sources 2 and 3', async () => {
    // "Theming and styling" mentions the citation and feedback parts in passing: not related.
    const { text, metadata } = await run('How do citations and feedback work?');
    assert.deepEqual(
      metadata.sources!.map((s) => (s as { title: string }).title),
      ['Feedback, copy and follow-up questions', 'Citations and sources'],
    );
    assert.match(text, /\n\nSee also \*Citations and sources\* \[2\]\.$/);
    const code = await run('Does it highlight code?');
    assert.match(code.text, /See also \*Errors, timeouts and retries\* \[2\]\.$/);
  });

  it('offers up to three follow-up questions, never the one it just answered', async () => {
    for (const [question, expected] of expectations) {
      const { metadata } = await run(question);
      const answered = DEMO_DOCUMENTS.find((d) => d.title === expected)!;
      const known = DEMO_DOCUMENTS.map((d) => d.question);
      assert.ok(metadata.suggestions!.length === 3, question);
      assert.equal(new Set(metadata.suggestions).size, 3);
      for (const q of metadata.suggestions!) {
        assert.ok(known.includes(q), q);
        assert.notEqual(q, answered.question);
      }
    }
  });

  it('cuts a long snippet at a word, as plain text', () => {
    const snippet = snippetOf(`**Bold** and \`code\` with a [link](https://x.example) ${'word '.repeat(60)}`);
    assert.ok(snippet.startsWith('Bold and code with a link word'), snippet);
    assert.ok(snippet.length <= 181 && snippet.endsWith('word…'), snippet);
  });

  it('cites the first prose paragraph that does not lead into a list or code', () => {
    // Blank lines inside the fence must not make "const y" look like prose.
    assert.equal(
      cite('Add this:\n\n```js\nx\n\nconst y = 1;\n\nz\n```\n\nThen this.', 1),
      'Add this:\n\n```js\nx\n\nconst y = 1;\n\nz\n```\n\nThen this. [1]',
    );
    assert.equal(cite('Run:\n\n```sh\nnpm test\n```', 1), 'Run:\n\n```sh\nnpm test\n```\n\n[1]');
    assert.equal(cite('Steps:\n\n- one\n\nDone here.', 2), 'Steps:\n\n- one\n\nDone here. [2]');
    assert.equal(cite('First.\n\nSecond.', 1), 'First. [1]\n\nSecond.');
  });

  it('gives a closer match a higher confidence', async () => {
    const strong = await run('theme dark light css custom properties');
    const weak = await run('theme the weather forecast tomorrow');
    assert.equal(title(weak.metadata), 'Theming and styling');
    assert.ok(strong.metadata.confidence! > weak.metadata.confidence!);
  });

  it('answers an unrelated question with a helpful fallback listing its topics, and questions to try', async () => {
    const { text, metadata } = await run('What is the weather in Paris?');
    for (const doc of DEMO_DOCUMENTS) assert.ok(text.includes(doc.title), doc.title);
    assert.deepEqual(metadata, {
      confidence: 0,
      sources: [],
      suggestions: DEMO_DOCUMENTS.slice(0, 3).map((d) => d.question),
    });
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
    assert.equal(text, 'We open at nine. [1]');
    assert.deepEqual(metadata.sources, [{ title: 'Opening hours', url: '/hours', snippet: 'We open at nine.' }]);
    assert.deepEqual(metadata.suggestions, []);
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
      // Snippets and follow-ups are protocol fields: they reach the browser.
      const metadata = frames.at(-2) as { sources: { title: string; snippet: string }[]; suggestions: string[] };
      assert.equal(metadata.sources[0]!.title, 'Theming and styling');
      assert.ok(metadata.sources[0]!.snippet.length > 20);
      assert.equal(metadata.suggestions.length, 3);
    } finally {
      await server.close();
    }
  });
});
