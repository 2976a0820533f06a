import { expect } from '@open-wc/testing';
import { conversationHistory, HISTORY_FIELD_BYTES } from '../../src/controller/index.js';
import { HISTORY_LIMITS } from '../../src/protocol.js';
import type { Exchange } from '../../src/controller/index.js';

type Past = Pick<Exchange, 'query' | 'response' | 'status'>;

const done = (query: string, response = `answer to ${query}`): Past => ({ query, response, status: 'complete' });
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).byteLength;

describe('conversationHistory', () => {
  const past: Past[] = [
    done('one'),
    done('two'),
    { query: 'three', response: 'half an ans', status: 'error' },
    done('four'),
    { query: 'five', response: 'stopped', status: 'cancelled' },
    done('six'),
    { query: 'seven', response: '', status: 'streaming' },
  ];

  it('is empty for a count of 0, less, or NaN', () => {
    for (const count of [0, -1, 0.5, Number.NaN]) expect(conversationHistory(past, count)).to.deep.equal([]);
  });

  it('keeps the last `count` complete exchanges, oldest first, as {query, response}', () => {
    expect(conversationHistory(past, 2)).to.deep.equal([
      { query: 'four', response: 'answer to four' },
      { query: 'six', response: 'answer to six' },
    ]);
    expect(conversationHistory(past, 10).map((e) => e.query)).to.deep.equal(['one', 'two', 'four', 'six']);
  });

  it(`sends at most ${HISTORY_LIMITS.maxEntries} exchanges, whatever the count (Infinity too)`, () => {
    const many = Array.from({ length: 30 }, (_, i) => done(`q${i}`));
    for (const count of [21, 100, Number.POSITIVE_INFINITY]) {
      const history = conversationHistory(many, count);
      expect(history.length).to.equal(HISTORY_LIMITS.maxEntries);
      expect(history.at(-1)!.query).to.equal('q29');
      expect(history[0]!.query).to.equal('q10');
    }
  });

  it(`cuts a question or an answer to ${HISTORY_FIELD_BYTES} bytes of UTF-8 at a character, marked with …`, () => {
    // 🌍 is 4 bytes (two UTF-16 units): a cut must not split it.
    const long = 'a' + '🌍'.repeat(2000);
    const [entry] = conversationHistory([done(long, long)], 1);
    for (const field of [entry!.query, entry!.response]) {
      expect(bytes(field)).to.be.at.most(HISTORY_FIELD_BYTES);
      expect(bytes(field)).to.be.above(HISTORY_FIELD_BYTES - 4 - 3);
      expect(field.endsWith('🌍…')).to.equal(true, 'a whole character, then the mark');
      expect(long.startsWith(field.slice(0, -1))).to.equal(true);
    }
    const exact = 'é'.repeat(HISTORY_FIELD_BYTES / 2);
    expect(conversationHistory([done('q', exact)], 1)[0]!.response).to.equal(exact);
  });

  it(`keeps the JSON within ${HISTORY_LIMITS.maxBytes} bytes by dropping the oldest`, () => {
    // Each exchange's JSON is 4000 bytes and some; four fit, the fifth would not.
    const big = Array.from({ length: 6 }, (_, i) => done(`q${i}`, 'x'.repeat(3990)));
    const history = conversationHistory(big, 6);
    expect(history.map((e) => e.query)).to.deep.equal(['q2', 'q3', 'q4', 'q5']);
    expect(bytes(history)).to.be.at.most(HISTORY_LIMITS.maxBytes);
  });

  it('counts the bytes as the server does, to the byte: exactly 16 KiB is kept, one more drops the oldest', () => {
    const json = (exchanges: Past[]) => bytes(exchanges.map(({ query, response }) => ({ query, response })));
    const make = (extra: number) => {
      const exchanges = [
        done('a', ''),
        done('b', 'x'.repeat(4050)),
        done('c', 'x'.repeat(4050)),
        done('d', 'x'.repeat(4050)),
        done('e', ''),
      ];
      // 'e' gets exactly the room left (ASCII: one byte a character), plus `extra`.
      const room = HISTORY_LIMITS.maxBytes - json(exchanges) + extra;
      expect(room).to.be.within(1, HISTORY_FIELD_BYTES);
      exchanges[4] = done('e', 'y'.repeat(room));
      return exchanges;
    };
    const fits = make(0);
    expect(json(fits)).to.equal(HISTORY_LIMITS.maxBytes);
    expect(conversationHistory(fits, 5).length).to.equal(5);
    const over = make(1);
    expect(json(over)).to.equal(HISTORY_LIMITS.maxBytes + 1);
    expect(conversationHistory(over, 5).map((e) => e.query)).to.deep.equal(['b', 'c', 'd', 'e']);
  });

  it('counts what JSON escaping adds, and stops at the first exchange that does not fit (no gaps)', () => {
    // 4090 quotes are 8180 bytes of JSON: two such answers do not fit in 16 KiB.
    const quotes = '"'.repeat(4090);
    const history = conversationHistory([done('old'), done('q1', quotes), done('q2', quotes)], 3);
    expect(history.map((e) => e.query)).to.deep.equal(['q2']);
    expect(bytes(history)).to.be.at.most(HISTORY_LIMITS.maxBytes);
  });
});
