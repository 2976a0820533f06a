import { expect } from '@open-wc/testing';
import { EventStreamParser } from '../../src/sse/event-stream-parser.js';
import type { SseEvent } from '../../src/sse/types.js';
import { loadSseVectors, type SseVector } from '../support/sse-vectors.js';

interface Outcome {
  events: SseEvent[];
  retry?: number;
  comments: string[];
}

function run(pieces: readonly string[]): Outcome {
  const out: Outcome = { events: [], comments: [] };
  const parser = new EventStreamParser({
    onEvent: (e) => out.events.push(e),
    onRetry: (ms) => (out.retry = ms),
    onComment: (text) => out.comments.push(text),
  });
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return out;
}

/** The vector as text pieces. Byte vectors go through the spec's UTF-8
 * decode (TextDecoder's default strips exactly one leading BOM), since the
 * parser itself takes decoded text. */
function textPieces(v: SseVector): string[] {
  if (v.chunks) return v.chunks;
  const decoder = new TextDecoder();
  const pieces = (v.bytes ?? []).map((b) => decoder.decode(new Uint8Array(b), { stream: true }));
  pieces.push(decoder.decode());
  return pieces;
}

const vectors = await loadSseVectors();

describe('EventStreamParser: shared conformance vectors', () => {
  it('loads the vectors', () => {
    expect(vectors.length).to.be.greaterThan(0);
  });

  for (const v of vectors) {
    it(v.name, () => {
      const check = (pieces: string[], how: string) => {
        const { events, retry } = run(pieces);
        expect(events, `events, ${how}`).to.deep.equal(v.events);
        expect(retry, `retry, ${how}`).to.equal(v.retry);
      };
      const pieces = textPieces(v);
      check(pieces, 'pieces as given');
      const text = pieces.join('');
      for (let i = 1; i < text.length; i++) check([text.slice(0, i), text.slice(i)], `split at ${i}`);
      check(
        Array.from({ length: text.length }, (_, i) => text[i]!),
        'one code unit per piece',
      );
    });
  }
});

describe('EventStreamParser: fields', () => {
  const ev = (data: string, event = 'message', id = ''): SseEvent => ({ event, data, id });

  it('accepts retry of ASCII digits only, leading zeros and zero included', () => {
    const seen: number[] = [];
    const p = new EventStreamParser({ onEvent: () => {}, onRetry: (ms) => seen.push(ms) });
    p.feed('retry: 0\nretry:007\nretry: 9007199254740991\n');
    p.feed('retry:-1\nretry:+5\nretry:1.5\nretry:1e3\nretry:  5\nretry:5 \nretry:\uFF15\nretry\nretry:\n');
    expect(seen).to.deep.equal([0, 7, 9007199254740991]);
  });

  it('ignores a retry too large to hold exactly', () => {
    const seen: number[] = [];
    const p = new EventStreamParser({ onEvent: () => {}, onRetry: (ms) => seen.push(ms) });
    p.feed('retry: 9007199254740993\nretry: 12345678901234567890\nretry:' + '9'.repeat(400) + '\n');
    expect(seen).to.deep.equal([]);
  });

  it('applies retry as soon as its line ends, without waiting for a blank line', () => {
    const seen: number[] = [];
    const p = new EventStreamParser({ onEvent: () => {}, onRetry: (ms) => seen.push(ms) });
    p.feed('retry: 250\n');
    expect(seen).to.deep.equal([250]);
  });

  it('keeps the last event ID for later events without an id', () => {
    const { events } = run(['id: a\ndata: 1\n\ndata: 2\n\nevent: x\ndata: 3\n\n']);
    expect(events).to.deep.equal([ev('1', 'message', 'a'), ev('2', 'message', 'a'), ev('3', 'x', 'a')]);
  });

  it('updates the last event ID on a blank line that dispatches nothing', () => {
    const events: SseEvent[] = [];
    const p = new EventStreamParser({ onEvent: (e) => events.push(e) });
    p.feed('id: 7\n\n');
    expect(events).to.deep.equal([]);
    expect(p.lastEventId).to.equal('7');
    p.feed('data: x\n\n');
    expect(events).to.deep.equal([ev('x', 'message', '7')]);
  });

  it('never lets an id in an unterminated final block take effect', () => {
    const events: SseEvent[] = [];
    const p = new EventStreamParser({ onEvent: (e) => events.push(e) });
    p.feed('id: 1\ndata: a\n\nid: 2\ndata: b\n');
    p.end();
    expect(events).to.deep.equal([ev('a', 'message', '1')]);
    expect(p.lastEventId).to.equal('1');
  });

  it('ignores an id containing NUL and keeps id values verbatim otherwise', () => {
    const { events } = run(['id: x\0\ndata: 1\n\nid:  spaced \ndata: 2\n\nid\ndata: 3\n\n']);
    expect(events).to.deep.equal([ev('1'), ev('2', 'message', ' spaced '), ev('3')]);
  });

  it('resets the event type after every blank line, dispatching or not', () => {
    const { events } = run(['event: a\n\ndata: 1\n\nevent: b\ndata: 2\n\ndata: 3\n\nevent\ndata: 4\n\n']);
    expect(events).to.deep.equal([ev('1'), ev('2', 'b'), ev('3'), ev('4')]);
  });

  it('splits a field at the first colon and removes exactly one U+0020', () => {
    const { events } = run(['data::\n\ndata: a:b\n\ndata:\n\ndata: \n\ndata:  \n\ndata:\t x\n\n']);
    expect(events.map((e) => e.data)).to.deep.equal([':', 'a:b', '', '', ' ', '\t x']);
  });

  it('treats a leading BOM as content: the byte layer strips it, not the parser', () => {
    expect(run(['\uFEFFdata: x\n\ndata: y\n\n']).events).to.deep.equal([ev('y')]);
  });

  it('rejoins a surrogate pair split across pieces', () => {
    expect(run(['data: \uD83E', '\uDDF9\n\n']).events).to.deep.equal([ev('\uD83E\uDDF9')]);
  });
});

