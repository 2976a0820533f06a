// The real handler with a memory resume store and a counting backend, on its own
// loopback port, behind a proxy mounted in @web/test-runner's dev server that
// misbehaves on request, like a network or a load balancer would:
//
//   POST /test/real/ask?tag=T&cut=N|last&first=503:S&second=503:S&pace=MS
//     cut=N      the first connection that reaches the handler is cut after N chunk
//                frames (0: after `start`); `last`: after the last chunk, before the end
//     first=503:S / second=503:S   the 1st / 2nd request of the ask is answered by the
//                proxy itself with 503 and Retry-After: S (the backend never sees it)
//     pace=MS    the backend's pause between pieces (default 2)
//   GET  /test/real/log?tag=T  {attempts: [{idempotencyKey, lastEventId, at}], calls: n}
//        where calls counts the backend's calls for the tag's asks
import http from 'node:http';
import { tsImport } from 'tsx/esm/api';

const server = await tsImport('../../src/server/index.ts', import.meta.url);
const { toNodeHandler } = await tsImport('../../src/server/node/index.ts', import.meta.url);
const { answerPieces } = await tsImport('./resume-answer.ts', import.meta.url);

const callsByKey = new Map();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function* backend(query, { request, signal }) {
  const key = request.headers.get('idempotency-key');
  callsByKey.set(key, (callsByKey.get(key) ?? 0) + 1);
  const pace = Number(new URL(request.url).searchParams.get('pace') ?? 2);
  for (const piece of answerPieces(query)) {
    if (pace > 0) await sleep(pace);
    signal.throwIfAborted();
    yield piece;
  }
  yield { sources: [{ title: 'Resumable', url: 'https://example.com/resume' }] };
}

const handler = toNodeHandler(
  server.createAskStreamHandler({ backend, resumeStore: server.memoryResumeStore(), onError: () => {} }),
);
const upstream = http.createServer(handler);
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const UPSTREAM = `http://127.0.0.1:${upstream.address().port}`;

const log = new Map(); // tag → {attempts, keys:Set}
const forwarded = new Map(); // key → how many requests reached the handler

function policy(value) {
  const match = /^503:(\d+)$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}

export async function resumeServerMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/test/real/')) return next();
  const url = new URL(ctx.req.url, 'http://x');
  const tag = url.searchParams.get('tag') ?? '';
  const entry = log.get(tag) ?? { attempts: [], keys: new Set() };
  log.set(tag, entry);
  ctx.respond = false;
  const { req, res } = ctx;

  if (ctx.path === '/test/real/log') {
    let calls = 0;
    for (const key of entry.keys) calls += callsByKey.get(key) ?? 0;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ attempts: entry.attempts, calls }));
    return;
  }
  if (ctx.path !== '/test/real/ask') {
    res.writeHead(404);
    res.end();
    return;
  }

  const key = req.headers['idempotency-key'] ?? '';
  entry.keys.add(key);
  entry.attempts.push({ idempotencyKey: key, lastEventId: req.headers['last-event-id'] ?? null, at: Date.now() });
  const attempt = entry.attempts.filter((a) => a.idempotencyKey === key).length;
  const refuse =
    attempt === 1
      ? policy(url.searchParams.get('first'))
      : attempt === 2
        ? policy(url.searchParams.get('second'))
        : undefined;
  if (refuse !== undefined) {
    req.resume();
    res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': String(refuse) });
    res.end('busy');
    return;
  }

  const reached = (forwarded.get(key) ?? 0) + 1;
  forwarded.set(key, reached);
  const cutParam = url.searchParams.get('cut');
  const cut = reached === 1 && cutParam !== null ? (cutParam === 'last' ? 'last' : Number(cutParam)) : undefined;

  // A same-origin proxy: the handler sees no Origin to check.
  const headers = { ...req.headers };
  delete headers.origin;
  const up = http.request(`${UPSTREAM}/api/ask/stream${url.search}`, { method: 'POST', headers, agent: false });
  up.on('error', () => res.destroy());
  req.pipe(up);
  up.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    res.flushHeaders();
    let buffered = '';
    let chunks = 0;
    answer.setEncoding('utf8');
    answer.on('data', (text) => {
      if (cut === undefined) return void res.write(text);
      buffered += text;
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end + 2);
        buffered = buffered.slice(end + 2);
        const type = /"type":"(\w+)"/.exec(block)?.[1];
        if (cut === 'last' && (type === 'metadata' || type === 'complete')) return drop();
        res.write(block);
        if (type === 'chunk') chunks++;
        if (typeof cut === 'number' && type !== undefined && (type === 'chunk' || cut === 0) && chunks === cut)
          return drop();
      }
    });
    answer.on('end', () => res.end());
    // A FIN after what was written, not a reset: a browser may drop unread bytes on a
    // reset, and these tests are about resuming after what the client did receive.
    // (The chaos test in test/server/ resets at any byte.)
    function drop() {
      answer.destroy();
      up.destroy();
      res.socket?.end();
    }
  });
  res.on('close', () => up.destroy());
}
