import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { IncrementalMarkdown } from '../../src/render/incremental-markdown.js';
import { ANSWERS } from '../markdown/answers.js';
import { expectInert, expectWellFormed, markup, mount, oneShot, rng, stream, streaming } from './helpers.js';
import { CORPUS } from './markdown-corpus.js';

/** Top-level blocks of `src`, counted in its one-shot rendering. */
const blockCount = (src: string) => oneShot(src).querySelectorAll('.md-block').length;

/** A long answer made of the corpus (without the open fence, which would swallow the rest). */
function longAnswer(minLength: number): string {
  const docs = Object.entries({ ...CORPUS, ...ANSWERS })
    .filter(([name]) => name !== 'unclosedFence' && name !== 'brokenLinkThenMore')
    .map(([, doc]) => doc.trim());
  const parts: string[] = [];
  for (let i = 0, n = 0; n < minLength; i++) {
    const part = `## Part ${i}\n\n${docs[i % docs.length]}`;
    parts.push(part);
    n += part.length + 2;
  }
  return parts.join('\n\n');
}

/**
 * Whether the letters and digits of `shown` appear in `source` in the same
 * order (other characters may be markup, a decoded reference or a task box).
 */
function inOrder(shown: string, source: string): boolean {
  const keep = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, '');
  // Character references show as the character they stand for.
  const decoded = source.replace(/&#?\w+;/g, (ref) => {
    const box = document.createElement('textarea');
    box.innerHTML = ref;
    return box.value;
  });
  const s = keep(decoded);
  let at = 0;
  for (const c of keep(shown)) {
    at = s.indexOf(c, at);
    if (at === -1) return false;
    at += c.length;
  }
  return true;
}

/** The renderer corpus and the answers most about block structure (test/markdown renders them all, streamed, through the built widget). */
const DOCS: Record<string, string> = {
  ...CORPUS,
  ...Object.fromEntries(
    [
      'fenceInsideNumberedList',
      'secondParagraphInListItem',
      'brokenLinkThenMore',
      'referenceCitations',
      'tableWithAlignmentAndPipes',
      'setextHeadings',
      'blockquoteWithList',
      'deepListCode',
    ].map((k) => [k, ANSWERS[k]!]),
  ),
};

