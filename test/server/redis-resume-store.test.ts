// redisResumeStore against a real redis-server, started here on a free loopback
// port (no persistence) and ended by its process id. Two handler instances share
// it, as two servers behind a load balancer would.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AskBackend } from '../../src/server/index.js';
import { redisResumeStore, type RedisResumeStore } from '../../src/server/redis.js';
import { findRedisServer, REDIS_HINT } from '../../scripts/redis.mjs';
import { answerText, gate, post, readUntil, receive, startHandler, types, waitFor, type Running } from './helpers.js';

const binary = findRedisServer();
if (!binary) console.log(`# ${REDIS_HINT}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts redis-server; resolves once it accepts connections. */
async function startRedis(path: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    path,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b));
  child.stderr!.on('data', (b: Buffer) => (output += b));
  const url = `redis://127.0.0.1:${port}`;
  const probe = redisResumeStore({ url });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await probe.lookup('probe');
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await probe.close();
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start: ${String(error)}\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await probe.close();
  return { url, process: child };
}

const headers = (k: string, lastEventId?: string) => ({
  'content-type': 'application/json',
  accept: 'text/event-stream',
  'idempotency-key': k,
  ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
});
const key = () => `redis-test-${Math.random().toString(36).slice(2)}`;
const PIECES = ['Une ', 'réponse ', 'en ', 'plusieurs ', 'morceaux ', '🌍'];

describe('redisResumeStore: two instances, one Redis', { skip: binary ? false : REDIS_HINT }, () => {
  let redis: { url: string; process: ChildProcess };
  let stores: RedisResumeStore[] = [];
  let servers: Running[] = [];
  let hold = gate();
  const calls = [0, 0];

  /** Instance `n`'s backend: counts its calls; holds the last piece until `hold` opens. */
  const backendOf = (n: number): AskBackend =>
    async function* () {
      calls[n]!++;
      for (let i = 0; i < PIECES.length; i++) {
        if (i === PIECES.length - 1) await hold.promise;
        yield PIECES[i]!;
      }
    };

  before(async () => {
    redis = await startRedis(binary!);
    stores = [redisResumeStore({ url: redis.url, ttlMs: 1000 }), redisResumeStore({ url: redis.url, ttlMs: 1000 })];
    servers = await Promise.all([0, 1].map((n) => startHandler({ backend: backendOf(n), resumeStore: stores[n] })));
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(stores.map((s) => s.close()));
    if (redis) {
      const exited = new Promise((r) => redis.process.once('exit', r));
      process.kill(redis.process.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('resumes a connection cut on one instance through the other, without calling a backend again', async () => {
    hold = gate();
    calls.fill(0);
    const k = key();
    const first = await post(servers[0]!.url, { query: 'q' }, { headers: headers(k) });
    const { received, reader } = await readUntil(first, (r) => r.frames.filter((f) => f.type === 'chunk').length >= 2);
    await reader.cancel();
    const lastId = received.ids.at(-1)!;
    const resumed = await post(servers[1]!.url, { query: 'q' }, { headers: headers(k, lastId) });
    hold.open();
    const rest = await receive(resumed);
    assert.equal(rest.ids[0], String(Number(lastId) + 1));
    assert.equal(answerText([...received.frames, ...rest.frames]), PIECES.join(''));
    assert.equal(types(rest.frames).at(-1), 'complete');
    assert.deepEqual(calls, [1, 0]);
  });

  it('attaches a duplicate on the other instance to the running answer', async () => {
    hold = gate();
    calls.fill(0);
    const k = key();
    const a = await post(servers[0]!.url, { query: 'q' }, { headers: headers(k) });
    await waitFor(() => calls[0] === 1, 5000, 'the first backend call');
    const b = await post(servers[1]!.url, { query: 'q' }, { headers: headers(k) });
    hold.open();
    const [ga, gb] = await Promise.all([receive(a), receive(b)]);
    assert.equal(answerText(gb.frames), PIECES.join(''));
    assert.deepEqual(gb.frames, ga.frames);
    assert.deepEqual(gb.ids, ga.ids);
    assert.deepEqual(calls, [1, 0]);
  });

  it('claims a key exactly once across instances', async () => {
    const k = key();
    const claims = await Promise.all([stores[0]!.claim(k, 'q'), stores[1]!.claim(k, 'q'), stores[0]!.claim(k, 'q')]);
    assert.equal(claims.filter((c) => c.created).length, 1);
    assert.deepEqual(
      claims.filter((c) => !c.created),
      [
        { created: false, query: 'q' },
        { created: false, query: 'q' },
      ],
    );
  });

  it('forgets an answer ttlMs after it ends: a later resume gets RESUME_UNAVAILABLE', async () => {
    hold = gate();
    hold.open();
    const k = key();
    const whole = await receive(await post(servers[0]!.url, { query: 'q' }, { headers: headers(k) }));
    assert.equal(types(whole.frames).at(-1), 'complete');
    const again = await receive(await post(servers[1]!.url, { query: 'q' }, { headers: headers(k, '2') }));
    assert.equal(answerText(again.frames), PIECES.slice(1).join(''));
    // Redis expires the keys itself; poll until it has (bounded).
    await waitFor(
      () => {
        void stores[1]!.lookup(k).then((found) => (gone = found === undefined));
        return gone;
      },
      5000,
      'the answer to expire',
    );
    const late = await receive(await post(servers[1]!.url, { query: 'q' }, { headers: headers(k, '2') }));
    assert.equal((late.frames[0] as { code?: string }).code, 'RESUME_UNAVAILABLE');
  });
  let gone = false;
});
