// A real streaming HTTP endpoint for the browser tests, mounted in
// @web/test-runner's dev server. The test describes the response it wants in the
// POSTed JSON (`script`), so every case travels over a real socket as real bytes.
//
//   POST /test/sse           body {script: Step[], ...}: plays the script
//   POST /test/echo          answers one data frame holding the request it saw
//   POST /test/attempts      body {tag, scripts: Step[][] | {[lastEventId]: Step[]}}: plays
//                            scripts[n] for the n-th request of `tag` (the last one once
//                            they run out), or the script of the request's Last-Event-ID
//                            ("" for none), like a server that resumes; records each
//                            request's Idempotency-Key and Last-Event-ID
//   GET  /test/attempts?tag= the record of `tag`: [{idempotencyKey, lastEventId, at}]
//   POST /test/record?tag=&status=  keeps the request under `tag`, answers `status` (204)
//   GET  /test/record?tag=   the requests kept under `tag`: [{method, headers, body}]
//
// Step: {status, headers} (must come first; default 200 text/event-stream)
//       {write: string} | {bytes: number[]} | {delay: ms} | {hang: true} | {destroy: true}
//       {awaitRelease: key}: waits until the test POSTs `key` to /test/release (or
//       has already), so a test decides when the rest comes: a later chunk, or a cut
//       once the client has read what came before.

import { readFile } from 'node:fs/promises';
import { frame } from './sse-frame.mjs';

const DEFAULT_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// key → the resolver of the response waiting at that step, or `true` when the
// test released the key before the response got there.
const releases = new Map();
function released(key) {
  if (releases.get(key) === true) {
    releases.delete(key);
    return Promise.resolve();
  }
  return new Promise((resolve) => releases.set(key, resolve));
}
function release(key) {
  const waiting = releases.get(key);
  if (typeof waiting === 'function') {
    releases.delete(key);
    waiting();
  } else releases.set(key, true);
}

async function play(res, script) {
  let i = 0;
  let status = 200;
  let headers = DEFAULT_HEADERS;
  if (script[0] && ('status' in script[0] || 'headers' in script[0])) {
    status = script[0].status ?? 200;
    headers = script[0].headers ?? DEFAULT_HEADERS;
    i = 1;
  }
  // Koa starts every response as a 404 and the test runner logs each one it
  // sees; a client that leaves before the headers must not read as one.
  res.statusCode = status;
  const firstDelay = script[i] && 'delayHeaders' in script[i] ? script[i++].delayHeaders : 0;
  if (firstDelay) await sleep(firstDelay);
  if (res.destroyed) return;
  res.writeHead(status, headers);
  res.flushHeaders();
  for (; i < script.length; i++) {
    const step = script[i];
    if (res.destroyed) return;
    if ('write' in step) res.write(step.write);
    else if ('event' in step) res.write(`id: ${step.event.id}\ndata: ${JSON.stringify(step.event.data)}\n\n`);
    else if ('bytes' in step) res.write(Buffer.from(step.bytes));
    else if ('delay' in step) await sleep(step.delay);
    else if ('awaitRelease' in step) await Promise.race([released(step.awaitRelease), sleep(30_000)]);
    else if ('hang' in step)
      return; // the client's idle timeout or abort ends it
    else if ('destroy' in step) {
      // Cut the connection mid-body with a FIN after everything written so far,
      // not a reset: a reset can make the browser drop bytes it has not read yet,
      // which would turn "the partial answer is kept" into a race.
      res.socket?.end();
      return;
    }
  }
  res.end();
}

