import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphemeBoundaryBefore, isConsonant, isPlainBase, isPlainTail } from '../../src/server/grapheme-boundary.js';

// Intl.Segmenter on two- to four-character strings (where it is fast) is the
// reference: every code point the fast path trusts is checked against it.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Whether Intl.Segmenter puts a cluster boundary between `before` and `after`. */
function splits(before: string, after: string): boolean {
  return segmenter.segment(before + after).containing(before.length)!.index === before.length;
}

/** Every code point up to the CJK extensions for which `test` holds, surrogates excluded. */
function codePoints(test: (cp: number) => boolean): number[] {
  const out: number[] = [];
  for (let cp = 0; cp <= 0x2ffff; cp++) if ((cp < 0xd800 || cp > 0xdfff) && test(cp)) out.push(cp);
  return out;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

describe('grapheme boundaries without Intl.Segmenter over the text', () => {
  it('trusts as a cluster start only Other, Control, LV and LVT code points that nothing joins', () => {
    const bases = codePoints(isPlainBase);
    assert.ok(bases.length > 100_000, `${bases.length} code points`);
    const wrong: string[] = [];
    for (const cp of bases) {
      const c = String.fromCodePoint(cp);
      const ok =
        splits('x', c) && // not Extend, ZWJ or SpacingMark
        splits(c, 'x') && // not Prepend
        splits(c, c) && // not a regional indicator, nor a Hangul L, V or T jamo
        splits(c, '\n') && // not CR
        splits('\u0915\u094d', c); // not a consonant a virama joins (GB9c)
      if (!ok) wrong.push(hex(cp));
    }
    assert.deepEqual(wrong.slice(0, 20), []);
  });

  it('trusts as a cluster end only marks that a base never joins: no ZWJ, Prepend or jamo', () => {
    const marks = codePoints((cp) => isPlainTail(cp) && !isPlainBase(cp) && !isConsonant(cp));
    assert.ok(marks.length > 300, `${marks.length} code points`);
    const wrong: string[] = [];
    for (const cp of marks) {
      const c = String.fromCodePoint(cp);
      const ok =
        splits(`x${c}`, 'y') && // not Prepend
        splits(`\u{1F600}${c}`, '\u{1F600}') && // not ZWJ (GB11)
        splits(`x${c}`, '\uac00') && // not a Hangul L jamo
        splits(`x${c}`, '\u4e2d');
      if (!ok) wrong.push(hex(cp));
    }
    assert.deepEqual(wrong, []);
  });

  it('trusts a consonant as a cluster start after a base or a consonant, never after a virama', () => {
    const consonants = codePoints(isConsonant);
    const wrong: string[] = [];
    for (const cp of consonants) {
      const c = String.fromCodePoint(cp);
      const ok = splits('x', c) && splits(c, c) && splits(c, 'x') && splits('\u0915', c) && splits('\u4e2d', c);
      if (!ok) wrong.push(hex(cp));
    }
    assert.deepEqual(wrong, []);
  });

  it('finds the same boundaries as Intl.Segmenter, over texts where the fast path often cannot decide', () => {
    const pieces = [
      '👨‍👩‍👧‍👦',
      '🇫🇷',
      '🇯🇵',
      '👍🏽',
      'e\u0301\u0302',
      'क्षि',
      'नमस्ते',
      '각',
      '\u1100\u1161\u11a8',
      'x',
      '中',
      '\u0600\u0661',
      'ก\u0e34',
    ];
    for (let seed = 1; seed <= 200; seed++) {
      let text = '';
      for (let i = 0, s = seed; i < 30; i++, s = (s * 48271) % 2147483647) text += pieces[s % pieces.length];
      const expected = new Set([...segmenter.segment(text)].map((g) => g.index));
      for (let start = 0; start < text.length;) {
        const limit = Math.min(text.length - 1, start + 1 + (seed % 9));
        if (limit <= start) break;
        const cut = graphemeBoundaryBefore(text, start, limit);
        assert.ok(
          expected.has(cut) || cut === text.length,
          `seed ${seed}: ${cut} is no boundary of ${JSON.stringify(text)}`,
        );
        // Within reach; past it only when the cluster at start reaches past it, and then at its end.
        const next = Math.min(...[...expected, text.length].filter((b) => b > start));
        assert.ok(cut > start && (cut <= limit || cut === next), `seed ${seed}: ${cut} from ${start}`);
        start = cut;
      }
    }
  });
});
