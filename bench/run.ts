/**
 * `npm run bench [-- B1 S1 …] [--no-build] [--quick]`
 *
 * Builds (npm run build) so the benchmarks measure what ships, runs the
 * selected benchmarks (all by default; B* in headless Chromium against a local
 * server, the bundle; S* against the built handler in a separate Node process), prints a table, and merges the figures into bench/results/latest.json.
 * See BENCHMARKS.md for what each one measures and how.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runB1 } from './browser/b1-growth.js';
import { runB2 } from './browser/b2-frames.js';
import { runB3 } from './browser/b3-latency.js';
import { runB4 } from './browser/b4-parse.js';
import { runB5 } from './browser/b5-memory.js';
import { runB6 } from './browser/b6-paced.js';
import { bundleRegistersOnImport, type BrowserCtx } from './browser/session.js';
import { launch } from './lib/browser.js';
import { machine } from './lib/machine.js';
import { markdownTable, printTable, writeJson, type Outcome } from './lib/report.js';
import { runS1 } from './node/s1-concurrency.js';
import { runS2 } from './node/s2-disconnect.js';
import { ROOT, startBenchServer } from './server/bench-server.js';

const ALL = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'S1', 'S2'] as const;
type Id = (typeof ALL)[number];

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const unknownFlags = [...flags].filter((f) => f !== '--no-build' && f !== '--quick');
const picked = args.filter((a) => !a.startsWith('--')).map((a) => a.toUpperCase());
const unknownIds = picked.filter((a) => !(ALL as readonly string[]).includes(a));
if (unknownFlags.length || unknownIds.length) {
  console.error(
    `unknown: ${[...unknownFlags, ...unknownIds].join(' ')}\nusage: npm run bench [-- ${ALL.join(' ')}] [--no-build] [--quick]`,
  );
  process.exit(2);
}
const ids: Id[] = picked.length ? ALL.filter((id) => picked.includes(id)) : [...ALL];
const quick = flags.has('--quick');

// --quick: a smoke run (fewer repeats, shorter deadlines for the baseline); not for publishing.
const options = {
  repeats: quick ? 1 : 3,
  // B2 and B3 stream for 5 s each run; two element runs keep the whole under ~5 minutes.
  streamRepeats: quick ? 1 : 2,
  naiveDeadlineMs: quick ? 6_000 : 15_000,
  b4Iterations: quick ? 3 : 9,
  s1Streams: 1_000,
  s2Clients: 200,
};

const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const RESULTS_MD = fileURLToPath(new URL('./results/latest.md', import.meta.url));
const log = (line: string) => console.log(line);

// Every benchmark measures what ships: the browser bundle (B*) and the built library (S*).
if (!flags.has('--no-build')) {
  log('▶ npm run build');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('✖ build failed: the benchmarks measure the built code, so they stop here');
    process.exit(1);
  }
}

const where = machine();
const outcomes: Outcome[] = [];
const failures: { id: Id; error: string }[] = [];
const started = performance.now();

async function attempt(id: Id, run: () => Promise<Outcome>): Promise<void> {
  const t = performance.now();
  try {
    const o = await run();
    outcomes.push(o);
    log(`  ${id} done in ${Math.round((performance.now() - t) / 1000)} s`);
  } catch (error) {
    console.error(`✖ ${id} failed:`, error);
    failures.push({ id, error: String(error instanceof Error ? (error.stack ?? error.message) : error) });
  }
}

let bundle: { bytes: number; sha256: string } | undefined;
const browserIds = ids.filter((id) => id.startsWith('B'));
if (browserIds.length) {
  const server = await startBenchServer();
  bundle = server.bundle;
  const browser = await launch();
  where.chromium = browser.version();
  const ctx: BrowserCtx = { browser, base: server.url, log };
  try {
    for (const id of browserIds) {
      if (id === 'B1')
        await attempt(id, () => runB1(ctx, { repeats: options.repeats, naiveDeadlineMs: options.naiveDeadlineMs }));
      if (id === 'B2')
        await attempt(id, () =>
          runB2(ctx, { repeats: options.streamRepeats, naiveDeadlineMs: options.naiveDeadlineMs }),
        );
      if (id === 'B3')
        await attempt(id, () =>
          runB3(ctx, { repeats: options.streamRepeats, naiveDeadlineMs: options.naiveDeadlineMs }),
        );
      if (id === 'B4') await attempt(id, () => runB4(ctx, { iterations: options.b4Iterations }));
      if (id === 'B5') await attempt(id, () => runB5(ctx, { naiveDeadlineMs: 4 * options.naiveDeadlineMs }));
      if (id === 'B6') await attempt(id, () => runB6(ctx, { naiveDeadlineMs: 3 * options.naiveDeadlineMs }));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
if (ids.includes('S1')) await attempt('S1', () => runS1(log, { streams: options.s1Streams }));
if (ids.includes('S2')) await attempt('S2', () => runS2(log, { clients: options.s2Clients }));
where.loadAverage.end = os.loadavg()[0]!;

console.log(`\n${printTable(outcomes)}\n`);
for (const o of outcomes) for (const n of o.notes) console.log(`${o.id}: ${n}`);
console.log(
  `\n${where.cores} cores, ${where.cpu}, Node ${where.node}${where.chromium ? `, Chromium ${where.chromium}` : ''}; ` +
    `load average ${where.loadAverage.start.toFixed(1)} → ${where.loadAverage.end.toFixed(1)}; ${Math.round((performance.now() - started) / 1000)} s` +
    (quick ? ' (--quick: not for publishing)' : ''),
);

// Merged, so that `npm run bench -- S1` refreshes S1 and keeps the rest, each with its own machine and date.
type Stored = { benchmarks: Record<string, unknown> };
const previous: Stored = existsSync(RESULTS)
  ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Stored)
  : { benchmarks: {} };
const benchmarks = { ...previous.benchmarks };
for (const o of outcomes) {
  const shipped = o.id.startsWith('B') ? { bundle: { ...bundle, registersOnImport: bundleRegistersOnImport() } } : {};
  benchmarks[o.id] = { title: o.title, machine: where, quick, ...shipped, rows: o.rows, notes: o.notes, raw: o.raw };
}
writeJson(RESULTS, {
  updated: new Date().toISOString(),
  benchmarks: Object.fromEntries(Object.entries(benchmarks).sort()),
});
// The same table in Markdown, for BENCHMARKS.md: every benchmark in the file, each with where and when it ran.
type StoredOutcome = Pick<Outcome, 'rows' | 'notes' | 'title'> & {
  machine: typeof where;
  quick: boolean;
  bundle?: { bytes: number; sha256: string };
};
const stored = Object.entries(benchmarks).sort(([a], [b]) => a.localeCompare(b)) as [string, StoredOutcome][];
const runsOf = new Map<string, string[]>();
for (const [id, o] of stored) {
  const m = o.machine;
  const key = `${m.date.slice(0, 16).replace('T', ' ')} UTC: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}${id.startsWith('B') ? `, Chromium ${m.chromium}, bundle ${o.bundle?.bytes} bytes (sha256 ${o.bundle?.sha256}…)` : ''}, load average ${m.loadAverage.start.toFixed(1)} → ${(m.loadAverage.end ?? NaN).toFixed(1)}${o.quick ? ', --quick' : ''}`;
  runsOf.set(key, [...(runsOf.get(key) ?? []), id]);
}
writeFileSync(
  RESULTS_MD,
  `${markdownTable(stored.map(([id, o]) => ({ id, title: o.title, rows: o.rows, notes: o.notes, raw: undefined })))}\n\n` +
    `${[...runsOf].map(([key, list]) => `- ${list.join(', ')}: ${key}`).join('\n')}\n\nNotes:\n\n` +
    `${stored.flatMap(([id, o]) => o.notes.map((n) => `- ${id}: ${n}`)).join('\n')}\n`,
);
console.log(`figures written to ${RESULTS} and ${RESULTS_MD}`);
if (failures.length) {
  console.error(`✖ failed: ${failures.map((f) => f.id).join(', ')}`);
  process.exit(1);
}
