import { expect } from '@open-wc/testing';
import { parseEventStream } from '../../src/sse/parse-event-stream.js';
import type { SseEvent } from '../../src/sse/types.js';
import { loadSseVectors } from '../support/sse-vectors.js';
import { nextTask } from '../support/next-task.js';

type Chunk = ArrayBufferView | ArrayBuffer;

const enc = new TextEncoder();
const bytes = (...parts: (string | number[])[]): Uint8Array[] =>
  parts.map((p) => (typeof p === 'string' ? enc.encode(p) : new Uint8Array(p)));

/** A real stream that hands out one piece per pull and counts the pulls. */
function streamOf(pieces: readonly Chunk[]) {
  const stats = { pulls: 0 };
  let i = 0;
  const stream = new ReadableStream<Chunk>(
    {
      pull(controller) {
        stats.pulls++;
        if (i < pieces.length) controller.enqueue(pieces[i++]!);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

async function collect(pieces: readonly Chunk[]) {
  let retry: number | undefined;
  const comments: string[] = [];
  const events: SseEvent[] = [];
  const iterable = parseEventStream(streamOf(pieces).stream, {
    onRetry: (ms) => (retry = ms),
    onComment: (text) => comments.push(text),
  });
  for await (const e of iterable) events.push(e);
  return { events, retry, comments };
}

const frames = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ event: 'message', data: String(from + i), id: '' }));

const vectors = await loadSseVectors();

describe('parseEventStream: shared conformance vectors', () => {
  for (const v of vectors) {
    it(v.name, async function (this: Mocha.Context) {
      // Thousands of whole-stream runs for the 4 KB vectors (~0.8 s here): headroom for slow CI.
      this.timeout(30_000);
      const pieces = v.chunks ? bytes(...v.chunks) : bytes(...(v.bytes ?? []));
      const check = async (chunks: Uint8Array[], how: string) => {
        const { events, retry } = await collect(chunks);
        expect(events, `events, ${how}`).to.deep.equal(v.events);
        expect(retry, `retry, ${how}`).to.equal(v.retry);
      };
      await check(pieces, 'pieces as given');
      const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      pieces.reduce((at, p) => (all.set(p, at), at + p.length), 0);
      for (let i = 1; i < all.length; i++) await check([all.subarray(0, i), all.subarray(i)], `split at byte ${i}`);
      await check(
        Array.from(all, (b) => Uint8Array.of(b)),
        'one byte per piece',
      );
    });
  }
});

describe('parseEventStream: decoding', () => {
  it('always decodes UTF-8, invalid bytes becoming U+FFFD', async () => {
    const { events } = await collect(bytes('data:', [0xff, 0xe2, 0x80], '\ndata:\u00e9\n\n'));
    expect(events.map((e) => e.data)).to.deep.equal(['\uFFFD\uFFFD\n\u00e9']);
  });

  it('strips one BOM split across chunks, after empty chunks, and keeps a second', async () => {
    const one = await collect(bytes([], [0xef], [], [0xbb], [0xbf], 'data: 1\n\n'));
    expect(one.events.map((e) => e.data)).to.deep.equal(['1']);
    const two = await collect(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb], [0xbf], 'data: 1\n\ndata: 2\n\n'));
    expect(two.events.map((e) => e.data)).to.deep.equal(['2']);
  });

  it('accepts any ArrayBufferView or ArrayBuffer as a chunk', async () => {
    const src = enc.encode('XXdata: a\n\ndata: b\n\ndata: \u00e9\n\nYY');
    const buf = src.buffer;
    const { events } = await collect([
      new DataView(buf, 2, 10), // "data: a\n\n" plus the "d" of the next frame
      buf.slice(12, 20),
      new Uint16Array(buf.slice(20, 30)),
      new Int8Array(buf, 30, src.length - 32),
    ]);
    expect(events.map((e) => e.data)).to.deep.equal(['a', 'b', '\u00e9']);
  });

  it('reads a Response body and a real streamed HTTP response', async () => {
    const body = new Response('id: 1\ndata: one\n\n: note\ndata: two\n\n').body!;
    const seen: string[] = [];
    const events: SseEvent[] = [];
    for await (const e of parseEventStream(body, { onComment: (t) => seen.push(t) })) events.push(e);
    expect(events).to.deep.equal([
      { event: 'message', data: 'one', id: '1' },
      { event: 'message', data: 'two', id: '1' },
    ]);
    expect(seen).to.deep.equal(['note']);

    const script = [
      { write: 'retry: 20\nevent: a\ndata: ' },
      { bytes: [0xe2, 0x80] },
      { delay: 20 },
      { bytes: [0xa6] },
      { write: '\r\n\r\n' },
    ];
    const res = await fetch('/test/sse', { method: 'POST', body: JSON.stringify({ script }) });
    let retry = 0;
    const got: SseEvent[] = [];
    for await (const e of parseEventStream(res.body!, { onRetry: (ms) => (retry = ms) })) got.push(e);
    expect(got).to.deep.equal([{ event: 'a', data: '\u2026', id: '' }]);
    expect(retry).to.equal(20);
  });
});

