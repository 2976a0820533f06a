// The highlighter is optional: its own entries (`ask-stream/highlight`, which
// registers nothing; `ask-stream/highlight/register`; the CDN file
// dist/ask-stream-highlight.js), Prism bundled inside them (no runtime
// dependency), and none of it in the core CDN bundles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Strings only Prism's core holds (property names and hook names survive minifying). */
const PRISM_MARKERS = ['disableWorkerMessageHandler', 'highlightAllUnder', 'before-tokenize'];

/** Imports a built file in a fresh Node process and prints what `script` makes of it (`m`). */
function importBuilt(file: string, script: string): unknown {
  const url = pathToFileURL(resolve(ROOT, file)).href;
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(${script}));`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return JSON.parse(out);
}

describe('the highlight entries', () => {
  it('are built and exported, with types, and Prism is no runtime dependency', () => {
    for (const file of [
      'dist/ask-stream-highlight.js',
      'dist/lib/highlight/index.js',
      'dist/lib/highlight/register.js',
    ]) {
      assert.ok(existsSync(join(ROOT, file)), `${file}: run \`npm run build\` first`);
    }
    const pkg = JSON.parse(read('package.json'));
    assert.deepEqual(pkg.exports['./highlight'], {
      types: './dist/lib/highlight/index.d.ts',
      default: './dist/lib/highlight/index.js',
    });
    assert.deepEqual(pkg.exports['./highlight/register'], {
      types: './dist/lib/highlight/register.d.ts',
      default: './dist/lib/highlight/register.js',
    });
    assert.equal(pkg.exports['./cdn/highlight'], './dist/ask-stream-highlight.js');
    assert.equal(pkg.dependencies.prismjs, undefined);
    assert.equal(pkg.peerDependencies.prismjs, undefined);
    assert.ok(pkg.devDependencies.prismjs);
    for (const file of [
      './dist/lib/highlight/prism.js',
      './dist/lib/highlight/register.js',
      './dist/ask-stream-highlight.js',
    ]) {
      assert.ok(pkg.sideEffects.includes(file), `${file} is in sideEffects`);
    }
    assert.match(read('dist/lib/highlight/index.d.ts'), /HighlightToken, Highlighter/);
    assert.doesNotMatch(read('dist/lib/highlight/prism.js'), /from\s*["']prismjs/);
  });

  it('bundle Prism: copied alone where no prismjs can be found, they still load and highlight', () => {
    // A folder outside the repository: neither node_modules/prismjs nor any other file of dist/ is reachable.
    const alone = mkdtempSync(join(tmpdir(), 'ask-stream-highlight-'));
    try {
      mkdirSync(join(alone, 'lib'));
      for (const file of readdirSync(join(ROOT, 'dist/lib/highlight')).filter((f) => f.endsWith('.js'))) {
        copyFileSync(join(ROOT, 'dist/lib/highlight', file), join(alone, 'lib', file));
      }
      copyFileSync(join(ROOT, 'dist/ask-stream-highlight.js'), join(alone, 'cdn.js'));
      const script = "m.highlight('int x;', 'c').map((t) => t.className ?? '')";
      assert.deepEqual(importBuilt(join(alone, 'lib/index.js'), script), ['keyword', '', 'punctuation']);
      assert.deepEqual(importBuilt(join(alone, 'lib/register.js'), script), ['keyword', '', 'punctuation']);
      assert.deepEqual(importBuilt(join(alone, 'cdn.js'), script), ['keyword', '', 'punctuation']);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
    assert.doesNotMatch(
      read('dist/lib/highlight/index.js'),
      /['"]\.\/register\.js['"]/,
      'ask-stream/highlight imports register',
    );
  });

  it('never enter the core CDN bundles', () => {
    for (const file of ['dist/ask-stream.js', 'dist/ask-stream.iife.js']) {
      const text = read(file);
      for (const marker of PRISM_MARKERS) assert.ok(!text.includes(marker), `${file} holds Prism (${marker})`);
      assert.ok(!text.includes('defaultHighlighter||='), `${file} holds the highlighter's registration`);
    }
  });

  it('load in Node as built, leaving no global Prism', () => {
    assert.deepEqual(
      importBuilt('dist/lib/highlight/index.js', "[m.highlight('a: 1', 'yml'), 'Prism' in globalThis]"),
      [
        [
          { text: 'a', className: 'key atrule' },
          { text: ':', className: 'punctuation' },
          { text: ' ' },
          { text: '1', className: 'number' },
        ],
        false,
      ],
    );
    assert.deepEqual(
      importBuilt(
        'dist/ask-stream-highlight.js',
        "[m.highlight('x', 'nope'), Object.keys(m).sort(), 'Prism' in globalThis]",
      ),
      [[{ text: 'x' }], ['HIGHLIGHT_LANGUAGES', 'createHighlighter', 'highlight'], false],
    );
  });
});
