import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ask, type AskResult } from './fixtures/load-plan.js';
import { listen, pour, readBody, watchEventLoop, type EventLoopStalls } from './helpers.js';

const ASKS = 2_000;
const HOSTILE = 10;
const DROP_SHARE = 0.25;
const MB = 1024 * 1024;
/** Both children build the same plan of asks from these. */
const PLAN_ENV = { LOAD_ASKS: String(ASKS), LOAD_HOSTILE: String(HOSTILE), LOAD_DROP_SHARE: String(DROP_SHARE) };

/** Sends a message to the child and waits for its answer of the same type (or its exit). */
function request<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`the server exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type });
  });
}

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Descriptors each child needs: its 2,000 sockets and its own few. */
const FDS_NEEDED = ASKS + 200;
/** The hard limit on open files: a child may raise its soft limit (often 1024) up to it. */
const hardFdLimit = (() => {
  const value = execFileSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return value === 'unlimited' ? Infinity : Number(value);
})();

/**
 * Runs a fixture in a Node child whose soft limit on open files is raised to
 * 4096 (or the hard limit): 2,000 sockets do not fit the common default of
 * 1024. Only the children's limit is raised, not this process's.
 */
function spawnFixture(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(
    '/bin/sh',
    [
      '-c',
      'ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"',
      process.execPath,
      '--import',
      'tsx',
      fixture(name),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } },
  );
}

/** Ends a child by its own id if it has not exited within `ms`. */
async function stop(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  if (child.connected) child.send({ type: 'exit' });
  await exited;
  clearTimeout(timer);
}

/** What one storm measured. */
interface Storm {
  seconds: number;
  results: AskResult[];
  health: number[];
  fresh: number[];
  connections: number;
  upstreamPoured: number;
  tester: EventLoopStalls;
  server: {
    startRss: number;
    peakRss: number;
    peakActive: number;
    stayers: number;
    slowestArrival: number;
    slowestHealth: number;
    cpuMs: number;
    stall: EventLoopStalls;
  };
}

/**
 * One storm, in fresh processes: the server (with a hostile upstream beside
 * it, here), then the 2,000 clients, while this process times health asks.
 */
async function storm(): Promise<Storm> {
  let upstreamPoured = 0;
  // The hostile upstream: a 300 MB SSE line, poured as fast as it is read.
  const upstream = await listen(async (req, res) => {
    await readBody(req);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    upstreamPoured += await pour(
      res,
      'data: {"choices":[{"delta":{"content":"',
      Buffer.alloc(64 * 1024, 'a'),
      300 * MB,
      '"}}]}\n\n',
    );
  });
  const server = spawnFixture('load-server.ts', { ...PLAN_ENV, HOSTILE_UPSTREAM: upstream.url });
  let clients: ChildProcess | undefined;
  try {
    const base = await new Promise<string>((resolve, reject) => {
      server.once('message', (message: { url: string }) => resolve(message.url));
      server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
    // What any first request loads (undici's Request, among others) is loaded
    // before the storm: the test is about load, not start-up.
    assert.equal((await ask(base, { query: 'warm-up', kind: 'health' })).outcome, 'complete');
    const started = performance.now();
    // The clients run in a process of their own; this one only times health asks.
    clients = spawnFixture('load-clients.ts', { ...PLAN_ENV, LOAD_BASE: base });
    let storming = true;
    const done = new Promise<AskResult[]>((resolve, reject) => {
      clients!.on('message', (message: { type: string; results?: AskResult[] }) => {
        if (message.type === 'done') resolve(message.results!);
      });
      clients!.once('exit', (code) => code !== 0 && reject(new Error(`the clients exited with ${code}`)));
    }).finally(() => (storming = false));

    const watch = watchEventLoop(10);
    // Health asks, one every 50 ms or so, from the first of the 2,000 to the
    // last, with fetch as a monitor would send them: over a kept-alive
    // connection. (A fresh connection per health ask also measures the
    // kernel's handshake queue under a burst of 2,000 connections on a busy
    // machine; those are timed too, and reported.)
    const health: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; storming; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sent = performance.now();
      const response = await fetch(base + '/api/ask/stream', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-health': String(performance.timeOrigin + sent) },
        body: JSON.stringify({ query: 'health', kind: 'health' }),
      });
      assert.match(await response.text(), /"type":"complete"/);
      health.push(performance.now() - sent);
      if (i % 10 === 0) fresh.push((await ask(base, { query: 'health', kind: 'health' })).ms);
    }
    const results = await done;
    const seconds = (performance.now() - started) / 1000;
    const tester = watch.stop();

    // Every socket is let go: the dropped, the finished and the hostile.
    let connections = -1;
    for (let i = 0; i < 100 && connections !== 0; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      ({ connections } = await request<{ connections: number }>(server, 'connections'));
    }
    const stats = await request<Storm['server']>(server, 'stats');
    return { seconds, results, health, fresh, connections, upstreamPoured, tester, server: stats };
  } finally {
    if (clients) await stop(clients, 1000);
    await stop(server, 5000);
    await upstream.close();
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** The figures of a storm, for the test's output. */
function describeStorm(run: Storm): string[] {
  const count = (outcome: string) => run.results.filter((r) => r.outcome === outcome).length;
  const sorted = [...run.health].sort((a, b) => a - b);
  const { server, tester } = run;
  return [
    `${ASKS} asks in ${run.seconds.toFixed(1)} s, ${server.peakActive} of them streaming at once: ` +
      `${count('complete')} complete, ${count('dropped')} dropped by their client, ` +
      `${count('error frame')} error frames, ${count('failed')} failed`,
    `health asks: ${run.health.length} during the storm, median ${ms(sorted[sorted.length >> 1]!)}, max ` +
      `${ms(sorted.at(-1)!)} (in the server: taken up after at most ${ms(server.slowestArrival)}, answered in at ` +
      `most ${ms(server.slowestHealth)}); on a fresh connection each: max ${ms(Math.max(...run.fresh))} of ${run.fresh.length}`,
    `server: ${(server.cpuMs / 1000).toFixed(1)} s of CPU; RSS ${(server.startRss / MB).toFixed(0)} MB at start, peak ` +
      `${(server.peakRss / MB).toFixed(0)} MB (${((server.peakRss - server.startRss) / ASKS / 1024).toFixed(0)} KB a ` +
      `stream); event loop held at most ${ms(server.stall.busy)}; process kept off the CPU at most ` +
      `${ms(server.stall.starved)} at a time, ${ms(server.stall.starvedTotal)} in all (this process: ` +
      `${ms(tester.starved)}, ${ms(tester.starvedTotal)}); the hostile upstream poured ` +
      `${(run.upstreamPoured / MB).toFixed(0)} MB in all`,
  ];
}

/** What must hold of every storm, however busy the machine. */
function assertStorm(run: Storm): void {
  const failed = run.results.filter((r) => r.outcome === 'failed');
  assert.deepEqual(
    failed.slice(0, 5).map((r) => r.detail),
    [],
  );
  for (const r of run.results.filter((r) => r.kind === 'normal' && r.dropAfter === undefined)) {
    assert.equal(r.outcome, 'complete');
    assert.match(r.detail, /token9 /);
  }
  for (const r of run.results.filter((r) => r.kind === 'hostile')) {
    assert.equal(r.outcome, 'error frame');
    assert.match(r.detail, /"code":"BACKEND_UNAVAILABLE"/);
  }
  assert.equal(run.connections, 0, 'connections left open on the server');
  // Concurrent indeed: all the asks still there when the last arrived were in flight together.
  assert.ok(run.server.peakActive >= run.server.stayers, `${run.server.peakActive} at once, not ${run.server.stayers}`);
  // 2,000 streams cost memory (sockets, streams, requests), but a hostile
  // upstream must not add its 300 MB: at most 150 KB a stream in all.
  assert.ok(run.server.peakRss - run.server.startRss < ASKS * 150 * 1024, 'RSS grew by more than 150 KB a stream');
  assert.ok(run.health.length >= 3, `only ${run.health.length} health asks during the storm`);
  // The server's own code never holds its event loop long enough to keep a
  // health ask waiting.
  assert.ok(run.server.stall.busy < 500, `the server held its event loop for ${ms(run.server.stall.busy)}`);
}

const slowestHealth = (run: Storm) => Math.max(...run.health);

const skip =
  hardFdLimit < FDS_NEEDED &&
  `needs ${FDS_NEEDED} open files a process; the hard limit here is ${hardFdLimit} (ulimit -Hn)`;

describe(
  'load: 2,000 concurrent asks, random drops, a hostile upstream, and a health ask that still answers',
  { skip },
  () => {
    // One storm takes 10-20 s here; a second one only when the first missed the
    // health figure.
    it(
      'answers every ask that stays, fails the hostile ones cleanly, frees every socket; health under 1 s',
      { timeout: 100_000 },
      async (t) => {
        let run = await storm();
        for (const line of describeStorm(run)) t.diagnostic(line);
        assertStorm(run);
        if (slowestHealth(run) >= 1000) {
          // Health asks are timed by the clock, and a shared machine that keeps
          // the server or this process off the CPU, or drops a packet on
          // loopback (a retransmission costs a second and more), shows in it.
          // The miss is reported, and the storm run once more: the figure must
          // hold in that one.
          t.diagnostic(`health missed 1 s (${ms(slowestHealth(run))}): once more`);
          run = await storm();
          for (const line of describeStorm(run)) t.diagnostic(line);
          assertStorm(run);
        }
        assert.ok(slowestHealth(run) < 1000, `a health ask took ${ms(slowestHealth(run))}`);
      },
    );
  },
);
