import { expect } from '@open-wc/testing';
import { cursorTarget, TEXT_SEGMENT } from '../../src/render/node-template.js';
import { buildTree } from '../../src/render/md-tree.js';
import { parseMarkdown } from '../../src/render/parse-markdown.js';
import { expectInert, oneShot } from './helpers.js';

const texts = (el: Element, selector: string) => [...el.querySelectorAll(selector)].map((e) => e.textContent);
const tree = (src: string) => buildTree(parseMarkdown(src, {}));

describe('node templates', () => {
  describe('blocks', () => {
    it('wraps each top-level block, with dir="auto" for right-to-left answers, and renders nothing for blank lines', () => {
      const el = oneShot('one\n\n\n\ntwo\n\n# three\n');
      const blocks = [...el.querySelectorAll('.md-page > *')];
      expect(blocks.map((c) => c.className)).to.deep.equal(['md-block', 'md-block', 'md-block']);
      expect(blocks.every((b) => b.getAttribute('dir') === 'auto')).to.equal(true);
    });

    it('renders paragraphs and all six heading levels, ATX and setext', () => {
      const el = oneShot('# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n\nplain\n\nSet\n===\n\nText\n---\n');
      expect([...el.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => `${h.tagName}:${h.textContent}`)).to.deep.equal([
        'H1:1',
        'H2:2',
        'H3:3',
        'H4:4',
        'H5:5',
        'H6:6',
        'H1:Set',
        'H2:Text',
      ]);
      expect(el.querySelector('p')!.textContent).to.equal('plain');
    });

    it('renders nested and ordered lists (. and ), their start number, tight and loose)', () => {
      const el = oneShot('- a\n  - b\n    - c\n- d\n\n3. three\n4. four\n\nbetween\n\n1) one\n\n2) two\n');
      expect(el.querySelector('ul > li > ul > li > ul > li')!.textContent).to.equal('c');
      const [ol, paren] = el.querySelectorAll('ol');
      expect(ol!.getAttribute('start')).to.equal('3');
      expect(texts(ol!, 'li')).to.deep.equal(['three', 'four']);
      expect(ol!.querySelector('p')?.outerHTML ?? null).to.equal(null);
      expect(paren!.hasAttribute('start')).to.equal(false);
      expect(texts(paren!, 'li > p')).to.deep.equal(['one', 'two']);
    });

    it('keeps a fenced code block and a second paragraph inside their list item', () => {
      const el = oneShot(
        '3. Paste your key:\n   ```bash\n   export KEY=1\n   ```\n4. Save\n\n- a\n\n  second paragraph\n- b\n',
      );
      expect(el.querySelectorAll('ol')).to.have.length(1);
      expect(el.querySelector('ol')!.getAttribute('start')).to.equal('3');
      expect(el.querySelector('ol > li pre code')!.textContent).to.equal('export KEY=1\n');
      expect(texts(el, 'ul > li:first-child > p')).to.deep.equal(['a', 'second paragraph']);
    });

    it('renders task list items with a marker character, not a form control', () => {
      const el = oneShot('- [x] done\n- [ ] todo\n- [ ]\n- [x](https://example.com)\n');
      expect(texts(el, 'li.task')).to.deep.equal(['☑ done', '☐ todo']);
      expect(texts(el, 'li:not(.task)')).to.deep.equal(['[ ]', 'x']);
      expect(el.querySelector('input')?.outerHTML ?? null).to.equal(null);
    });

    it('renders block quotes with nested blocks', () => {
      const el = oneShot('> # Q\n> text\n> - item\n');
      expect(el.querySelector('blockquote h1')!.textContent).to.equal('Q');
      expect(el.querySelector('blockquote p')!.textContent).to.equal('text');
      expect(el.querySelector('blockquote ul li')!.textContent).to.equal('item');
    });

    it('renders tables with alignment as data attributes (no style), escaped pipes, in a keyboard-scrollable wrapper', () => {
      const el = oneShot('| L | C | R |\n|:--|:-:|--:|\n| *a* | b \\| c | `d \\| e` |\n| f |\n');
      const wrapper = el.querySelector('.md-table')!;
      expect(wrapper.getAttribute('tabindex')).to.equal('0');
      expect(texts(wrapper, 'thead th[scope="col"]')).to.deep.equal(['L', 'C', 'R']);
      expect([...wrapper.querySelectorAll('th')].map((c) => c.dataset.align)).to.deep.equal([
        'left',
        'center',
        'right',
      ]);
      expect(texts(wrapper, 'tbody td')).to.deep.equal(['a', 'b | c', 'd | e', 'f', '', '']);
      expect(wrapper.querySelector('td em')!.textContent).to.equal('a');
      expect(el.querySelector('[style]')?.outerHTML ?? null).to.equal(null);
    });

    it('renders thematic breaks, and fenced and indented code with a language label', () => {
      const el = oneShot('***\n\n```ts title="x"\nconst a = 1 < 2;\n```\n\n    indented\n');
      expect(el.querySelector('hr')?.outerHTML ?? null).to.not.equal(null);
      const [fenced, indented] = el.querySelectorAll('[part="code"]');
      expect(fenced!.querySelector('pre > code')!.textContent).to.equal('const a = 1 < 2;\n');
      expect(fenced!.querySelector('code')!.className).to.equal('language-ts');
      expect(fenced!.querySelector('[part="code-language"]')!.textContent).to.equal('ts');
      expect(indented!.querySelector('pre > code')!.textContent).to.equal('indented\n');
      expect(indented!.querySelector('[part="code-language"]')?.outerHTML ?? null).to.equal(null);
      expect(indented!.querySelector('code')!.hasAttribute('class')).to.equal(false);
    });

    it('shows raw HTML as text, keeping its lines', () => {
      const el = oneShot('<script>alert(1)</script>\n\n<div onclick="x()">\n<img src=x onerror=alert(1)>\n</div>\n');
      expect(el.querySelectorAll('script, img, [onclick]')).to.have.length(0);
      expect(texts(el, 'p.md-html')).to.deep.equal([
        '<script>alert(1)</script>',
        '<div onclick="x()">\n<img src=x onerror=alert(1)>\n</div>',
      ]);
      expectInert(el);
    });

    it('keeps $ and TeX as text: no math syntax', () => {
      const el = oneShot('Area $\\pi r^2$ costs $5.\n\n$$\na^2\n$$\n');
      expect(el.querySelector('code')?.outerHTML ?? null).to.equal(null);
      expect(texts(el, 'p')).to.deep.equal(['Area $\\pi r^2$ costs $5.', '$$\na^2\n$$']);
    });
  });

  describe('inline', () => {
    it('renders emphasis, strong, strikethrough (~~ only) and inline code', () => {
      const el = oneShot('a *em* **strong** _u_ __U__ ~~del~~ ~not~ `code <b>` ***both***');
      expect(texts(el, 'p > em')).to.deep.equal(['em', 'u', 'both']);
      expect(texts(el, 'p > strong')).to.deep.equal(['strong', 'U']);
      expect(texts(el, 'del')).to.deep.equal(['del']);
      expect(el.querySelector('code')!.textContent).to.equal('code <b>');
      expect(el.querySelector('em > strong')!.textContent).to.equal('both');
      expect(el.textContent).to.contain('~not~');
    });

    it('breaks lines only where CommonMark says (two spaces or a backslash), not at every newline', () => {
      const el = oneShot('one  \ntwo\\\nthree\nfour');
      expect(el.querySelectorAll('p br')).to.have.length(2);
      expect(el.querySelector('p')!.textContent).to.equal('onetwothree\nfour');
    });

    it('keeps underscores inside words and unmatched stars literal', () => {
      expect(oneShot('call snake_case_name and window.__xss now').textContent).to.equal(
        'call snake_case_name and window.__xss now',
      );
      // Intraword `*` may open and close emphasis (CommonMark); a lone one between spaces is text.
      expect(oneShot('It is O(n*log n) for 2*3 items.').querySelector('em')!.textContent).to.equal('log n) for 2');
      expect(oneShot('5 * 3 = 15, and 2 * 2 * 2').querySelector('em')?.outerHTML ?? null).to.equal(null);
      expect(oneShot('a dunder__init__x').textContent).to.equal('a dunder__init__x');
    });

    it('resolves character references and backslash escapes as text, but not in code', () => {
      const el = oneShot('AT&amp;T &copy; &#169; &#38;amp; \\*not em\\* &lt;b&gt; `&amp;` &unknown;');
      expect(el.querySelector('p')!.textContent).to.equal('AT&T © © &amp; *not em* <b> &amp; &unknown;');
      expect(el.querySelector('b, em')?.outerHTML ?? null).to.equal(null);
    });

    it('links only absolute http(s) and mailto URLs, in a new tab without referrer or opener', () => {
      const el = oneShot(
        '[a](https://example.com/x_(y)) [b](mailto:a@example.com) [c](/relative) [d](javascript:alert(1)) <https://auto.example> [e][r]\n\n[r]: https://ref.example "Ref"',
      );
      const links = [...el.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://example.com/x_(y)',
        'mailto:a@example.com',
        'https://auto.example/',
        'https://ref.example/',
      ]);
      for (const a of links) {
        expect(a.target).to.equal('_blank');
        expect(a.rel).to.equal('noopener noreferrer');
      }
      expect(links[3]!.title).to.equal('Ref');
      expect(el.textContent).to.contain('c').and.contain('d');
    });

    it('links GFM autolink literals: URLs, www. and e-mail addresses, without trailing punctuation', () => {
      const el = oneShot(
        'See https://example.com/a_b., www.example.org/x?y=1! or (https://example.com/p) and me@example.co.uk.',
      );
      expect([...el.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
        ['https://example.com/a_b', 'https://example.com/a_b'],
        ['www.example.org/x?y=1', 'http://www.example.org/x?y=1'],
        ['https://example.com/p', 'https://example.com/p'],
        ['me@example.co.uk', 'mailto:me@example.co.uk'],
      ]);
    });

    it('renders a link inside a link as its text', () => {
      const el = oneShot('[see https://inner.example](https://outer.example)');
      expect(el.querySelectorAll('a')).to.have.length(1);
      expect(el.querySelector('a')!.textContent).to.equal('see https://inner.example');
    });

    it('shows raw inline HTML as text and creates no element from it', () => {
      const el = oneShot('a <b onclick="x">b</b> <img src=x onerror=alert(1)> c');
      expect(el.querySelector('p')!.textContent).to.equal('a <b onclick="x">b</b> <img src=x onerror=alert(1)> c');
      expect(el.querySelectorAll('b, img')).to.have.length(0);
    });

    it('renders images only when allowed, and only from http(s), with no referrer', () => {
      const src = '![alt *text*](https://example.com/i.png "T") ![x](data:image/png;base64,AA)';
      const off = oneShot(src);
      expect(off.querySelector('img')?.outerHTML ?? null).to.equal(null);
      expect(off.textContent).to.equal('alt text x');
      const on = oneShot(src, { allowImages: true });
      const img = on.querySelector('img')!;
      expect([img.getAttribute('src'), img.alt, img.title, img.referrerPolicy]).to.deep.equal([
        'https://example.com/i.png',
        'alt text',
        'T',
        'no-referrer',
      ]);
      expect(on.querySelectorAll('img')).to.have.length(1);
    });
  });

  describe('long text', () => {
    const segments = (src: string) => texts(oneShot(src), '.md-text-segment');

    it('lays out text longer than a segment in boxes of about TEXT_SEGMENT characters, losing nothing', () => {
      const src = 'word '.repeat(30_000).trim();
      const boxes = segments(src);
      expect(boxes.join('')).to.equal(src);
      expect(boxes.length).to.equal(Math.ceil(src.length / TEXT_SEGMENT));
      // Each box but the last ends after the space nearest its boundary.
      for (const box of boxes.slice(0, -1)) {
        expect(box!.endsWith(' ')).to.equal(true);
        expect(box!.length).to.be.within(TEXT_SEGMENT - 256, TEXT_SEGMENT);
      }
    });

    it('cuts a line without spaces at the boundary, and never inside a surrogate pair', () => {
      const digits = '7'.repeat(3 * TEXT_SEGMENT + 5);
      expect(segments(digits).map((b) => b!.length)).to.deep.equal([TEXT_SEGMENT, TEXT_SEGMENT, TEXT_SEGMENT, 5]);
      const emoji = 'x' + '😀'.repeat(TEXT_SEGMENT);
      const boxes = segments(emoji);
      expect(boxes.join('')).to.equal(emoji);
      expect(boxes[0]!.length).to.equal(TEXT_SEGMENT - 1);
    });

    it('ignores a space far before the boundary', () => {
      const src = 'a ' + 'b'.repeat(2 * TEXT_SEGMENT);
      expect(segments(src).map((b) => b!.length)).to.deep.equal([TEXT_SEGMENT, TEXT_SEGMENT, 2]);
    });
  });

  describe('cursorTarget', () => {
    it('is the deepest last node that holds text, a code block, or nothing', () => {
      expect(cursorTarget(tree('a **b**'))!.type).to.equal('strong');
      expect(cursorTarget(tree('- a\n- b'))!.type).to.equal('paragraph');
      expect(cursorTarget(tree('```\nx'))!.type).to.equal('fence');
      expect(cursorTarget(tree('| a |\n|---|\n| 1 |'))!.type).to.equal('td');
      expect(cursorTarget(tree('---'))).to.equal(undefined);
      expect(cursorTarget([])).to.equal(undefined);
    });
  });
});
