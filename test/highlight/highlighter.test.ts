// The highlighter's contract: every language and alias highlights, the tokens
// always spell the code exactly (fuzzed, for every grammar), an unknown
// language is one plain token, and nothing makes it throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHighlighter, highlight, HIGHLIGHT_LANGUAGES } from '../../src/highlight/index.js';
import { WINDOW_LENGTH } from '../../src/highlight/highlighter.js';
import { SAMPLES } from './samples.js';
import { mulberry32 } from '../../bench/fixtures/prng.js';
import { assertTokensOf, classesOf } from './invariants.js';

const GRAMMARS = [...new Set(Object.values(HIGHLIGHT_LANGUAGES))];

describe('highlight', () => {
  it('has a sample for every grammar it loads, and the issue’s dozen languages', () => {
    assert.deepEqual([...GRAMMARS].sort(), Object.keys(SAMPLES).sort());
    for (const name of [
      'bash',
      'js',
      'ts',
      'json',
      'python',
      'html',
      'css',
      'yaml',
      'sql',
      'go',
      'rust',
      'java',
      'diff',
    ]) {
      assert.ok(name in HIGHLIGHT_LANGUAGES, name);
    }
  });

  for (const [grammar, sample] of Object.entries(SAMPLES)) {
    it(`highlights ${grammar}: ${sample.classes.join(', ')}`, () => {
      const tokens = highlight(sample.code, grammar);
      assertTokensOf(tokens, sample.code);
      const classes = classesOf(tokens);
      for (const name of sample.classes) assert.ok(classes.has(name), `no '${name}' in ${[...classes].join(' ')}`);
    });
  }

  it('knows every alias, in any case, as its grammar', () => {
    const names = Object.keys(HIGHLIGHT_LANGUAGES);
    for (const alias of [
      'sh',
      'shell',
      'zsh',
      'js',
      'jsx',
      'mjs',
      'cjs',
      'ts',
      'tsx',
      'py',
      'html',
      'xml',
      'svg',
      'vue',
    ]) {
      assert.ok(names.includes(alias), alias);
    }
    for (const alias of [
      'yml',
      'rs',
      'console',
      'c++',
      'c#',
      'cs',
      'kt',
      'rb',
      'dockerfile',
      'patch',
      'jsonc',
      'golang',
    ]) {
      assert.ok(names.includes(alias), alias);
    }
    for (const [alias, grammar] of Object.entries(HIGHLIGHT_LANGUAGES)) {
      const { code } = SAMPLES[grammar]!;
      const expected = highlight(code, grammar);
      assert.ok(
        expected.some((t) => t.className),
        grammar,
      );
      for (const spelling of [alias, alias.toUpperCase(), ` ${alias[0]!.toUpperCase()}${alias.slice(1)} `]) {
        assert.deepEqual(highlight(code, spelling), expected, `${JSON.stringify(spelling)} as ${grammar}`);
      }
    }
  });

  it('reads the name at the start of a fence’s info word', () => {
    const code = SAMPLES.javascript!.code;
    const expected = highlight(code, 'javascript');
    for (const language of ['js{1,3}', 'js:title=app.js', 'language-js', 'JS,linenos']) {
      assert.deepEqual(highlight(code, language), expected, language);
    }
  });

  it('gives an unknown language back as one token without className', () => {
    const code = 'const a = "<b>x</b>";\n';
    for (const language of ['', ' ', 'nope', 'text', 'plaintext', 'brainfuck', 'ecmascript', '<script>']) {
      assert.deepEqual(highlight(code, language), [{ text: code }], JSON.stringify(language));
    }
    // Names that Prism's `languages` object has but which are not grammars, and the prototype's.
    for (const language of [
      'extend',
      'insertBefore',
      'DFS',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ]) {
      assert.deepEqual(highlight(code, language), [{ text: code }], language);
    }
    assert.deepEqual(highlight('', 'nope'), [{ text: '' }]);
    assert.deepEqual(highlight('', 'js'), []);
  });

  it('never throws, whatever it is given', () => {
    const loose = highlight as (code: unknown, language: unknown) => Array<{ text: string }>;
    for (const code of [undefined, null, 42, {}, ['a']]) {
      for (const language of [undefined, null, 7, {}, 'js', 'nope']) {
        const tokens = loose(code, language);
        assert.equal(tokens.map((t) => t.text).join(''), String(code ?? ''));
      }
    }
    const broken = createHighlighter({
      now: () => {
        throw new Error('clock broke');
      },
    });
    assert.deepEqual(broken('let a = 1;', 'js'), [{ text: 'let a = 1;' }]);
  });

  it('spells the code exactly for random input, in every grammar (fuzz)', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20_251_130);
    const next = mulberry32(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    // Code's own characters, the ones grammars treat specially, and text no grammar expects.
    const pieces = [
      ...'abcXYZ_$019 \t\n\n\r\n{}[]()<>;:,.=+-*/%!?&|^~#@\\\'"`',
      '/*',
      '*/',
      '//',
      '<!--',
      '-->',
      '"""',
      "'''",
      '${',
      '#{',
      '$(',
      '<?',
      '?>',
      '</',
      '/>',
      '&amp;',
      'é',
      '日本',
      '😀',
      '\u0000',
      '\u2028',
      '\ud800',
      'ℵ',
    ];
    const samples = Object.values(SAMPLES).map((s) => s.code);
    const input = (length: number) => {
      let code = '';
      while (code.length < length) {
        const r = next();
        if (r < 0.05) {
          const sample = pick(samples);
          const from = Math.floor(next() * sample.length);
          code += sample.slice(from, from + Math.floor(next() * 200));
        } else code += pick(pieces);
      }
      return code;
    };
    for (const grammar of GRAMMARS) {
      for (let i = 0; i < 60; i++) {
        // Mostly short; some longer than a window, so the cuts between windows are fuzzed too.
        const code = input(
          i % 10 === 9 ? WINDOW_LENGTH + Math.floor(next() * 3 * WINDOW_LENGTH) : Math.floor(next() * 400),
        );
        assertTokensOf(highlight(code, grammar), code, `${grammar} (FUZZ_SEED=${seed}, case ${i})`);
      }
    }
  });
});
