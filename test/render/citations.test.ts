import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { IncrementalMarkdown } from '../../src/render/incremental-markdown.js';
import { mount } from './helpers.js';

const SOURCES = [
  {
    title: 'MDN: Server-sent events',
    url: 'https://www.developer.mozilla.org/docs/sse',
    snippet: 'Servers push text.',
  },
  'https://html.spec.whatwg.org/multipage/server-sent-events.html',
  { title: 'An internal note' },
];

describe('citations', () => {
  it('renders [n] and [^n] as chips of source n, linking to it, with a card of its title, domain and snippet', () => {
    const md = new IncrementalMarkdown();
    md.setSources(SOURCES);
    const el = mount(md.render('Servers push [1], see the spec[^2] and the note [3]; [4] has no source.', false));
    const chips = [...el.querySelectorAll('[part="citation"]')];
    expect(chips.map((c) => [c.tagName, c.textContent, c.getAttribute('href')])).to.deep.equal([
      ['A', '1', 'https://www.developer.mozilla.org/docs/sse'],
      ['A', '2', 'https://html.spec.whatwg.org/multipage/server-sent-events.html'],
      ['SPAN', '3', null],
    ]);
    expect(chips[2]!.getAttribute('tabindex')).to.equal('0');
    const card = el.querySelector(`#${chips[0]!.getAttribute('aria-describedby')}`)!;
    expect(card.getAttribute('role')).to.equal('tooltip');
    expect([...card.children].map((c) => c.textContent)).to.deep.equal([
      'MDN: Server-sent events',
      'developer.mozilla.org',
      'Servers push text.',
    ]);
    expect(chips[0]!.getAttribute('aria-label')).to.equal('Source 1: MDN: Server-sent events');
    expect(el.textContent).to.contain('[4] has no source');
  });

  it('turns markers that arrived before the sources into chips, touching nothing else', () => {
    const md = new IncrementalMarkdown();
    const el = document.createElement('div');
    const src = 'First block cites [1].\n\nSecond block cites [^2] and `[1]` in code.\n\nStill streaming';
    render(md.render(src, true), el);
    expect(el.querySelector('[part="citation"]')?.outerHTML ?? null).to.equal(null);
    const observer = new MutationObserver(() => {});
    observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    md.setSources(SOURCES);
    const records = observer.takeRecords();
    observer.disconnect();
    expect(el.querySelectorAll('[part="citation"]')).to.have.length(2);
    expect(el.querySelector('code')!.textContent).to.equal('[1]');
    // Only the markers changed: every mutation is the swap of a marker for its chip.
    for (const r of records) {
      expect(r.type).to.equal('childList');
      for (const n of [...r.addedNodes, ...r.removedNodes]) {
        const isChip = n instanceof Element && n.classList.contains('citation');
        expect(
          isChip || /^\[\^?\d\]$/.test(n.textContent ?? '') || n.nodeType === Node.COMMENT_NODE,
          n.textContent ?? '',
        ).to.equal(true);
      }
    }
  });

  it('leaves markers in link text and references with a definition alone', () => {
    const md = new IncrementalMarkdown();
    md.setSources(SOURCES);
    let el = mount(md.render('[see [1]](https://example.com)', false));
    expect(el.querySelector('[part="citation"]')?.outerHTML ?? null).to.equal(null);
    expect(el.querySelector('a')!.textContent).to.equal('see [1]');
    const defined = new IncrementalMarkdown();
    defined.setSources(SOURCES);
    el = mount(defined.render('As shown [1].\n\n[1]: https://defined.example\n', false));
    expect(el.querySelector('[part="citation"]')?.outerHTML ?? null).to.equal(null);
    expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://defined.example/');
  });
});
