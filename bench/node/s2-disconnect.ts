/**
 * S2, disconnect: clients that drop mid-stream. 200 streams against the real
 * handler (demo backend, 10 chunks/s); each client destroys its socket after
 * 1–5 chunks. Twice: clients arriving over 2 s (a busy site), then all in the
 * same instant, where the first drops queue behind the server's work of
 * starting the other streams.
 *
 * - abort delay: from the client's socket destroy (load generator process) to
 *   the backend's `signal` abort (server process), matched by request id, both
 *   on performance.timeOrigin + performance.now(); p50 / p99 / max. The two
 *   processes' time origins come from the same system clock; their skew is
 *   well under a millisecond.
 * - leftovers: process.getActiveResourcesInfo() in the server after every
 *   client is gone (+ 500 ms), against the same list before the load; and the
 *   count of responses still open.
 */
import { fmt, verdict, type Outcome } from '../lib/report.js';
import { percentile } from '../lib/stats.js';
import type { StreamResult } from './load-client.js';
import { ask, forkTs, next, stop } from './processes.js';

interface Resources {
  counts: Record<string, number>;
  open: number;
}

interface Phase {
  arrivals: string;
  dropped: number;
  notAborted: number;
  delaysMs: { p50: number; p99: number; max: number };
  leftovers: string[];
  openAfter: number;
  before: Record<string, number>;
  after: Record<string, number>;
}

/** One server, `clients` clients that drop after 1–5 chunks, starts spread over `rampMs` (0: all at once). */
async function phase(clients: number, rampMs: number): Promise<Phase> {
  const server = forkTs('./handler-server.ts', [], ['--expose-gc']);
  try {
    const port = await next<number>(server, 'port');
    await ask(server, { cmd: 'start-load' }, 'started');
    // The sampler and the delay monitor are running now, so they are in both lists.
    const before = (await ask<Resources>(server, { cmd: 'resources' }, 'resources')).counts;
    const client = forkTs('./load-client.ts', [String(port), String(clients), 'drop', String(rampMs)]);
    const results = await next<StreamResult[]>(client, 'results', 120_000);
    await stop(client);
    await new Promise((ok) => setTimeout(ok, 500));
    const after = await ask<Resources>(server, { cmd: 'resources' }, 'resources');
    const report = await ask<{ abortedAt: Record<string, number> }>(server, { cmd: 'report' }, 'report');
    const delays: number[] = [];
    let notAborted = 0;
    for (const r of results) {
      if (r.droppedAt === undefined) continue;
      const at = report.abortedAt[r.id];
      if (at === undefined) notAborted++;
      else delays.push(at - r.droppedAt);
    }
    const leftovers: string[] = [];
    for (const k of new Set([...Object.keys(before), ...Object.keys(after.counts)])) {
      const d = (after.counts[k] ?? 0) - (before[k] ?? 0);
      if (d !== 0) leftovers.push(`${k} ${d > 0 ? '+' : ''}${d}`);
    }
    return {
      arrivals: rampMs > 0 ? `spread over ${rampMs / 1000} s` : 'all at once',
      dropped: results.filter((r) => r.droppedAt !== undefined).length,
      notAborted,
      delaysMs: { p50: percentile(delays, 50), p99: percentile(delays, 99), max: Math.max(...delays) },
      leftovers,
      openAfter: after.open,
      before,
      after: after.counts,
    };
  } finally {
    await stop(server);
  }
}

export async function runS2(log: (line: string) => void, opts: { clients: number }): Promise<Outcome> {
  log(`S2 ${opts.clients} clients dropping mid-stream`);
  const phases: Phase[] = [];
  for (const rampMs of [2_000, 0]) {
    const p = await phase(opts.clients, rampMs);
    log(
      `  arrivals ${p.arrivals}: ${p.dropped} dropped, abort p99 ${fmt(p.delaysMs.p99, 1)} ms, ${p.notAborted} never aborted, leftovers: ${p.leftovers.join(', ') || 'none'}`,
    );
    phases.push(p);
  }
  const [steady, burst] = phases as [Phase, Phase];
  const describe = (p: Phase) =>
    `${fmt(p.delaysMs.p99, 1)} ms (${fmt(p.delaysMs.p50, 1)}, ${fmt(p.delaysMs.max, 1)} ms)${p.notAborted ? `; ${p.notAborted} never aborted` : ''}`;
  return {
    id: 'S2',
    title: 'disconnect',
    rows: [
      {
        metric: `socket destroyed → backend aborted, p99 (p50, max); ${steady.dropped} clients arriving over 2 s`,
        askStream: describe(steady),
        target: '≤ 100 ms',
        verdict: verdict(steady.notAborted === 0 && steady.delaysMs.p99 <= 100),
      },
      {
        metric: `the same, ${burst.dropped} clients arriving at once`,
        askStream: describe(burst),
        target: '≤ 100 ms',
        verdict: verdict(burst.notAborted === 0 && burst.delaysMs.p99 <= 100),
      },
      {
        metric: 'timers / sockets left once all clients are gone (both runs)',
        askStream: `${[...steady.leftovers, ...burst.leftovers].join(', ') || 'none'}; ${steady.openAfter + burst.openAfter} responses open`,
        target: 'none',
        verdict: verdict(
          steady.leftovers.length + burst.leftovers.length === 0 && steady.openAfter + burst.openAfter === 0,
        ),
      },
    ],
    notes: [
      `active resources before the load / after: ${JSON.stringify(steady.before)} / ${JSON.stringify(steady.after)}`,
    ],
    raw: phases,
  };
}
