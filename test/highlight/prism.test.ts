// Prism loads as a private instance: no global `Prism` stays behind, a page's
// own `Prism` is put back untouched, and the highlighter still works after.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFresh, urlOf } from './run-fresh.js';

const HIGHLIGHT = urlOf('src/highlight/index.ts');

describe('prism', () => {
  it('leaves no global Prism behind', () => {
    const seen = runFresh(`
      const { highlight } = await import(${JSON.stringify(HIGHLIGHT)});
      const tokens = highlight('const a = 1;', 'js');
      console.log(JSON.stringify({ has: 'Prism' in globalThis, keyword: tokens[0] }));
    `);
    assert.deepEqual(seen, { has: false, keyword: { text: 'const', className: 'keyword' } });
  });

  it('puts back the Prism a page had, untouched, and keeps its own grammars private', () => {
    const seen = runFresh(`
      const pagePrism = { manual: false, languages: {}, mine: true };
      globalThis.Prism = pagePrism;
      const { highlight } = await import(${JSON.stringify(HIGHLIGHT)});
      console.log(JSON.stringify({
        same: globalThis.Prism === pagePrism,
        page: globalThis.Prism,
        tokens: highlight('x = 1', 'python'),
      }));
    `);
    assert.deepEqual(seen, {
      same: true,
      page: { manual: false, languages: {}, mine: true },
      tokens: [{ text: 'x ' }, { text: '=', className: 'operator' }, { text: ' ' }, { text: '1', className: 'number' }],
    });
  });
});