describe('EventStreamParser: comments', () => {
  const comments = (...pieces: string[]) => run(pieces).comments;

  it('reports the text after ":" with one leading space removed', () => {
    expect(comments(': ping\n:raw\n:  two\n:\n: \n:a:b\n')).to.deep.equal(['ping', 'raw', ' two', '', '', 'a:b']);
  });

  it('reports comments split across pieces and ended by any terminator', () => {
    expect(comments(':', ' a', 'b\r', '\n: c\r: d\r\n')).to.deep.equal(['ab', 'c', 'd']);
  });

  it('drops an unterminated comment at the end of the stream', () => {
    expect(comments(': done\n: cut')).to.deep.equal(['done']);
  });

  it('does not treat a comment as a blank line or as data', () => {
    expect(run([': x\ndata: 1\n: y\n\n']).events).to.deep.equal([{ event: 'message', data: '1', id: '' }]);
  });
});

describe('EventStreamParser: line terminators', () => {
  it('dispatches on a piece ending in CR without waiting for the next piece', () => {
    const events: SseEvent[] = [];
    const p = new EventStreamParser({ onEvent: (e) => events.push(e) });
    p.feed('data: x\r\r');
    expect(events.map((e) => e.data)).to.deep.equal(['x']);
    p.feed('\ndata: y\r\n\r\n');
    // The LF after the CR is the same terminator, not a second blank line.
    expect(events.map((e) => e.data)).to.deep.equal(['x', 'y']);
  });

  it('joins CR and LF across empty pieces', () => {
    const { events } = run(['data: a\r', '', '', '\n', 'data: b\n\n']);
    expect(events.map((e) => e.data)).to.deep.equal(['a\nb']);
  });

  it('treats a CR at the very end of the stream as a terminator', () => {
    expect(run(['data: a\n\r']).events.map((e) => e.data)).to.deep.equal(['a']);
  });

  it('discards the unterminated last block at end()', () => {
    expect(run(['data: a\n\ndata: b\n', 'data: c']).events.map((e) => e.data)).to.deep.equal(['a']);
  });
});

describe('EventStreamParser: performance', () => {
  it('parses 5 MB of frames in well under 2 s', () => {
    const frame = `data: {"type":"chunk","content":"${'lorem ipsum '.repeat(8)}"}\n\n`;
    const text = frame.repeat(Math.ceil((5 * 1024 * 1024) / frame.length));
    let count = 0;
    const p = new EventStreamParser({ onEvent: () => count++ });
    const t0 = performance.now();
    for (let i = 0; i < text.length; i += 16 * 1024) p.feed(text.slice(i, i + 16 * 1024));
    p.end();
    const ms = performance.now() - t0;
    expect(count).to.equal(text.length / frame.length);
    expect(ms).to.be.lessThan(2000);
  });

  it('stays linear for one 2 MB line arriving in 200k tiny pieces', () => {
    let data = '';
    const p = new EventStreamParser({ onEvent: (e) => (data = e.data) });
    const piece = 'xxxxxxxxxx';
    const t0 = performance.now();
    p.feed('data:');
    for (let i = 0; i < 200_000; i++) p.feed(piece);
    p.feed('\n\n');
    const ms = performance.now() - t0;
    expect(data.length).to.equal(2_000_000);
    expect(ms).to.be.lessThan(2000);
  });
});
