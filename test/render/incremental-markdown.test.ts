import { expect, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { IncrementalMarkdown } from '../../src/render/incremental-markdown.js';
import { expectInert, expectWellFormed, markup, mount, oneShot, rng, stream, streaming } from './helpers.js';
import { CORPUS } from './markdown-corpus.js';

/** Top-level blocks of `src`, counted in its one-shot rendering. */
const blockCount = (src: string) => oneShot(src).querySelectorAll('.md-block').length;

/** A long answer made of the corpus (without the open fence, which would swallow the rest). */
function longAnswer(minLength: number): string {
  const docs = Object.entries(CORPUS)
    .filter(([name]) => name !== 'unclosedFence')
    .map(([, doc]) => doc.trim());
  const parts: string[] = [];
  for (let i = 0, n = 0; n < minLength; i++) {
    const part = `## Part ${i}\n\n${docs[i % docs.length]}`;
    parts.push(part);
    n += part.length + 2;
  }
  return parts.join('\n\n');
}

describe('IncrementalMarkdown', () => {
  describe('streamed equals one-shot', () => {
    for (const [name, src] of Object.entries(CORPUS)) {
      it(`renders "${name}" the same streamed in random pieces as in one go, well-formed at every step`, () => {
        const expected = markup(oneShot(src));
        const blocks = blockCount(src);
        const runs: [label: string, seed: number, min: number, max: number][] = [
          ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): [string, number, number, number] => [`seed ${seed}`, seed, 1, 7]),
          ['single characters', 99, 1, 1],
          ['big pieces', 99, 20, 200],
        ];
        for (const [label, seed, min, max] of runs) {
          const md = new IncrementalMarkdown();
          const container = document.createElement('div');
          const check = seed === 1 || min === max;
          stream(md, src, seed, container, {
            min,
            max,
            each: (prefix) =>
              check && expectWellFormed(container, 1, `${label} at ${JSON.stringify(prefix.slice(-20))}`),
          });
          expect(markup(container), label).to.equal(expected);
          expectWellFormed(container, 0, label);
          expect(md.stats.lexedChars, `${label}: each character tokenized once`).to.equal(src.length);
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
      expect(md.stats.lexedChars, label).to.equal(src.length);
      expect(md.stats.blocksRendered, label).to.equal(blockCount(src));
    }
  });

  describe('cost of an update', () => {
    it('tokenizes only the new text and templates each finished block once (10 KB)', () => {
      const src = longAnswer(10_000);
      const md = new IncrementalMarkdown();
      let lexed = 0;
      let seen = 0;
      stream(md, src, 11, document.createElement('div'), {
        max: 15,
        each: (prefix) => {
          // Exactly the characters that arrived (a trailing CR waits for the next update).
          const ready = prefix.endsWith('\r') ? prefix.length - 1 : prefix.length;
          expect(md.stats.lexedChars - lexed).to.equal(ready - seen);
          lexed = md.stats.lexedChars;
          seen = ready;
        },
      });
      expect(md.stats.lexedChars).to.equal(src.length);
      expect(md.stats.blocksRendered).to.equal(blockCount(src));
    });

    it('never touches a finished block again: same DOM nodes, no mutations in full pages', () => {
      const src = longAnswer(10_000);
      const md = new IncrementalMarkdown();
      const container = document.createElement('div');
      const firstSeen = new Map<number, Element>();
      const observer = new MutationObserver(() => {});
      observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
      let fullPages: Element[] = [];
      stream(md, src, 7, container, {
        max: 40,
        each: () => {
          // All but the last block are finished.
          [...container.querySelectorAll('.md-block')].slice(0, -1).forEach((b, i) => {
            if (!firstSeen.has(i)) firstSeen.set(i, b);
            else expect(b, `block ${i}`).to.equal(firstSeen.get(i));
          });
          for (const r of observer.takeRecords()) {
            for (const p of fullPages) expect(p.contains(r.target), 'mutation in a full page').to.equal(false);
          }
          fullPages = [...container.querySelectorAll('.md-page')].slice(0, -1);
        },
      });
      observer.disconnect();
      expect(fullPages.length).to.be.greaterThan(1);
      expect(md.stats.blocksRendered).to.equal(blockCount(src));
    });

    it('finishes the open block in place: its DOM is kept', () => {
      const md = new IncrementalMarkdown();
      const el = mount(md.render('First **para', true));
      const open = el.querySelector('.md-block')!;
      const strong = open.querySelector('strong')!;
      mount(md.render('First **para**\n\nSecond', true), el);
      expect(el.querySelectorAll('.md-block')).to.have.length(2);
      expect(el.querySelector('.md-block')).to.equal(open);
      expect(open.querySelector('strong')).to.equal(strong);
    });

    it('returns the same template for the same input without tokenizing again', () => {
      const md = new IncrementalMarkdown();
      const a = md.render('Hello\n\nworld', false);
      const lexed = md.stats.lexedChars;
      expect(md.render('Hello\n\nworld', false)).to.equal(a);
      expect(md.stats.lexedChars).to.equal(lexed);
    });
  });

  describe('while streaming', () => {
    it('shows an open code fence as a code block in progress', () => {
      const el = streaming('Intro\n\n```js\nconst a = 1;\n\nconst b');
      expect(el.querySelector('pre code')!.textContent).to.match(/^const a = 1;\n\nconst b?$/); // smd may hold back a character
      expect(el.querySelector('pre code .cursor')).to.not.equal(null);
      expect(el.textContent).to.not.contain('```');
    });

    it('shows unclosed bold, italic, strikethrough and code styled, without raw markers', () => {
      const el = streaming('Some **bold and *italic* text, ~~old~~ `npm i');
      expect(el.querySelector('strong')!.textContent).to.match(/^bold and italic text, old npm i?$/);
      expect(el.querySelector('strong em')!.textContent).to.equal('italic');
      expect(el.querySelector('strong del')!.textContent).to.equal('old');
      expect(el.querySelector('strong code')!.textContent).to.match(/^npm i?$/);
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
        '**',
        '1.',
        '- ',
        '```',
      ]) {
        const el = streaming(src);
        expect(el.textContent, JSON.stringify(src)).to.not.match(/[*`~[!]|-$/);
        expect(el.querySelector('h1, h2, hr, li, pre'), JSON.stringify(src)).to.equal(null);
      }
    });

    it('shows an unfinished link as its text only, and an unfinished image not at all', () => {
      let el = streaming('See [the docs](https://example.com/do');
      expect(el.querySelector('a')).to.equal(null);
      expect(el.querySelector('p')!.textContent).to.equal('See the docs');
      el = streaming('See [the do');
      expect(el.querySelector('p')!.textContent).to.match(/^See the do?$/);
      el = streaming('A ![chart](https://exa', { allowImages: true });
      expect(el.querySelector('p')!.textContent).to.equal('A ');
    });

    it('puts one cursor at the end of the text while streaming, and none when done', () => {
      const md = new IncrementalMarkdown();
      let el = mount(md.render('First.\n\nSecond **para', true));
      const cursors = el.querySelectorAll('.cursor');
      expect(cursors).to.have.length(1);
      expect(cursors[0].getAttribute('aria-hidden')).to.equal('true');
      expect(cursors[0].parentElement!.tagName).to.equal('STRONG');
      expect(cursors[0].parentElement!.closest('p')!.textContent).to.match(/^Second par?$/);
      expect(el.querySelector('p')!.querySelector('.cursor')).to.equal(null); // not in the finished paragraph
      el = mount(md.render('First.\n\nSecond **para**', false), el);
      expect(el.querySelectorAll('.cursor')).to.have.length(0);
    });

    it('places the cursor in the last list item, after a table, or after everything', () => {
      expect(streaming('- a\n- b\n  - nested').querySelector('ul ul li > .cursor')).to.not.equal(null);
      const table = streaming('| a |\n|---|\n| 1 |\n');
      expect(table.querySelector('table .cursor')).to.equal(null);
      expect(table.querySelector('.md-table + .cursor')).to.not.equal(null);
      for (const src of ['', '# Done\n\n\n', '---\n']) expectWellFormed(streaming(src), 1, JSON.stringify(src));
    });
  });

  describe('input handling', () => {
    it('starts over when the source is replaced by an unrelated string', () => {
      const md = new IncrementalMarkdown();
      const container = document.createElement('div');
      render(md.render('Old answer.\n\nWith two blocks.\n\nAnd three', true), container);
      render(md.render('New', true), container);
      expect(container.textContent).to.equal('Ne');
      render(md.render('New answer', false), container);
      expect(markup(container)).to.equal(markup(oneShot('New answer')));
      // Same start, different end: an edit near what was tokenized last.
      render(md.render('Old answer.\n\nWith two blocks.', true), container);
      render(md.render('Old answer.\n\nWith 2 blocks, edited.', false), container);
      expect(markup(container)).to.equal(markup(oneShot('Old answer.\n\nWith 2 blocks, edited.')));
    });

    it('handles CRLF and CR line endings split across chunks', () => {
      const src = 'a\r\n\r\n- b\r\n- c\r\rd\r\n\r\n# e\r\nf';
      const expected = markup(oneShot(src.replace(/\r\n?/g, '\n')));
      expect(markup(oneShot(src))).to.equal(expected);
      for (let seed = 1; seed <= 5; seed++) {
        const el = stream(new IncrementalMarkdown(), src, seed, document.createElement('div'), { min: 1, max: 2 });
        expect(markup(el), `seed ${seed}`).to.equal(expected);
      }
    });

    it('honours allowImages and the strings option', () => {
      expect(oneShot('![a](https://example.com/a.png)').querySelector('img')).to.equal(null);
      expect(oneShot('![a](https://example.com/a.png)', { allowImages: true }).querySelector('img')).to.not.equal(null);
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
      for (const doc of Object.values(CORPUS)) expectInert(oneShot(doc, { allowImages: true }));
    });

    it('renders deeply nested input without failing', () => {
      const src = `${'>'.repeat(50)} deep\n\n${Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n\n${'**_'.repeat(40)}x`;
      const el = stream(new IncrementalMarkdown(), src, 3, document.createElement('div'), { min: 5, max: 50 });
      expect(el.textContent).to.contain('deep').and.contain('item 49');
      expectWellFormed(el, 0);
    });

    it('works under a strict CSP with Trusted Types enforced', async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src https:; script-src 'self' 'nonce-t'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html"><script type="module" nonce="t">import '/test/render/fixtures/trusted-types-page.ts';</script>`;
      document.body.append(frame);
      type Result = { enforced: boolean; errors: string[]; scripts: number; styled: number; text: string };
      const result = () => (frame.contentWindow as unknown as { result?: Result } | null)?.result;
      await waitUntil(() => result(), 'the fixture page did not finish', { timeout: 8000 });
      const r = result()!;
      frame.remove();
      expect(r.enforced, 'Trusted Types enforced').to.equal(true);
      expect(r.errors).to.deep.equal([]);
      expect(r.scripts).to.equal(0);
      expect(r.styled).to.equal(0);
      expect(r.text).to.contain('<img src=x onerror=alert(1)>');
    });
  });
});
