// Packs the package as npm would publish it, from a clean clone: `git clone` of
// this checkout into a fresh folder, `npm ci`, `npm pack` (whose `prepack`
// builds dist/ and the manifest there, so nothing built here can leak in).
// Then installs the tarball into a fresh project and checks that its entry
// points resolve and type-check there, Vue templates included. Every step is
// bounded and says what it is doing: the whole takes a minute or more.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const VUE_TSC = join(ROOT, 'node_modules/vue-tsc/bin/vue-tsc.js');
const MINUTE = 60_000;
const execFileAsync = promisify(execFile);

const started = Date.now();
const progress = (what: string) =>
  console.log(`[npm pack test, ${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);

/**
 * Runs a command to completion within `timeout` ms, saying every 10 s that it
 * still runs; resolves with what it printed, or rejects with that and why.
 */
async function run(cmd: string, args: string[], cwd: string, timeout: number): Promise<string> {
  const what = `${cmd === process.execPath ? 'node' : cmd} ${args.map((a) => a.replace(ROOT, '.')).join(' ')}`;
  const ticker = setInterval(() => progress(`… still running: ${what}`), 10_000);
  try {
    const { stdout } = await execFileAsync(cmd, args, {
      cwd,
      timeout,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        npm_config_loglevel: 'error',
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        PUPPETEER_SKIP_DOWNLOAD: '1',
      },
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '', killed } = error as { stdout?: string; stderr?: string; killed?: boolean };
    const why = killed ? `timed out after ${timeout / 1000} s` : 'failed';
    throw new Error(`${what} ${why} in ${cwd}\n${stdout}\n${stderr}`, { cause: error });
  } finally {
    clearInterval(ticker);
  }
}
const npm = (args: string[], cwd: string, timeout = 5 * MINUTE) => run('npm', args, cwd, timeout);

const tsconfig = (jsx: Record<string, string>) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      ...jsx,
    },
  });

describe('the npm package', { timeout: 15 * MINUTE }, () => {
  let work: string;
  let consumer: string;
  let files: string[];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ask-stream-pack-'));
    const clone = join(work, 'clone');
    const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], ROOT, MINUTE)).trim();
    const dirty = (await run('git', ['status', '--porcelain', '--untracked-files=no'], ROOT, MINUTE)).trim() !== '';
    progress(
      `git clone of ${commit}${dirty ? ' (uncommitted changes are not in a clone, so not in this package)' : ''}`,
    );
    await run('git', ['-c', 'advice.detachedHead=false', 'clone', '--quiet', ROOT, clone], work, 2 * MINUTE);
    progress('npm ci in the clone');
    await npm(['ci', '--no-audit', '--no-fund', '--prefer-offline'], clone, 10 * MINUTE);
    progress('npm pack in the clone (prepack builds dist/ and custom-elements.json)');
    const out = await npm(['pack', '--json', '--pack-destination', work], clone);
    // Whatever the build printed comes first; the JSON report last.
    const packed = JSON.parse(out.slice(out.search(/^\[/m))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    files = packed[0]!.files.map((f) => f.path);
    progress(`packed ${packed[0]!.filename}: ${files.length} files; installing it into a fresh project`);
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await npm(
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        join(work, packed[0]!.filename),
        '@types/react@19',
        '@types/node@20',
        'preact@10',
        'solid-js@1',
        'vue@3',
      ],
      consumer,
    );
    progress('installed; type-checking as a consumer would');
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships the builds, the manifest, the license and no tests', () => {
    for (const f of [
      'dist/ask-stream.js',
      'dist/ask-stream.iife.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/api.d.ts',
      'dist/lib/server/index.js',
      'dist/lib/server/index.d.ts',
      'dist/lib/server/node/index.js',
      'dist/lib/server/node/index.d.ts',
      'dist/lib/jsx/react.d.ts',
      'dist/lib/jsx/vue.d.ts',
      'dist/lib/server/demo/index.js',
      'dist/ask-stream-highlight.js',
      'dist/lib/highlight/index.js',
      'dist/lib/highlight/index.d.ts',
      'dist/lib/highlight/register.js',
      'custom-elements.json',
      'LICENSE',
      'README.md',
    ]) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    assert.ok(
      files.some((f) => f.endsWith('.js.map')),
      'source maps are in the package',
    );
    assert.ok(!files.some((f) => f.startsWith('test/')), 'no tests in the package');
  });

  it('the server entries load in Node, with no DOM; the demo only from ask-stream/server/demo, the adapter only from ask-stream/server/node', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('ask-stream/server'); const d = await import('ask-stream/server/demo'); const n = await import('ask-stream/server/node'); console.log(typeof m.createAskStreamHandler, typeof m.toNodeHandler, typeof m.demoBackend, typeof d.demoBackend, typeof n.toNodeHandler)",
      ],
      {
        cwd: consumer,
        encoding: 'utf8',
        timeout: MINUTE,
      },
    );
    assert.equal(out.trim(), 'function undefined undefined function function');
  });

  it('the highlight entry loads in Node, with Prism inside (no prismjs installed)', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { highlight } = await import('ask-stream/highlight'); console.log(JSON.stringify(highlight('let', 'ts')))",
      ],
      { cwd: consumer, encoding: 'utf8', timeout: MINUTE },
    );
    assert.equal(out.trim(), '[{"text":"let","className":"keyword"}]');
  });

  it('type-checks a consumer of the element, its events and the server', async () => {
    writeFileSync(join(consumer, 'tsconfig.json'), tsconfig({}));
    writeFileSync(
      join(consumer, 'index.ts'),
      `import 'ask-stream';
import { AskStreamElement, AskStreamCompleteEvent, parseEventStream, type AskStatus } from 'ask-stream';
import { AskStreamElement as Unregistered, defineAskStream } from 'ask-stream/element';
import { createAskStreamHandler } from 'ask-stream/server';
import { toNodeHandler } from 'ask-stream/server/node';
import { demoBackend } from 'ask-stream/server/demo';
import { highlight, createHighlighter, type Highlighter, type HighlightToken } from 'ask-stream/highlight';
import 'ask-stream/highlight/register';

const el: AskStreamElement = document.createElement('ask-stream');
el.endpoint = '/api/ask/stream';
el.headers = { Authorization: 'Bearer x' };
el.body = { locale: 'en' };
el.addEventListener('ask-stream-complete', (e) => console.log(e.detail.response.length, e.detail.metadata));
el.addEventListener('ask-stream-error', (e) => console.log(e.detail.code, e.detail.retryable));
const status: AskStatus = el.status;
const done: Promise<void> = el.ask('hi');
const ev: typeof AskStreamCompleteEvent.eventName = 'ask-stream-complete';
class Mine extends Unregistered {}
defineAskStream('my-ask');
void [status, done, ev, Mine, parseEventStream];
const mine: Highlighter = createHighlighter({ timeBudgetMs: 50 });
const tokens: HighlightToken[] = highlight('let a = 1;', 'ts').concat(mine('x', 'py'));
// @ts-expect-error a token's text is a string
const bad: HighlightToken = { text: 1 };
void [tokens, bad];

const handler: (r: Request) => Promise<Response> = createAskStreamHandler({ backend: demoBackend(), timeoutMs: 1000 });
void toNodeHandler(handler);
// @ts-expect-error status is read-only
el.status = 'idle';
`,
    );
    await run(process.execPath, [TSC, '-p', consumer], consumer, 2 * MINUTE);
  });

  it('type-checks <ask-stream> in React 19 JSX, Preact and Solid', async () => {
    const cases = [
      [
        'react',
        { jsx: 'react-jsx', jsxImportSource: 'react' },
        `import type {} from 'ask-stream/react';\nexport const A = () => <ask-stream endpoint="/x" theme="dark" timeout={5000} headers={{ a: 'b' }} onask-stream-complete={(e) => console.log(e.detail.response)} />;\n// @ts-expect-error theme is light | dark | auto\nexport const B = () => <ask-stream theme="blue" />;\n`,
      ],
      [
        'preact',
        { jsx: 'react-jsx', jsxImportSource: 'preact' },
        `import type {} from 'ask-stream/preact';\nexport const A = () => <ask-stream endpoint="/x" onask-stream-error={(e) => console.log(e.detail.code)} />;\n`,
      ],
      [
        'solid',
        { jsx: 'preserve', jsxImportSource: 'solid-js' },
        `import type {} from 'ask-stream/solid';\nexport const A = () => <ask-stream endpoint="/x" on:ask-stream-complete={(e) => console.log(e.detail.query)} />;\n`,
      ],
    ] as const;
    for (const [name, jsx, source] of cases) {
      const dir = join(consumer, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'tsconfig.json'), tsconfig(jsx));
      writeFileSync(join(dir, 'app.tsx'), source);
      progress(`type-checking ${name}`);
      try {
        await run(process.execPath, [TSC, '-p', dir], dir, 2 * MINUTE);
      } catch (error) {
        assert.fail(`${name}: ${(error as Error).message}`);
      }
    }
  });

  it('type-checks <ask-stream> in a Vue single-file component (vue-tsc, strict templates)', async () => {
    const dir = join(consumer, 'vue');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        vueCompilerOptions: { strictTemplates: true },
        include: ['*.vue'],
      }),
    );
    // Typed events: `e` is the event class, so `e.detail` is no implicit any,
    // and a wrong field or attribute value is an error that must be reported.
    writeFileSync(
      join(dir, 'App.vue'),
      `<script setup lang="ts">
import 'ask-stream';
import type {} from 'ask-stream/vue';
import { ref } from 'vue';

const answers = ref<string[]>([]);
const codes = ref<string[]>([]);
</script>

<template>
  <ask-stream
    endpoint="/api/ask/stream"
    theme="dark"
    :timeout="5000"
    :headers="{ Authorization: 'Bearer x' }"
    :body="{ locale: 'en' }"
    @ask-stream-complete="(e) => answers.push(e.detail.response)"
    @ask-stream-error="(e) => codes.push(e.detail.code)"
  />
  <!-- @vue-expect-error a complete event's detail has no \`nope\` -->
  <ask-stream @ask-stream-complete="(e) => answers.push(e.detail.nope)" />
  <!-- @vue-expect-error theme is light | dark | auto -->
  <ask-stream theme="blue" />
</template>
`,
    );
    try {
      await run(process.execPath, [VUE_TSC, '-p', dir], dir, 3 * MINUTE);
    } catch (error) {
      assert.fail(`vue: ${(error as Error).message}`);
    }
  });
});
