import { expect } from '@open-wc/testing';
import StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { inertMarker } from '../../src/render/closable-delimiters.js';
import { gfmText } from '../../src/render/gfm-autolink.js';
import { parseMarkdown } from '../../src/render/parse-markdown.js';

/** An inline parse state of `src` alone (the text rule and the marker check read only the source). */
const stateOf = (src: string) => new StateInline(src, {} as never, {}, []);

/** The inline tokens of a one-paragraph `src`, as [type, content]. */
const inline = (src: string) => parseMarkdown(src, {})[1]!.children!.map((t) => [t.type, t.content]);

describe('closable delimiters', () => {
  it('calls a marker inert when no run of it can close in the source', () => {
    const state = stateOf('*a _b ~~c');
    expect([0x2a, 0x5f, 0x7e].map((c) => inertMarker(state, c))).to.deep.equal([true, true, true]);
    const closing = stateOf('*a b* _c ~~d~~');
    expect([0x2a, 0x5f, 0x7e].map((c) => inertMarker(closing, c))).to.deep.equal([false, true, false]);
    // Only the three markers: a `[` or a backtick is never passed over.
    expect(inertMarker(state, 0x5b)).to.equal(false);
  });

  it('lets the text rule run through markers that cannot close, as one run of text', () => {
    const src = '*a '.repeat(1000) + '_b ~~c';
    const state = stateOf(src);
    expect(gfmText(state, false)).to.equal(true);
    expect(state.pos).to.equal(src.length);
    expect(state.pending).to.equal(src);
  });

  it('stops the text rule at a marker that can close, and at any marker in silent mode (link labels)', () => {
    const state = stateOf('x *a *b* c');
    expect(gfmText(state, false)).to.equal(true);
    expect(state.pos).to.equal(2);
    const silent = stateOf('x *a');
    expect(gfmText(silent, true)).to.equal(true);
    expect(silent.pos).to.equal(2);
  });

  it('still finds what starts right after an inert marker: www. literals and e-mail addresses', () => {
    expect(inline('*www.example.com *see me@example.com')).to.deep.equal([
      ['text', '*'],
      ['link_open', ''],
      ['text', 'www.example.com'],
      ['link_close', ''],
      ['text', ' *see '],
      ['link_open', ''],
      ['text', 'me@example.com'],
      ['link_close', ''],
    ]);
    expect(inline('*a *b* c')).to.deep.equal([
      ['text', '*a '],
      ['em_open', ''],
      ['text', 'b'],
      ['em_close', ''],
      ['text', ' c'],
    ]);
  });
});
