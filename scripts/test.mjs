// `npm test`: type-check, lint, build (tests load the built bundle and
// package), find or install a browser, run the browser suite, the Node suites
// (server, package, highlight; a redis-server is found or installed for the Redis
// tests), the Markdown suites on their own, then check the bundle's size budget.
// Every step says when it starts and how long it took; a step that prints
// nothing of its own says it is still at work every 10 s, so a long silence is
// never a hang in disguise.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureChromium, HINT } from './browser.mjs';
import { ensureRedisServer, REDIS_HINT } from './redis.mjs';

const TICK_MS = 10_000;

async function step(name, cmd, args, { env = process.env, quiet = false } = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const ticker = quiet
    ? setInterval(() => console.log(`  … ${name}: still running (${seconds()} s)`), TICK_MS)
    : undefined;
  const status = await new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env, shell: false });
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  clearInterval(ticker);
  if (status !== 0) {
    console.error(`✖ ${name} failed (${seconds()} s)`);
    process.exit(status);
  }
  console.log(`✔ ${name} (${seconds()} s)`);
}

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

await step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit'], { quiet: true });
await step('lint (ESLint)', bin('eslint'), ['.'], { quiet: true });
await step('format check (Prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.'], { quiet: true });
await step('build (CDN bundles, npm modules, manifest)', 'npm', ['run', '--silent', 'build'], { quiet: true });

const chrome = ensureChromium();
if (!chrome) {
  console.error(HINT);
  process.exit(1);
}
await step('browser tests (Chromium)', bin('wtr'), [], { env: { ...process.env, CHROME_PATH: chrome } });
// Node 20's `--test` does not expand globs or pick up .ts files in a folder.
const testsIn = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`);
// The Redis tests start their own redis-server; without one they are skipped, saying why.
if (!ensureRedisServer()) console.warn(`⚠ ${REDIS_HINT}`);
// The spec reporter: one line a test, where TAP (the default when not on a terminal) takes five.
// node:test's mock timers (which some tests run on) warn that they are experimental,
// once per file; Node 20.11+ can be told not to.
const [major, minor] = process.versions.node.split('.').map(Number);
const quiet = major > 20 || (major === 20 && minor >= 11) ? ['--disable-warning=ExperimentalWarning'] : [];
const nodeTest = ['--import', 'tsx', '--test', '--test-reporter=spec'];
await step('Node tests (server, package, highlight)', process.execPath, [
  ...quiet,
  ...nodeTest,
  ...['test/server', 'test/package', 'test/highlight'].flatMap(testsIn),
]);
// A step of their own, one file at a time: the hostile-input tests time the
// widget in Chromium against the 200 ms, which measures the widget
// only while no other suite (a 300 MB upstream, workerd) shares the CPU.
await step('Markdown fidelity and hostile inputs (Chromium)', process.execPath, [
  ...quiet,
  ...nodeTest,
  '--test-concurrency=1',
  ...testsIn('test/markdown'),
]);
await step('size budget', process.execPath, ['scripts/size.mjs']);
