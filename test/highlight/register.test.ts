// `ask-stream/highlight` registers nothing; `ask-stream/highlight/register`
// sets the element class's defaultHighlighter once <ask-stream> is defined,
// unless the page set one, and loads without a DOM. (The browser test loads the
// built CDN file beside the real element: test/bundle/ask-stream-highlight-bundle.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFresh, urlOf } from './run-fresh.js';

/** A stand-in registry where <ask-stream> is defined as `AskStream` (with a preset highlighter, if given). */
const registry = (preset: string) => `
  class AskStream {}
  ${preset}
  const asked = [];
  globalThis.customElements = { whenDefined: async (name) => (asked.push(name), AskStream) };
`;

describe('register', () => {
  it('the highlight entry registers nothing', () => {
    const seen = runFresh(`
      ${registry('')}
      const entry = await import(${JSON.stringify(urlOf('src/highlight/index.ts'))});
      await new Promise((resolve) => setTimeout(resolve));
      console.log(JSON.stringify({ asked, set: 'defaultHighlighter' in AskStream, exports: Object.keys(entry).sort() }));
    `);
    assert.deepEqual(seen, {
      asked: [],
      set: false,
      exports: ['HIGHLIGHT_LANGUAGES', 'createHighlighter', 'highlight'],
    });
  });

  it('the register entry sets defaultHighlighter on <ask-stream> once defined, and exports the API', () => {
    const seen = runFresh(`
      ${registry('')}
      const entry = await import(${JSON.stringify(urlOf('src/highlight/register.ts'))});
      await customElements.whenDefined('ask-stream');
      console.log(JSON.stringify({
        asked,
        same: AskStream.defaultHighlighter === entry.highlight,
        tokens: AskStream.defaultHighlighter('let', 'ts'),
        exports: Object.keys(entry).sort(),
      }));
    `);
    assert.deepEqual(seen, {
      asked: ['ask-stream', 'ask-stream'],
      same: true,
      tokens: [{ text: 'let', className: 'keyword' }],
      exports: ['HIGHLIGHT_LANGUAGES', 'createHighlighter', 'highlight'],
    });
  });

  it('keeps a defaultHighlighter the page set', () => {
    const seen = runFresh(`
      ${registry('const mine = () => []; AskStream.defaultHighlighter = mine;')}
      await import(${JSON.stringify(urlOf('src/highlight/register.ts'))});
      await customElements.whenDefined('ask-stream');
      console.log(JSON.stringify({ kept: AskStream.defaultHighlighter === mine }));
    `);
    assert.deepEqual(seen, { kept: true });
  });

  it('loads where there is no customElements (Node, a worker)', () => {
    const seen = runFresh(`
      const entry = await import(${JSON.stringify(urlOf('src/highlight/register.ts'))});
      console.log(JSON.stringify(entry.highlight('1', 'json')));
    `);
    assert.deepEqual(seen, [{ text: '1', className: 'number' }]);
  });
});
