import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, data, hold, scripted } from '../support/script.js';

const chips = (el: AskStreamElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="citation"]')];
const SOURCES = [
  { title: 'Install guide', url: 'https://docs.example.com/install', snippet: 'Run npm i.' },
  { title: 'API', url: 'https://docs.example.com/api' },
];

describe('<ask-stream> citations and highlighting', () => {
  it('turns markers into chips when the metadata arrives after them, without re-rendering the answer text', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    const gate = hold();
    el.body = scripted(
      chunk('Install it with npm [1].\n\nThe API is typed [^2].\n\nDone [3].\n'),
      gate.step,
      data({ type: 'metadata', sources: SOURCES }),
      complete(),
    );
    const done = el.ask('How?');
    await waitUntil(() => el.response.includes('Done'), 'answer text');
    await el.updateComplete;
    const answer = el.shadowRoot!.querySelector('[part~="answer"]')!;
    expect(chips(el)).to.have.length(0);
    expect(answer.textContent).to.contain('[1]').and.contain('[^2]');
    const paragraphs = [...answer.querySelectorAll('p')];
    await gate.release();
    await done;
    await el.updateComplete;
    expect(chips(el).map((c) => [c.textContent, c.getAttribute('href')])).to.deep.equal([
      ['1', 'https://docs.example.com/install'],
      ['2', 'https://docs.example.com/api'],
    ]);
    expect(answer.textContent).to.contain('Done [3]'); // no source 3: the marker stays
    // The same paragraphs, updated in place.
    expect([...answer.querySelectorAll('p')].every((p, i) => p === paragraphs[i])).to.equal(true);
    // The chips number like the source cards.
    expect([...el.shadowRoot!.querySelectorAll('[part~="source"] .source-n')].map((n) => n.textContent)).to.deep.equal([
      '1',
      '2',
    ]);
  });

  it('shows a card with title, domain and snippet on keyboard focus', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    el.body = scripted(chunk('See [1].'), data({ type: 'metadata', sources: SOURCES }), complete());
    await el.ask('q');
    await el.updateComplete;
    const [chip] = chips(el);
    const card = el.shadowRoot!.getElementById(chip!.getAttribute('aria-describedby')!)!;
    expect(getComputedStyle(card).display).to.equal('none');
    chip!.focus();
    expect(getComputedStyle(card).display).to.equal('block');
    expect(card.textContent).to.contain('Install guide').and.contain('docs.example.com').and.contain('Run npm i.');
  });

  it('highlights fenced code with the highlighter property, or the class default; tokens render as text', async () => {
    const highlighter = (code: string, language: string) =>
      language === 'js'
        ? code.split(/(const)/).map((text) => (text === 'const' ? { text, className: 'keyword' } : { text }))
        : [{ text: code }];
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    el.highlighter = highlighter;
    el.body = scripted(chunk('```js\nconst a = "<b>";\n```\n'), complete());
    await el.ask('q');
    await el.updateComplete;
    const code = el.shadowRoot!.querySelector('pre code')!;
    expect(code.querySelector('.hl.keyword')!.textContent).to.equal('const');
    expect(code.textContent).to.equal('const a = "<b>";\n');
    expect(code.querySelector('b')?.outerHTML ?? null).to.equal(null);
    try {
      // Set after an answer rendered (a CDN script loading late): the code is rendered again with it.
      const other = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
      other.body = scripted(chunk('```js\nconst b = 1;\n```\n'), complete());
      await other.ask('q');
      await other.updateComplete;
      expect(other.shadowRoot!.querySelector('pre .hl')?.outerHTML ?? null).to.equal(null);
      AskStreamElement.defaultHighlighter = highlighter;
      await other.updateComplete;
      expect(other.shadowRoot!.querySelector('pre .hl.keyword')!.textContent).to.equal('const');
    } finally {
      AskStreamElement.defaultHighlighter = undefined;
    }
  });
});