describe('IncrementalMarkdown', () => {
  describe('streamed equals one-shot', () => {
    for (const [name, src] of Object.entries(DOCS)) {
      it(`renders "${name}" the same streamed in random pieces as in one go, well-formed at every step`, () => {
        const expected = markup(oneShot(src));
        const blocks = blockCount(src);
        const runs: [label: string, seed: number, min: number, max: number, told?: boolean][] = [
          ...[1, 2, 3].map((seed): [string, number, number, number] => [`seed ${seed}`, seed, 1, 7]),
          ['single characters', 99, 1, 1],
          ['big pieces', 99, 20, 200],
          // As the element streams: each chunk told with append(), read without the whole answer.
          ['told, seed 4', 4, 1, 7, true],
          ['told, single characters', 98, 1, 1, true],
        ];
        for (const [label, seed, min, max, told] of runs) {
          const md = new IncrementalMarkdown();
          const container = document.createElement('div');
          const check = seed === 1 || min === max;
          stream(md, src, seed, container, {
            min,
            max,
            told,
            each: (prefix) => {
              if (!check) return;
              const at = `${label} at ${JSON.stringify(prefix.slice(-20))}`;
              expectWellFormed(container, 1, at);
              expect(inOrder(container.textContent!, prefix), `${at}: characters in order`).to.equal(true);
            },
          });
          expect(markup(container), label).to.equal(expected);
          expectWellFormed(container, 0, label);
          // Each block templated once, unless a later definition resolved a label in it.
          if (!/^\[[^\]]+\]:/m.test(src))
            expect(md.stats.blocksRendered, `${label}: each block templated once`).to.equal(blocks);
        }
      });
    }
  });

  it('renders random Markdown soup the same streamed as in one go, well-formed at every step', () => {
    const random = rng(2024);
    const atoms = [
      'word',
      ' ',
      '\n',
      '\n\n',
      '**',
      '*',
      '_',
      '~~',
      '`',
      '```js\n',
      '[',
      ']',
      '](https://a.b/c)',
      '![',
      '# ',
      '> ',
      '- ',
      '1. ',
      '    ',
      '| ',
      ' |',
      '|---|',
      '$',
      '\\',
      'https://x.y/z',
      '&amp;',
      '[x] ',
      '---',
      'snake_case',
      '<b>',
      '\r\n',
      '[1]: https://d.e\n',
      '[1]',
      '===',
      'www.q.r',
      'a@b.cd',
    ];
    for (let i = 0; i < 150; i++) {
      let src = '';
      for (let n = 3 + Math.floor(random() * 25); n--;) src += atoms[Math.floor(random() * atoms.length)];
      const label = JSON.stringify(src);
      const md = new IncrementalMarkdown();
      const container = document.createElement('div');
      stream(md, src, i, container, {
        min: 1,
        max: 4,
        each: (prefix) => expectWellFormed(container, 1, `${label} at ${prefix.length}`),
      });
      expect(markup(container), label).to.equal(markup(oneShot(src)));
    }
  });

  describe('cost of an update', () => {
    it('parses only the open end and the new text, never the whole answer again (50 KB)', () => {
      const src = longAnswer(50_000);
      const md = new IncrementalMarkdown();
      let parsed = 0;
      const worst = { early: 0, late: 0 };
      stream(md, src, 11, document.createElement('div'), {
        min: 20,
        max: 60,
        each: (prefix) => {
          const cost = md.stats.parsedChars - parsed;
          parsed = md.stats.parsedChars;
          const half = prefix.length < src.length / 2 ? 'early' : 'late';
          worst[half] = Math.max(worst[half], cost);
        },
      });
      // The same kinds of blocks come early and late: an update late in the
      // answer parses no more than one early on (the open block, a few times).
      expect(worst.late, `most characters parsed by one update, late vs early (${worst.early})`).to.be.at.most(
        worst.early * 1.5,
      );
      expect(worst.late / src.length).to.be.below(0.1);
      // Every character is parsed a bounded number of times overall (streaming plus the final pass).
      expect(md.stats.parsedChars / src.length).to.be.below(40);
      expect(md.stats.blocksRendered).to.be.at.most(blockCount(src) + 20);
    });

    it('never touches a finished block again: same DOM nodes, no mutations in full pages', () => {
      const src = longAnswer(10_000).replace(/^\[[^\]]+\]:.*$/gm, '');
      const md = new IncrementalMarkdown();
      const container = document.createElement('div');
      const firstSeen = new Map<number, Element>();
      const observer = new MutationObserver(() => {});
      observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
      let fullPages: Element[] = [];
      stream(md, src, 7, container, {
        max: 40,
        each: () => {
          // All blocks but the open ones are finished; the last two may be open.
          [...container.querySelectorAll('.md-block')].slice(0, -2).forEach((b, i) => {
            if (!firstSeen.has(i)) firstSeen.set(i, b);
            else expect(b === firstSeen.get(i), `block ${i} kept`).to.equal(true);
          });
          for (const r of observer.takeRecords()) {
            for (const p of fullPages) expect(p.contains(r.target), 'mutation in a full page').to.equal(false);
          }
          fullPages = [...container.querySelectorAll('.md-page')].slice(0, -1);
        },
      });
      observer.disconnect();
      expect(fullPages.length).to.be.greaterThan(1);
    });

    it('finishes the open block in place: its DOM is kept', () => {
      const md = new IncrementalMarkdown();
      const el = mount(md.render('First **para**', true));
      const open = el.querySelector('.md-block')!;
      const strong = open.querySelector('strong')!;
      mount(md.render('First **para**\n\nSecond\n', true), el);
      expect(el.querySelectorAll('.md-block')).to.have.length(2);
      expect(el.querySelector('.md-block') === open, 'the block kept').to.equal(true);
      expect(open.querySelector('strong') === strong, 'its content kept').to.equal(true);
    });

    it('returns the same template for the same input without parsing again', () => {
      const md = new IncrementalMarkdown();
      const a = md.render('Hello\n\nworld', false);
      const parsed = md.stats.parsedChars;
      expect(md.render('Hello\n\nworld', false)).to.equal(a);
      expect(md.stats.parsedChars).to.equal(parsed);
    });
  });

  describe('link reference definitions', () => {
    it('turns earlier labels into links when their definition arrives, re-rendering only those blocks', () => {
      const md = new IncrementalMarkdown();
      const el = document.createElement('div');
      const head = 'Intro without labels.\n\nStreaming is fast [1].\n\nNo label here either.\n\n';
      render(md.render(head, true), el);
      const [intro, cited] = el.querySelectorAll('.md-block');
      expect(cited!.querySelector('a')?.outerHTML ?? null).to.equal(null);
      const src = `${head}[1]: https://example.com/one\n`;
      render(md.render(src, false), el);
      expect(el.querySelectorAll('.md-block')[0] === intro, 'the first block kept').to.equal(true);
      expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/one');
      expect(markup(el)).to.equal(markup(oneShot(src)));
    });

    it('keeps the first definition of a label, as CommonMark does', () => {
      const src = '[a]\n\n[a]: https://first.example\n\n[a]: https://second.example\n';
      expect(oneShot(src).querySelector('a')!.getAttribute('href')).to.equal('https://first.example/');
    });

    it('does not resolve a label with a definition still arriving', () => {
      const md = new IncrementalMarkdown();
      const el = mount(md.render('See [docs].\n\nMore.\n\n[docs]: https://exa', true));
      expect(el.querySelector('a')?.outerHTML ?? null).to.equal(null);
      mount(md.render('See [docs].\n\nMore.\n\n[docs]: https://example.com/docs', false), el);
      expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/docs');
    });
  });

  describe('while streaming', () => {
    it('shows an open code fence as a code block in progress', () => {
      const el = streaming('Intro\n\n```js\nconst a = 1;\n\nconst b');
      expect(el.querySelector('pre code')!.textContent).to.equal('const a = 1;\n\nconst b');
      expect(el.querySelector('pre code .cursor')?.outerHTML ?? null).to.not.equal(null);
      expect(el.textContent).to.not.contain('```');
    });

    it('shows unclosed bold, italic, strikethrough and code styled, without raw markers', () => {
      const el = streaming('Some **bold and *italic* text, ~~old~~ `npm i');
      expect(el.querySelector('strong')!.textContent).to.equal('bold and italic text, old npm i');
      expect(el.querySelector('strong em')!.textContent).to.equal('italic');
      expect(el.querySelector('strong del')!.textContent).to.equal('old');
      expect(el.querySelector('strong code')!.textContent).to.equal('npm i');
      expect(el.textContent).to.not.match(/[*`~]/);
    });

    it('never shows a marker that has only just been typed', () => {
      for (const src of [
        'Hello **',
        'Hello *',
        'Hello `',
        'Hello ~~',
        'Hello [',
        'Hello ![',
        'Text\n\n-',
        'Text\n-',
        'Text\n===',
        '**',
        '1.',
        '- ',
        '```',
        '> ',
        '#',
        '| a |\n|--',
      ]) {
        const el = streaming(src);
        expect(el.textContent, JSON.stringify(src)).to.not.match(/[*`~[!=#>]|-$|\|--/);
        expect(el.querySelector('h1, h2, hr, li, pre, blockquote')?.outerHTML ?? null, JSON.stringify(src)).to.equal(
          null,
        );
      }
    });

    it('shows an unfinished link as its text only, and an unfinished image not at all', () => {
      let el = streaming('See [the docs](https://example.com/do');
      expect(el.querySelector('a')?.outerHTML ?? null).to.equal(null);
      expect(el.querySelector('p')!.textContent).to.equal('See the docs');
      el = streaming('See [the do');
      expect(el.querySelector('p')!.textContent).to.equal('See the do');
      el = streaming('A ![chart](https://exa', { allowImages: true });
      expect(el.querySelector('p')!.textContent).to.equal('A');
    });

    it('keeps $ as text: no math', () => {
      const el = streaming('Use $PATH; totals $1,000 vs $2,000.');
      expect(el.querySelector('code')?.outerHTML ?? null).to.equal(null);
      expect(el.querySelector('p')!.textContent).to.equal('Use $PATH; totals $1,000 vs $2,000.');
    });

    it('shows the rest of the answer after an unclosed link destination', () => {
      const src = 'First paragraph with [a broken link](\n\n## A heading\n\nA warning.';
      for (const el of [streaming(src), oneShot(src)]) {
        expect(el.querySelector('h2')!.textContent).to.equal('A heading');
        expect(el.textContent).to.contain('A warning.');
      }
    });

    it('puts one cursor at the end of the text while streaming, and none when done', () => {
      const md = new IncrementalMarkdown();
      let el = mount(md.render('First.\n\nSecond **para', true));
      const cursors = el.querySelectorAll('.cursor');
      expect(cursors).to.have.length(1);
      expect(cursors[0]!.getAttribute('aria-hidden')).to.equal('true');
      expect(cursors[0]!.parentElement!.tagName).to.equal('STRONG');
      expect(el.querySelector('p')!.querySelector('.cursor')?.outerHTML ?? null).to.equal(null);
      el = mount(md.render('First.\n\nSecond **para**', false), el);
      expect(el.querySelectorAll('.cursor')).to.have.length(0);
    });

    it('places the cursor in the last list item, in the last table cell, or after everything', () => {
      expect(streaming('- a\n- b\n  - nested').querySelector('ul ul li > .cursor')?.outerHTML ?? null).to.not.equal(
        null,
      );
      expect(streaming('| a |\n|---|\n| 1 |\n').querySelector('td > .cursor')?.outerHTML ?? null).to.not.equal(null);
      for (const src of ['', '# Done\n\n\n', '---\n']) expectWellFormed(streaming(src), 1, JSON.stringify(src));
    });
  });

  describe('input handling', () => {
    it('starts over when the source is replaced by an unrelated string', () => {
      const md = new IncrementalMarkdown();
      const container = document.createElement('div');
      render(md.render('Old answer.\n\nWith two blocks.\n\nAnd three', true), container);
      render(md.render('New', true), container);
      expect(container.textContent).to.equal('New');
      render(md.render('New answer', false), container);
      expect(markup(container)).to.equal(markup(oneShot('New answer')));
      render(md.render('Old answer.\n\nWith two blocks.', true), container);
      render(md.render('Old answer.\n\nWith 2 blocks, edited.', false), container);
      expect(markup(container)).to.equal(markup(oneShot('Old answer.\n\nWith 2 blocks, edited.')));
    });

    it('reads only the text it was told was appended, when it makes up the difference in length', () => {
      const md = new IncrementalMarkdown();
      const container = document.createElement('div');
      render(md.render('Hello', true), container);
      // Told ' world' but handed other text of the same length: it renders what it was told,
      // which shows it did not read the source (the caller's contract: append() what was added).
      md.append(' world');
      render(md.render('Hello WORLD', true), container);
      expect(container.textContent).to.equal('Hello world');
      // Told something that does not add up: it reads the source, and is right again.
      md.append('!');
      render(md.render('Hello world, again.', true), container);
      expect(container.textContent).to.equal('Hello world, again.');
      md.append(' Done.');
      render(md.render('Hello world, again. Done.', false), container);
      expect(markup(container)).to.equal(markup(oneShot('Hello world, again. Done.')));
    });

    it('handles CRLF and CR line endings split across chunks', () => {
      const src = 'a\r\n\r\n- b\r\n- c\r\rd\r\n\r\n# e\r\nf';
      const expected = markup(oneShot(src.replace(/\r\n?/g, '\n')));
      expect(markup(oneShot(src))).to.equal(expected);
      for (let seed = 1; seed <= 5; seed++) {
        for (const told of [false, true]) {
          const el = stream(new IncrementalMarkdown(), src, seed, document.createElement('div'), {
            min: 1,
            max: 2,
            told,
          });
          expect(markup(el), `seed ${seed}${told ? ', told' : ''}`).to.equal(expected);
        }
      }
    });

    it('honours allowImages and the strings option', () => {
      expect(oneShot('![a](https://example.com/a.png)').querySelector('img')?.outerHTML ?? null).to.equal(null);
      expect(
        oneShot('![a](https://example.com/a.png)', { allowImages: true }).querySelector('img')?.outerHTML ?? null,
      ).to.not.equal(null);
      const el = oneShot('```\nx\n```', { strings: { copyLabel: 'Code kopieren' } });
      expect(el.querySelector('button')!.getAttribute('aria-label')).to.equal('Code kopieren');
      expect(el.querySelector('button')!.dataset.label).to.equal('Copy');
    });

    it('renders hostile input inert, streamed and final', () => {
      const src = `<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](&#106;avascript:alert(1)) [c](JaVaScRiPt:x) [d](data:text/html,x) [e](vbscript:x) <vbscript:x> ![f](data:image/png,x) ![g](javascript:x)\n`;
      const el = stream(new IncrementalMarkdown({ allowImages: true }), src, 5, document.createElement('div'), {
        each: (prefix) => expectInert(oneShot(prefix, { allowImages: true })),
      });
      expectInert(el);
      expect(el.querySelectorAll('script, img, a')).to.have.length(0);
      expect(el.textContent).to.contain('<script>alert(1)</script>');
      for (const doc of Object.values({ ...CORPUS, ...ANSWERS })) expectInert(oneShot(doc, { allowImages: true }));
    });

    it('renders nesting past the cap as text, without failing', () => {
      const src = `${'>'.repeat(2000)} deep\n\n${'- '.repeat(2000)}listed\n\n${'*_'.repeat(1000)}x${'_*'.repeat(1000)}`;
      const el = stream(new IncrementalMarkdown(), src, 3, document.createElement('div'), { min: 500, max: 2000 });
      expect(el.textContent).to.contain('deep').and.contain('listed').and.contain('x');
      expect(el.textContent!.split('>').length).to.be.greaterThan(1900);
      expectWellFormed(el, 0);
    });
  });
});
