// The highlighter's time bounds: realistic 200 KB blocks of every grammar are
// highlighted to their end, windows cut where they change nothing, and hostile
// input (unterminated strings and comments, 1 MB lines, patterns on which
// Prism's regular expressions backtrack) comes back within the time budget.
// Figures are printed as test diagnostics; the bounds are loose enough for a
// loaded 2-core machine and far below what Prism alone takes on that input.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { createHighlighter, highlight, HIGHLIGHT_LANGUAGES } from '../../src/highlight/index.js';
import { WINDOW_LENGTH } from '../../src/highlight/highlighter.js';
import { prism } from '../../src/highlight/prism.js';
import { flatten, TokenSink } from '../../src/highlight/token-sink.js';
import type { HighlightToken } from '../../src/highlight/types.js';
import { SAMPLES } from './samples.js';
import { assertTokensOf, classesOf, repeatTo } from './invariants.js';

const GRAMMARS = [...new Set(Object.values(HIGHLIGHT_LANGUAGES))];
const KB = 1000;
/**
 * Longest a default `highlight` call may take on anything: its 100 ms budget, one window, and
 * the plain rest; 150 ms at most measured alone, 800 ms beside a full `npm test` on a shared
 * 2-core machine. Without the limits, the same input takes from seconds to minutes.
 */
const CALL_BOUND_MS = 3000;

function timed<T>(f: () => T): [T, number] {
  const started = performance.now();
  const result = f();
  return [result, performance.now() - started];
}

/** Prism on the whole block at once, hooks included, flattened like the highlighter's output: the reference. */
function wholeBlock(code: string, grammar: string) {
  const env = { code, grammar: prism.languages[grammar]!, language: grammar } as Parameters<typeof prism.hooks.run>[1];
  prism.hooks.run('before-tokenize', env);
  env.tokens = prism.tokenize(env.code, env.grammar);
  prism.hooks.run('after-tokenize', env);
  const sink = new TokenSink();
  sink.addPieces(flatten(env.tokens));
  return sink.tokens;
}

/** Token lists equal, said with the first difference (deepEqual's diff of 50,000 tokens is slow and unreadable). */
function assertSameTokens(actual: HighlightToken[], expected: HighlightToken[], what: string) {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (a?.text !== e?.text || a?.className !== e?.className) {
      assert.fail(`${what}: token ${i} is ${JSON.stringify(a)}, not ${JSON.stringify(e)}`);
    }
  }
}

/** `sample` repeated to about `length` characters, ending at a line end. */
const block = (sample: string, length: number) => repeatTo(sample + '\n', length);

