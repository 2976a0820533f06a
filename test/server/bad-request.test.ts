import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ENDPOINT, post, receive, startHandler, types, type Running } from './helpers.js';

/** Sends raw bytes, so bodies fetch would not send (no Content-Length, oversized) are possible. */
function rawPost(
  base: string,
  chunks: (string | Buffer)[],
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      base + ENDPOINT,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('BAD_REQUEST', () => {
  let server: Running;
  let calls = 0;
  before(async () => {
    server = await startHandler({
      maxBodyBytes: 1024,
      backend: () => {
        calls++;
        return { response: 'ok' };
      },
    });
  });
  after(() => server.close());

  const cases: [string, string][] = [
    ['a missing query', JSON.stringify({ question: 'hi' })],
    ['an empty query', JSON.stringify({ query: '' })],
    ['a whitespace-only query', JSON.stringify({ query: ' \n\t ' })],
    ['a query that is not a string', JSON.stringify({ query: 42 })],
    ['a body that is not JSON', 'query=hello'],
    ['a truncated JSON body', '{"query": "hel'],
    ['a JSON array', JSON.stringify(['hello'])],
    ['JSON null', 'null'],
    ['an empty body', ''],
    ['a query over maxQueryLength (4000)', JSON.stringify({ query: 'a'.repeat(4001) })],
  ];
  for (const [name, body] of cases) {
    it(`answers ${name} with one BAD_REQUEST error frame on a 200 event stream`, async () => {
      calls = 0;
      const response = await post(server.url, body);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const { frames } = await receive(response);
      assert.equal(frames.length, 1, JSON.stringify(frames));
      const [frame] = frames as [{ type: string; code: string; message: string; retryable: boolean }];
      assert.equal(frame.type, 'error');
      assert.equal(frame.code, 'BAD_REQUEST');
      assert.equal(frame.retryable, false);
      assert.ok(frame.message.length > 10, 'a clear message');
      assert.equal(calls, 0, 'the backend is not called');
    });
  }

  it('names the limit when the query is too long', async () => {
    const server2 = await startHandler({ maxQueryLength: 10, backend: () => ({ response: 'ok' }) });
    try {
      const ok = await receive(await post(server2.url, { query: '😀'.repeat(10) }));
      assert.deepEqual(
        types(ok.frames),
        ['start', 'chunk', 'complete'],
        'the limit counts characters, not UTF-16 units',
      );
      const { frames } = await receive(await post(server2.url, { query: 'x'.repeat(11) }));
      assert.match((frames[0] as { message: string }).message, /10 characters/);
    } finally {
      await server2.close();
    }
  });

  it('by default accepts 4000 characters, even 4-byte ones, and refuses 4001', async () => {
    const defaults = await startHandler({ backend: () => ({ response: 'ok' }) });
    try {
      const ok = await receive(await post(defaults.url, { query: '😀'.repeat(4000), context: 'x'.repeat(1000) }));
      assert.equal(ok.frames[0]!.type, 'start');
      const refused = await receive(await post(defaults.url, { query: 'a'.repeat(4001) }));
      assert.equal((refused.frames[0] as { code: string }).code, 'BAD_REQUEST');
    } finally {
      await defaults.close();
    }
  });

  it('refuses a body over the default limit of 64 KiB', async () => {
    const defaults = await startHandler({ backend: () => ({ response: 'ok' }) });
    try {
      const { frames } = await receive(await post(defaults.url, { query: 'q', pad: 'p'.repeat(64 * 1024) }));
      assert.match((frames[0] as { message: string }).message, /65536 bytes/);
    } finally {
      await defaults.close();
    }
  });

  it('refuses a body over maxBodyBytes announced by Content-Length', async () => {
    calls = 0;
    const body = JSON.stringify({ query: 'x', pad: 'p'.repeat(2000) });
    const { status, text } = await rawPost(server.url, [body]);
    assert.equal(status, 200);
    const frame = JSON.parse(text.slice(6)) as { code: string; message: string };
    assert.equal(frame.code, 'BAD_REQUEST');
    assert.match(frame.message, /1024 bytes/);
    assert.equal(calls, 0);
  });

  it('refuses a chunked body once it passes maxBodyBytes, without Content-Length', async () => {
    calls = 0;
    const piece = 'p'.repeat(300);
    const { status, text } = await rawPost(server.url, ['{"query":"x","pad":"', piece, piece, piece, piece, '"}'], {
      'transfer-encoding': 'chunked',
    });
    assert.equal(status, 200);
    assert.equal((JSON.parse(text.slice(6)) as { code: string }).code, 'BAD_REQUEST');
    assert.equal(calls, 0);
  });

  it('accepts a body just under the limit', async () => {
    const body = JSON.stringify({ query: 'x', pad: '' });
    const padded = JSON.stringify({ query: 'x', pad: 'p'.repeat(1024 - body.length) });
    assert.equal(Buffer.byteLength(padded), 1024);
    const { text } = await rawPost(server.url, [padded]);
    assert.match(text, /"type":"complete"/);
  });
});
