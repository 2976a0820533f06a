// The custom-elements manifest is generated from the element's JSDoc by
// @custom-elements-manifest/analyzer (npm run build); tools (IDEs, Storybook,
// framework wrappers) read it, so it must describe the whole public surface.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TIMEOUT } from '../../src/client/stream-ask.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MANIFEST = resolve(ROOT, 'custom-elements.json');

interface Named {
  name: string;
  kind?: string;
  privacy?: string;
  default?: string;
  attribute?: string;
  reflects?: boolean;
  readonly?: boolean;
  description?: string;
  type?: { text: string };
}
interface Element {
  tagName: string;
  name: string;
  customElement: true;
  attributes: Named[];
  members: Named[];
  events: Named[];
  cssParts: Named[];
  cssProperties: Named[];
}

function element(): Element {
  assert.ok(existsSync(MANIFEST), 'run `npm run build` first');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { modules: Array<{ declarations?: Element[] }> };
  const found = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  assert.equal(found.length, 1);
  return found[0]!;
}

const byName = (list: Named[]) => new Map(list.map((x) => [x.name, x]));

/** Every stylesheet of the widget (each `*.styles.ts` under `src/`), by path. */
function styleSources(): Map<string, string> {
  const files = readdirSync(resolve(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.styles.ts'),
  );
  return new Map(files.map((f) => [f, readFileSync(resolve(ROOT, 'src', f), 'utf8')]));
}

/** `var(--ask-stream-x, <default>)` → x's default, with nested parentheses (`light-dark(…)`) kept whole. */
function fallbacks(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of css.matchAll(/var\((--ask-stream-[\w-]+),\s*/g)) {
    let depth = 1;
    let at = match.index + match[0].length;
    const from = at;
    for (; depth > 0; at++) depth += css[at] === '(' ? 1 : css[at] === ')' ? -1 : 0;
    found.set(match[1]!, css.slice(from, at - 1).trim());
  }
  return found;
}

describe('custom-elements.json', () => {
  const el = element();
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { customElements: string };

  it('is named in package.json and describes <ask-stream>', () => {
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.equal(el.tagName, 'ask-stream');
    assert.equal(el.name, 'AskStreamElement');
  });

  it('lists every attribute with its default', () => {
    const attrs = byName(el.attributes);
    assert.deepEqual(
      ['endpoint', 'theme', 'placeholder', 'timeout', 'allow-images', 'history'].map((n) => [n, attrs.get(n)?.default]),
      [
        ['endpoint', "'/api/ask/stream'"],
        ['theme', "'auto'"],
        ['placeholder', "'Ask a question…'"],
        ['timeout', '30000'],
        ['allow-images', 'false'],
        ['history', '0'],
      ],
    );
  });

  it("shows the timeout default as the number the client uses, not the constant's name", () => {
    const timeout = byName(el.attributes).get('timeout');
    assert.equal(timeout?.default, String(DEFAULT_TIMEOUT));
    assert.equal(byName(el.members).get('timeout')?.default, String(DEFAULT_TIMEOUT));
  });

  it('lists every public property and method, documented, the state read-only', () => {
    const members = byName(el.members.filter((m) => m.privacy !== 'private'));
    for (const name of [
      'endpoint',
      'theme',
      'placeholder',
      'timeout',
      'headers',
      'body',
      'strings',
      'allowImages',
      'history',
    ]) {
      assert.ok(members.get(name)?.description, `${name} is documented`);
    }
    for (const name of ['status', 'query', 'response', 'metadata', 'error']) {
      assert.equal(members.get(name)?.readonly, true, `${name} is read-only`);
      assert.ok(members.get(name)?.description, `${name} is documented`);
    }
    assert.equal(members.get('theme')?.reflects, true);
    for (const name of ['ask', 'cancel', 'retry', 'clear']) {
      assert.equal(members.get(name)?.kind, 'method', name);
      assert.ok(members.get(name)?.description, `${name} is documented`);
    }
  });

  it('lists every event with its class and detail', () => {
    const events = byName(el.events);
    for (const [name, type, detail] of [
      ['ask-stream-start', 'AskStreamStartEvent', '{query}'],
      ['ask-stream-chunk', 'AskStreamChunkEvent', '{content, index?, total?}'],
      ['ask-stream-metadata', 'AskStreamMetadataEvent', 'without `type`'],
      ['ask-stream-complete', 'AskStreamCompleteEvent', '{query, response, metadata}'],
      ['ask-stream-error', 'AskStreamErrorEvent', '{query, code, message, retryable, response}'],
      ['ask-stream-cancel', 'AskStreamCancelEvent', '{query, response}'],
    ]) {
      assert.equal(events.get(name!)?.type?.text, type, name);
      assert.ok(events.get(name!)?.description?.includes(detail!), `${name} documents its detail ${detail}`);
    }
  });

  it('lists the CSS parts and custom properties', () => {
    const parts = el.cssParts.map((p) => p.name);
    for (const part of [
      'form',
      'input',
      'send',
      'cancel',
      'answer',
      'sources',
      'error',
      'retry',
      'transcript',
      'question',
      'source',
      'confidence',
      'code',
      'copy',
    ]) {
      assert.ok(parts.includes(part), `part ${part}`);
    }
    const props = el.cssProperties.map((p) => p.name);
    for (const prop of [
      'question-background',
      'accent',
      'background',
      'foreground',
      'muted',
      'border',
      'radius',
      'font',
      'font-size',
      'spacing',
      'max-height',
      'code-background',
    ]) {
      assert.ok(props.includes(`--ask-stream-${prop}`), `--ask-stream-${prop}`);
    }
  });

  it('documents exactly the design tokens the styles read, each with the default they use', () => {
    const sources = styleSources();
    const used = new Set([...sources.values()].flatMap((css) => css.match(/--ask-stream-[\w-]+/g) ?? []));
    const documented = new Map(el.cssProperties.map((p) => [p.name, p.default]));
    assert.deepEqual(
      [...used].filter((t) => !documented.has(t)),
      [],
      'tokens the styles read but the JSDoc omits',
    );
    assert.deepEqual(
      [...documented.keys()].filter((t) => !used.has(t)),
      [],
      'documented tokens no style reads',
    );
    // Each public token is read once, in the tokens file, with its default as the fallback.
    const tokens = sources.get('theme/tokens.styles.ts')!;
    assert.deepEqual(Object.fromEntries(fallbacks(tokens)), Object.fromEntries(documented));
    for (const [file, css] of sources) {
      if (file !== 'theme/tokens.styles.ts')
        assert.doesNotMatch(css, /--ask-stream-/, `${file} reads only the private tokens`);
    }
  });

  it('every private token a style reads is defined by the tokens, and none is left unread', () => {
    const sources = styleSources();
    const tokens = sources.get('theme/tokens.styles.ts')!;
    const defined = new Set([...tokens.matchAll(/(--_[\w-]+):/g)].map((m) => m[1]!));
    const read = new Set([...[...sources.values()].join('\n').matchAll(/var\((--_[\w-]+)\)/g)].map((m) => m[1]!));
    assert.deepEqual(
      [...read].filter((t) => !defined.has(t)),
      [],
      'read but never defined',
    );
    assert.deepEqual(
      [...defined].filter((t) => !read.has(t)),
      [],
      'defined but never read',
    );
  });
});
