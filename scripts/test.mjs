// `npm test`: type-check, build (tests load the built bundle and package), find
// or install a browser, run the browser suite, the Node suites (server,
// package; a redis-server is found or installed for the Redis tests), then
// check the bundle's size budget.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureChromium, HINT } from './browser.mjs';
import { ensureRedisServer, REDIS_HINT } from './redis.mjs';

function step(name, cmd, args, env = process.env) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
  if (r.status !== 0) {
    console.error(`✖ ${name} failed`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

step('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit']);
step('lint (ESLint)', bin('eslint'), ['.']);
step('format check (Prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
step('build (CDN bundles, npm modules, manifest)', 'npm', ['run', '--silent', 'build']);

const chrome = ensureChromium();
if (!chrome) {
  console.error(HINT);
  process.exit(1);
}
step('browser tests (Chromium)', bin('wtr'), [], { ...process.env, CHROME_PATH: chrome });
// Node 20's `--test` does not expand globs or pick up .ts files in a folder.
const nodeTests = ['test/server', 'test/package', 'test/markdown'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`),
);
// The Redis tests start their own redis-server; without one they are skipped, saying why.
if (!ensureRedisServer()) console.warn(`⚠ ${REDIS_HINT}`);
step('Node tests (server, package, Markdown fidelity in Chromium)', process.execPath, [
  '--import',
  'tsx',
  '--test',
  ...nodeTests,
]);
step('size budget', process.execPath, ['scripts/size.mjs']);