// Plain pages for the built bundle: served raw from disk, straight from here, so
// none of the test runner's transforms touch them (the bundle must run as built).
const ROOT = new URL('../../', import.meta.url);
const PLAIN = {
  '/plain/ask-stream.js': ['dist/ask-stream.js', 'text/javascript'],
  '/plain/page.html': ['test/fixtures/plain.html', 'text/html'],
  '/plain/csp.html': ['test/fixtures/plain.html', 'text/html'],
  '/plain/csp-violations.js': ['test/fixtures/csp-violations.js', 'text/javascript'],
  '/plain/ask-stream-highlight.js': ['dist/ask-stream-highlight.js', 'text/javascript'],
  '/plain/highlight.html': ['test/fixtures/highlight.html', 'text/html'],
  '/plain/highlight-csp.html': ['test/fixtures/highlight.html', 'text/html'],
  '/plain/highlight-page.js': ['test/fixtures/highlight-page.js', 'text/javascript'],
  '/plain/highlight-worker.js': ['test/fixtures/highlight-worker.js', 'text/javascript'],
};
// Strict CSP with Trusted Types: no inline script, no inline style (no <style>
// element, no style attribute: style-src-elem and style-src-attr fall back to
// style-src), no string-to-HTML sinks but through Lit's own policy.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

export async function testServerMiddleware(ctx, next) {
  const path = ctx.path;
  if (path in PLAIN) {
    const [file, type] = PLAIN[path];
    ctx.type = type;
    ctx.set('cache-control', 'no-store');
    if (path.endsWith('csp.html')) ctx.set('content-security-policy', STRICT_CSP);
    try {
      ctx.body = await readFile(new URL(file, ROOT));
    } catch {
      ctx.status = 404;
      ctx.body = `${file} is missing: run \`npm run build\` first`;
    }
    return;
  }
  if (path === '/test/release') {
    release(await readBody(ctx.req));
    ctx.status = 204;
    return;
  }
  if (path === '/test/attempts') return attempts(ctx);
  if (path === '/test/record') return record(ctx);
  if (path !== '/test/sse' && path !== '/test/echo') return next();
  ctx.respond = false;
  const { req, res } = ctx;
  const text = await readBody(req);
  if (path === '/test/echo') {
    const seen = { method: req.method, headers: req.headers, body: text };
    res.writeHead(200, DEFAULT_HEADERS);
    res.end(frame({ type: 'metadata', request: seen }) + frame({ type: 'complete', success: true }));
    return;
  }
  let script = [];
  try {
    script = JSON.parse(text).script ?? [];
  } catch {
    res.writeHead(400);
    res.end('bad script');
    return;
  }
  res.on('error', () => {});
  await play(res, script);
}

// POST /test/record?tag=…[&status=…]: keeps the request (method, headers, body)
// under `tag` and answers `status` (default 204); GET /test/record?tag=… lists
// what was kept. For requests the widget makes on its own (feedback).
const recorded = new Map();

async function record(ctx) {
  const url = new URL(ctx.req.url, 'http://x');
  const tag = url.searchParams.get('tag');
  ctx.set('cache-control', 'no-store');
  if (ctx.method === 'GET') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(recorded.get(tag) ?? []);
    return;
  }
  const body = await readBody(ctx.req);
  recorded.set(tag, [...(recorded.get(tag) ?? []), { method: ctx.method, headers: ctx.req.headers, body }]);
  ctx.status = Number(url.searchParams.get('status') ?? 204);
  if (ctx.status >= 400) ctx.body = 'refused';
}

// Requests of the stateful endpoint, by the tag the test chose (the client makes
// the Idempotency-Key itself, so the test finds its requests by tag).
const attemptLog = new Map();

async function attempts(ctx) {
  ctx.respond = false;
  const { req, res } = ctx;
  if (req.method === 'GET') {
    const tag = new URL(req.url, 'http://x').searchParams.get('tag');
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(attemptLog.get(tag) ?? []));
    return;
  }
  const text = await readBody(req);
  let tag, scripts;
  try {
    ({ tag, scripts } = JSON.parse(text));
  } catch {
    res.writeHead(400);
    res.end('bad scripts');
    return;
  }
  const log = attemptLog.get(tag) ?? [];
  attemptLog.set(tag, log);
  log.push({
    idempotencyKey: req.headers['idempotency-key'] ?? null,
    lastEventId: req.headers['last-event-id'] ?? null,
    at: Date.now(),
  });
  res.on('error', () => {});
  const script = Array.isArray(scripts)
    ? scripts[Math.min(log.length - 1, scripts.length - 1)]
    : scripts[req.headers['last-event-id'] ?? ''];
  await play(res, script ?? []);
}