describe('parseEventStream: consumption', () => {
  /** An endless source: every pull yields a chunk of three frames. */
  function endless() {
    const stats = { pulls: 0, cancelled: false, reason: undefined as unknown };
    let n = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          stats.pulls++;
          controller.enqueue(enc.encode(`data: ${n++}\n\ndata: ${n++}\n\ndata: ${n++}\n\n`));
        },
        cancel(reason) {
          stats.cancelled = true;
          stats.reason = reason;
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, stats };
  }

  it('cancels the body when the consumer breaks out of the loop', async () => {
    const { stream, stats } = endless();
    const events: SseEvent[] = [];
    for await (const e of parseEventStream(stream)) {
      events.push(e);
      if (events.length === 4) break;
    }
    expect(events).to.deep.equal(frames(4));
    expect(stats.cancelled).to.equal(true);
    expect(stream.locked).to.equal(false);
  });

  it('cancels the body when the consumer throws', async () => {
    const { stream, stats } = endless();
    let caught: unknown;
    try {
      for await (const e of parseEventStream(stream)) if (e.data === '1') throw new Error('consumer');
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).to.equal('consumer');
    expect(stats.cancelled).to.equal(true);
  });

  it('reads nothing ahead of a slow consumer', async () => {
    const { stream, stats } = endless();
    const it = parseEventStream(stream)[Symbol.asyncIterator]();
    expect(stats.pulls, 'nothing read before the first next()').to.equal(0);
    expect((await it.next()).value).to.deep.equal(frames(1)[0]);
    // A read ahead would come in promise jobs right after the first; none may.
    await nextTask();
    expect(stats.pulls).to.equal(1);
    await it.next();
    await it.next();
    expect(stats.pulls, "the chunk's three events came from one read").to.equal(1);
    expect((await it.next()).value).to.deep.equal(frames(1, 3)[0]);
    expect(stats.pulls).to.equal(2);
    await it.return?.();
    expect(stats.cancelled).to.equal(true);
  });

  it('throws a read error from the iterator after the events before it', async () => {
    let step = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (step++ === 0) controller.enqueue(enc.encode('data: ok\n\ndata: cut'));
          else controller.error(new Error('boom'));
        },
      },
      { highWaterMark: 0 },
    );
    const events: SseEvent[] = [];
    let caught: unknown;
    try {
      for await (const e of parseEventStream(stream)) events.push(e);
    } catch (err) {
      caught = err;
    }
    expect(events.map((e) => e.data)).to.deep.equal(['ok']);
    expect((caught as Error).message).to.equal('boom');
  });

  it('releases the body once it has been read to the end', async () => {
    const { stream } = streamOf(bytes('data: a\n\n'));
    for await (const e of parseEventStream(stream)) expect(e.data).to.equal('a');
    expect(stream.locked).to.equal(false);
  });

  it('parses 5 MB of frames in 64 KB chunks in well under 2 s', async () => {
    const frame = `data: {"type":"chunk","content":"${'lorem ipsum '.repeat(8)}"}\n\n`;
    const all = enc.encode(frame.repeat(Math.ceil((5 * 1024 * 1024) / frame.length)));
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < all.length; i += 64 * 1024) chunks.push(all.subarray(i, i + 64 * 1024));
    const t0 = performance.now();
    let count = 0;
    for await (const _ of parseEventStream(streamOf(chunks).stream)) count++;
    const ms = performance.now() - t0;
    expect(count).to.equal(all.length / frame.length);
    expect(ms).to.be.lessThan(2000);
  });
});
