import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { suggestionsOf } from '../../src/element/suggestions-view.js';
import { SSE_ENDPOINT, chunk, complete, data, scripted } from '../support/script.js';

const buttons = (el: AskStreamElement) => [
  ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]'),
];

describe('suggestions', () => {
  it('shows starter questions while the transcript is empty; activating one asks it', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    expect(buttons(el)).to.have.length(0);
    el.suggestions = ['How do I install it?', 'Which events does it fire?'];
    await el.updateComplete;
    expect(buttons(el).map((b) => b.textContent)).to.deep.equal(['How do I install it?', 'Which events does it fire?']);
    expect(el.shadowRoot!.querySelector('.suggestions')!.getAttribute('aria-label')).to.equal('Suggested questions');
    el.body = scripted(chunk('With npm.'), complete());
    buttons(el)[0]!.click();
    await el.updateComplete;
    expect(el.query).to.equal('How do I install it?');
    expect(buttons(el)).to.have.length(0); // the conversation has started
  });

  it("shows the latest answer's follow-up questions from its metadata; activating one asks it", async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    el.body = scripted(
      chunk('A.'),
      data({ type: 'metadata', suggestions: ['And then?', 42, '  ', 'Why?'] }),
      complete(),
    );
    await el.ask('First?');
    await el.updateComplete;
    expect(buttons(el).map((b) => b.textContent)).to.deep.equal(['And then?', 'Why?']);
    el.body = scripted(chunk('B.'), complete());
    const asked = el.updateComplete;
    buttons(el)[1]!.click();
    await asked;
    await el.updateComplete;
    expect(el.exchanges.map((e) => e.query)).to.deep.equal(['First?', 'Why?']);
    // Only under the latest answer.
    expect(buttons(el)).to.have.length(0);
  });

  it('keeps only strings, trimmed, non-empty, at most six', () => {
    expect(suggestionsOf(['a', ' b ', '', 3, null, 'c', 'd', 'e', 'f', 'g'])).to.deep.equal([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(suggestionsOf('not a list')).to.deep.equal([]);
  });
});
