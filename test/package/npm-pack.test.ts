// Packs the package as npm would publish it, installs the tarball into a fresh
// project, and checks that its entry points resolve and type-check there.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });

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

describe('the npm package', { timeout: 240_000 }, () => {
  let work: string;
  let consumer: string;
  let files: string[];

  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist/lib/index.js')), 'run `npm run build` first');
    work = mkdtempSync(join(tmpdir(), 'ask-stream-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    files = packed[0]!.files.map((f) => f.path);
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(
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
      ],
      consumer,
    );
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships the builds, the manifest, the license and no tests', () => {
    for (const f of [
      'dist/ask-stream.js',
      'dist/ask-stream.iife.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/server/index.js',
      'dist/lib/server/demo/index.js',
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

  it('the server entries load in Node, with no DOM; the demo backend only from ask-stream/server/demo', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('ask-stream/server'); const d = await import('ask-stream/server/demo'); console.log(typeof m.createAskStreamHandler, typeof m.toNodeHandler, typeof m.demoBackend, typeof d.demoBackend)",
      ],
      {
        cwd: consumer,
        encoding: 'utf8',
      },
    );
    assert.equal(out.trim(), 'function function undefined function');
  });

  it('type-checks a consumer of the element, its events and the server', () => {
    writeFileSync(join(consumer, 'tsconfig.json'), tsconfig({}));
    writeFileSync(
      join(consumer, 'index.ts'),
      `import 'ask-stream';
import { AskStreamElement, AskStreamCompleteEvent, parseEventStream, type AskStatus } from 'ask-stream';
import { AskStreamElement as Unregistered, defineAskStream } from 'ask-stream/element';
import { createAskStreamHandler, toNodeHandler } from 'ask-stream/server';
import { demoBackend } from 'ask-stream/server/demo';

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

const handler: (r: Request) => Promise<Response> = createAskStreamHandler({ backend: demoBackend(), timeoutMs: 1000 });
void toNodeHandler(handler);
// @ts-expect-error status is read-only
el.status = 'idle';
`,
    );
    execFileSync(process.execPath, [TSC, '-p', consumer], { encoding: 'utf8' });
  });

  it('type-checks <ask-stream> in React 19 JSX, Preact and Solid', () => {
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
      try {
        execFileSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8' });
      } catch (error) {
        assert.fail(`${name}: ${(error as { stdout?: string }).stdout ?? error}`);
      }
    }
  });
});
