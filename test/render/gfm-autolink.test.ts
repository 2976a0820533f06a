import { expect } from '@open-wc/testing';
import { oneShot } from './helpers.js';

/** [text, href] of every link in the rendering of `src`. */
const links = (src: string) =>
  [...oneShot(src).querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);

describe('GFM autolink literals', () => {
  it('finds http(s) URLs, www. domains and e-mail addresses', () => {
    expect(links('a https://example.com/x b www.example.org c me@example.com')).to.deep.equal([
      ['https://example.com/x', 'https://example.com/x'],
      ['www.example.org', 'http://www.example.org/'],
      ['me@example.com', 'mailto:me@example.com'],
    ]);
  });

  it('leaves trailing punctuation out, and keeps balanced parentheses and inner underscores in', () => {
    expect(links('(see https://example.com/Foo_(bar)_baz).')).to.deep.equal([
      ['https://example.com/Foo_(bar)_baz', 'https://example.com/Foo_(bar)_baz'],
    ]);
    expect(links('https://example.com/a?b=1&c=2!?')).to.deep.equal([
      ['https://example.com/a?b=1&c=2', 'https://example.com/a?b=1&c=2'],
    ]);
    expect(links('www.example.com/a&amp;')).to.deep.equal([['www.example.com/a', 'http://www.example.com/a']]);
  });

  it('takes precedence over emphasis inside the URL', () => {
    const el = oneShot('https://example.com/_a_b_ and *c*');
    expect([...el.querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['https://example.com/_a_b']);
    expect(el.querySelector('em')!.textContent).to.equal('c');
  });

  it('does not link what GFM does not: a domain with _ in its last segments, an address ending in a digit, inside words', () => {
    expect(links('www.exa_mple.com_x, a@b.c1, xhttps://example.com, abc.www.example.com')).to.deep.equal([]);
  });

  it('stays linear on a URL followed by a million dots', () => {
    const t = performance.now();
    expect(links(`https://example.com/a${'.'.repeat(1_000_000)}`)).to.have.length(1);
    expect(performance.now() - t).to.be.below(2000);
  });
});