describe('highlight on long and hostile input', { timeout: 180_000 }, () => {
  it('highlights a realistic 200 KB block of every grammar to its end, window cuts changing nothing', (t: TestContext) => {
    const unbounded = createHighlighter({ timeBudgetMs: Infinity });
    const figures: string[] = [];
    for (const grammar of GRAMMARS) {
      const code = block(SAMPLES[grammar]!.code, 200 * KB);
      const [tokens, ms] = timed(() => unbounded(code, grammar));
      figures.push(`${grammar} ${ms.toFixed(0)} ms`);
      assertTokensOf(tokens, code, grammar);
      assertSameTokens(tokens, wholeBlock(code, grammar), `${grammar}: windows and the whole block`);
      const tail = tokens.slice(-50);
      assert.ok(
        tail.some((token) => token.className),
        `${grammar}: the end is not highlighted`,
      );
      assert.ok(ms < 10_000, `${grammar}: ${ms.toFixed(0)} ms for 200 KB`);
    }
    t.diagnostic(`200 KB, no time budget: ${figures.join(', ')}`);
  });

  it('returns a 200 KB block of any grammar within its time budget, highlighted from the start', (t: TestContext) => {
    const figures: string[] = [];
    for (const grammar of GRAMMARS) {
      const code = block(SAMPLES[grammar]!.code, 200 * KB);
      const [tokens, ms] = timed(() => highlight(code, grammar));
      figures.push(`${grammar} ${ms.toFixed(0)} ms`);
      assertTokensOf(tokens, code, grammar);
      assert.ok(
        tokens.slice(0, 50).some((token) => token.className),
        `${grammar}: the start is not highlighted`,
      );
      assert.ok(ms < CALL_BOUND_MS, `${grammar}: ${ms.toFixed(0)} ms`);
    }
    t.diagnostic(`200 KB, default budget: ${figures.join(', ')}`);
  });

  it('returns hostile input of every grammar within its time budget', (t: TestContext) => {
    // Openers left open and runs that make some of Prism's patterns backtrack
    // (measured without the limits, 100 KB of them: seconds to a minute).
    const units = ['"', "'", '`', '/*', '<!--', '"""', '${', '$(', '<a ', '<A ', '.a', '&', '-', ':', '@', 'r#"', 'a'];
    const lines = units.map((unit) => repeatTo(unit, 990).slice(0, 990) + '\n').join('');
    const shortLines = units.map((unit) => `${unit}\n${repeatTo(unit, 40)}\n`).join('');
    const cases: Array<[string, string]> = [
      ['a 1 MB line', repeatTo(units.join(''), 1000 * KB)],
      ['1 MB of 990-character hostile lines', repeatTo(lines, 1000 * KB)],
      ['1 MB of short hostile lines', repeatTo(shortLines, 1000 * KB)],
    ];
    let slowest: [string, number] = ['', 0];
    for (const grammar of GRAMMARS) {
      for (const opener of ['/*', '"""', '`', "'", '"', '<!--', '<<EOF']) {
        cases.push([`${opener} left open before 20 KB of ${grammar}`, opener + block(SAMPLES[grammar]!.code, 20 * KB)]);
      }
      for (const [what, code] of cases) {
        const [tokens, ms] = timed(() => highlight(code, grammar));
        assertTokensOf(tokens, code, `${grammar}, ${what}`);
        assert.ok(ms < CALL_BOUND_MS, `${grammar}, ${what}: ${ms.toFixed(0)} ms`);
        if (ms > slowest[1]) slowest = [`${grammar}, ${what}`, ms];
      }
      cases.length = 3;
    }
    t.diagnostic(`slowest hostile case: ${slowest[0]}, ${slowest[1].toFixed(0)} ms`);
  });

  it('leaves lines longer than maxLineLength plain, and highlights the lines around them', () => {
    const long = `const data = ${JSON.stringify('x'.repeat(1000))};`;
    const code = `let a = 1;\n${long}\nlet b = 2;\n`;
    const tokens = highlight(code, 'js');
    assertTokensOf(tokens, code);
    assert.deepEqual(
      tokens.filter((token) => token.text.includes('xxx')),
      [{ text: `${long}\n` }],
    );
    assert.equal(tokens.filter((token) => token.className === 'keyword').length, 2);
    const longer = createHighlighter({ maxLineLength: 5000 })(code, 'js');
    assert.ok(longer.some((token) => token.className === 'string' && token.text.includes('xxx')));
  });

  it('stops highlighting once its time budget is spent, between windows (injected clock)', () => {
    const code = block(SAMPLES.python!.code, 20 * KB);
    let clock = 0;
    // Each reading of the clock is 60 ms later: the deadline is read at 0 (100),
    // the first window starts at 60, the second would at 120.
    const tokens = createHighlighter({ timeBudgetMs: 100, now: () => (clock += 60) - 60 })(code, 'python');
    assertTokensOf(tokens, code);
    let at = 0;
    let lastClassed = 0;
    for (const token of tokens) {
      at += token.text.length;
      if (token.className) lastClassed = at;
    }
    assert.ok(lastClassed > WINDOW_LENGTH / 2 && lastClassed <= WINDOW_LENGTH, `highlighted up to ${lastClassed}`);
    const none = createHighlighter({ timeBudgetMs: 0 })(code, 'python');
    assertTokensOf(none, code);
    assert.equal(classesOf(none).size, 0);
    assert.equal(none.length, code.split('\n').length - 1, 'one plain token a line');
  });

  it('never cuts a comment or string shorter than half a window', () => {
    const statements = repeatTo('const answer = ask(query, { retries: 2 });\n', 2600);
    const comment = `/*\n${repeatTo(' * a line of a long comment that says why, with "quotes" and \'apostrophes\'\n', 1900)} */\n`;
    const code = statements + comment + repeatTo('let x = `template ${x}`;\n', 8000);
    assert.ok(code.length > 2 * WINDOW_LENGTH);
    const tokens = highlight(code, 'js');
    assertTokensOf(tokens, code);
    const inComment = tokens.filter((token) => token.text.includes('a line of a long comment'));
    assert.ok(inComment.length > 20);
    for (const token of inComment) assert.equal(token.className, 'comment', JSON.stringify(token));
    assertSameTokens(tokens, wholeBlock(code, 'javascript'), 'windows and the whole block');
  });
});
