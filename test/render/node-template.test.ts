import { expect } from '@open-wc/testing';
import { cursorTarget, plain } from '../../src/render/node-template.js';
import { TokenTree } from '../../src/render/token-tree.js';
import { expectInert, oneShot } from './helpers.js';

const texts = (el: Element, selector: string) => [...el.querySelectorAll(selector)].map((e) => e.textContent);

describe('node templates', () => {
  describe('blocks', () => {
    it('wraps each top-level block, and renders nothing for blank lines', () => {
      const el = oneShot('one\n\n\n\ntwo\n\n# three\n');
      expect([...el.querySelectorAll('.md-page > *')].map((c) => c.className)).to.deep.equal([
        'md-block',
        'md-block',
        'md-block',
      ]);
    });

    it('renders paragraphs and all six heading levels', () => {
      const el = oneShot('# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n\nplain');
      expect([...el.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => `${h.tagName}:${h.textContent}`)).to.deep.equal([
        'H1:1',
        'H2:2',
        'H3:3',
        'H4:4',
        'H5:5',
        'H6:6',
      ]);
      expect(el.querySelector('p')!.textContent).to.equal('plain');
    });

    it('renders nested and ordered lists, with their start number', () => {
      const el = oneShot('- a\n  - b\n    - c\n- d\n\n3. three\n4. four\n\nbetween\n\n1. one\n');
      expect(el.querySelector('ul > li > ul > li > ul > li')!.textContent).to.equal('c');
      const [ol, fromOne] = el.querySelectorAll('ol');
      expect(ol.getAttribute('start')).to.equal('3');
      expect(texts(ol, 'li')).to.deep.equal(['three', 'four']);
      expect(fromOne.hasAttribute('start')).to.equal(false);
    });

    it('renders task list items with a marker character, not a form control', () => {
      const el = oneShot('- [x] done\n- [ ] todo\n');
      expect(texts(el, 'li.task')).to.deep.equal(['☑ done', '☐ todo']);
      expect(el.querySelector('input')).to.equal(null);
    });

    it('renders block quotes with nested blocks', () => {
      const el = oneShot('> # Q\n> text\n> - item\n');
      expect(el.querySelector('blockquote h1')!.textContent).to.equal('Q');
      expect(el.querySelector('blockquote p')!.textContent).to.equal('text');
      expect(el.querySelector('blockquote ul li')!.textContent).to.equal('item');
    });

    it('renders tables: header cells from the first row, trimmed cells, in a keyboard-scrollable wrapper', () => {
      const el = oneShot('| L | C |\n|:--|:-:|\n| *a* | b |\n|  c  |d|\n');
      const wrapper = el.querySelector('.md-table')!;
      expect(wrapper.getAttribute('tabindex')).to.equal('0');
      expect(texts(wrapper, 'thead th[scope="col"]')).to.deep.equal(['L', 'C']);
      expect(texts(wrapper, 'tbody td')).to.deep.equal(['a', 'b', 'c', 'd']);
      expect(wrapper.querySelector('td em')!.textContent).to.equal('a');
      expect(el.querySelector('[style]')).to.equal(null); // no inline styles: strict style-src
    });

    it('renders thematic breaks and fenced and indented code', () => {
      const el = oneShot('***\n\n```ts title="x"\nconst a = 1 < 2;\n```\n\n    indented\n');
      expect(el.querySelector('hr')).to.not.equal(null);
      const codes = el.querySelectorAll('pre > code');
      expect(codes[0].textContent).to.equal('const a = 1 < 2;');
      expect(codes[0].className).to.equal('language-ts');
      expect(codes[1].textContent).to.equal('indented');
      expect(codes[1].hasAttribute('class')).to.equal(false);
    });

    it('shows raw HTML as text', () => {
      const el = oneShot('<script>alert(1)</script>\n\n<div onclick="x()">\n<img src=x onerror=alert(1)>\n</div>\n');
      expect(el.querySelectorAll('script, img, [onclick]')).to.have.length(0);
      expect(texts(el, 'p')).to.deep.equal([
        '<script>alert(1)</script>',
        '<div onclick="x()"><img src=x onerror=alert(1)></div>',
      ]);
      expectInert(el);
    });

    it('shows TeX as code (no math renderer ships)', () => {
      const el = oneShot('Area $\\pi r^2$ and \\(x\\).\n\n$$\na^2 + b^2\n$$\n');
      expect(texts(el, 'p > code:not(.md-math)')).to.deep.equal(['\\pi r^2', 'x']);
      expect(el.querySelector('code.md-math')!.textContent).to.equal('a^2 + b^2');
    });
  });

  describe('inline', () => {
    it('renders emphasis, strong, strikethrough and inline code', () => {
      const el = oneShot('a *em* **strong** _u_ __U__ ~~del~~ `code <b>` ***both***');
      expect(texts(el, 'p > em')).to.deep.equal(['em', 'u']);
      expect(texts(el, 'p > strong')).to.deep.equal(['strong', 'U', 'both']);
      expect(el.querySelector('del')!.textContent).to.equal('del');
      expect(el.querySelector('code')!.textContent).to.equal('code <b>');
      expect(el.querySelector('strong em')!.textContent).to.equal('both');
    });

    it('breaks the line at every newline in a paragraph, as chat UIs do', () => {
      const el = oneShot('one  \ntwo\\\nthree\nfour');
      expect(el.querySelectorAll('p br')).to.have.length(3);
      expect(el.querySelector('p')!.textContent).to.equal('one twothreefour');
    });

    it('keeps underscores inside words literal', () => {
      expect(oneShot('call snake_case_name now').textContent).to.equal('call snake_case_name now');
      expect(oneShot('set my_var and other_var.').textContent).to.equal('set my_var and other_var.');
      expect(oneShot('a dunder__init__x').textContent).to.equal('a dunder__init__x');
      expect(oneShot('snake_case_name').querySelector('em')).to.equal(null);
    });

    it('resolves character references and backslash escapes as text, but not in code', () => {
      const el = oneShot('AT&amp;T &copy; &#169; &#38;amp; \\*not em\\* &lt;b&gt; `&amp;`');
      expect(el.querySelector('p')!.textContent).to.equal('AT&T © © &amp; *not em* <b> &amp;');
      expect(el.querySelector('b, em')).to.equal(null);
    });

    it('shows raw inline HTML as text and creates no element from it', () => {
      const el = oneShot('Inline <img src=x onerror=alert(1)> and <b>bold</b> <svg onload=alert(1)>');
      expect(el.querySelector('p')!.textContent).to.equal(
        'Inline <img src=x onerror=alert(1)> and <b>bold</b> <svg onload=alert(1)>',
      );
      expect(el.querySelectorAll('img, b, svg')).to.have.length(0);
      expectInert(el);
    });

    it('links http, https and mailto, and raw URLs, opening in a new tab without an opener', () => {
      const el = oneShot(
        '[a](https://example.com/x "T") [b](http://example.com) [c](mailto:a@example.com) [d](<https://e.x/a b>) see https://raw.example/path. (or https://e.x/Foo_(bar))',
      );
      const links = [...el.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://example.com/x',
        'http://example.com/',
        'mailto:a@example.com',
        'https://e.x/a%20b',
        'https://raw.example/path',
        'https://e.x/Foo_(bar)',
      ]);
      for (const a of links) {
        expect(a.target).to.equal('_blank');
        expect(a.rel).to.equal('noopener noreferrer');
      }
      expect(links[0].title).to.equal('T');
      expect(links[0].textContent).to.equal('a');
      expect(el.textContent).to.contain('see https://raw.example/path. (or https://e.x/Foo_(bar))'); // punctuation stays, as text
    });

    it('keeps only the text of links with any other scheme', () => {
      const el = oneShot(
        [
          '[js](javascript:alert(1))',
          '[JS](JaVaScRiPt:alert(1))',
          '[ent](&#106;avascript:alert(1))',
          '[hex](&#x6A;avascript:alert(1))',
          '[data](data:text/html;base64,PHNjcmlwdD4=)',
          '[vb](vbscript:msgbox(1))',
          '[rel](/relative/path)',
          '[proto](//evil.example)',
          '[**styled** js](javascript:void)',
        ].join(' '),
      );
      expect(el.querySelectorAll('a')).to.have.length(0);
      expect(el.querySelector('p')!.textContent).to.equal('js) JS) ent) hex) data vb) rel proto styled js'); // smd ends a destination at the first ")"
      expect(el.querySelector('strong')!.textContent).to.equal('styled');
      expectInert(el);
    });

    it('keeps the brackets of text that never became a link', () => {
      expect(oneShot('a[0] and [1] and ![x] end').textContent).to.equal('a[0] and [1] and ![x] end');
    });

    it('never nests a link in a link', () => {
      const el = oneShot('[*see https://x.y *](https://c.d)');
      expect(el.querySelectorAll('a')).to.have.length(1);
      expect(el.querySelector('a')!.textContent).to.equal('see https://x.y ');
    });

    it('shows image alt text when images are off (the default)', () => {
      const el = oneShot('See ![a chart](https://example.com/c.png) here');
      expect(el.querySelector('img')).to.equal(null);
      expect(el.querySelector('p')!.textContent).to.equal('See a chart here');
    });

    it('renders http(s) images when allowed, lazily and without a referrer', () => {
      const el = oneShot(
        '![chart](https://example.com/c.png "Title") ![x](javascript:alert(1)) ![y](data:image/png;base64,AA==) ![z](mailto:a@b.c) ![a&amp;b](&#104;ttps://e.x/i.png)',
        {
          allowImages: true,
        },
      );
      const imgs = el.querySelectorAll('img');
      expect(imgs).to.have.length(2);
      expect(imgs[0].getAttribute('src')).to.equal('https://example.com/c.png');
      expect(imgs[0].alt).to.equal('chart');
      expect(imgs[0].title).to.equal('Title');
      expect(imgs[0].getAttribute('loading')).to.equal('lazy');
      expect(imgs[0].getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect([imgs[1].alt, imgs[1].getAttribute('src')]).to.deep.equal(['a&b', 'https://e.x/i.png']);
      expect(el.textContent).to.contain('x) y z'); // smd ends a destination at the first ")"
    });
  });

  describe('cursorTarget', () => {
    const open = (src: string) => {
      const tree = new TokenTree(() => {});
      tree.write(src);
      return tree.open!;
    };

    it('is the deepest open node', () => {
      expect(plain(cursorTarget(open('- a\n- b\n  - cc'))!)).to.equal('c');
      expect(plain(cursorTarget(open('> quote\n> - a\n> - bb'))!)).to.equal('b');
      expect(plain(cursorTarget(open('Some **bold *it'))!)).to.equal('i');
      const fence = open('Text\n\n```js\ncode');
      expect(cursorTarget(fence)).to.equal(fence);
    });

    it('is not inside an image, a list or a table row: it goes to the nearest node that holds text, or after the block', () => {
      const para = open('A ![chart](https://exa');
      expect(cursorTarget(para)).to.equal(para);
      expect(cursorTarget(open('| a |\n|---|\n| 1 |\n'))).to.equal(undefined);
    });
  });
});
