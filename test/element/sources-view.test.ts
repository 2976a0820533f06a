import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { confidencePercent } from '../../src/element/sources-view.js';
import { SSE_ENDPOINT, complete, data, scripted } from '../support/script.js';

async function answered(confidence: number): Promise<AskStreamElement> {
  const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
  el.body = scripted(data({ type: 'metadata', confidence, sources: ['https://example.com/a'] }), complete());
  await el.ask('How sure?');
  await el.updateComplete;
  return el;
}

/** The filled part of the confidence bar as a share of its track, as laid out. */
function filled(el: AskStreamElement): number {
  const track = el.shadowRoot!.querySelector('[part~="confidence"] .confidence-bar')!;
  const fill = track.firstElementChild!;
  return fill.getBoundingClientRect().width / track.getBoundingClientRect().width;
}

describe('sources view: confidence', () => {
  it('reads a fraction or a percentage, and nothing else', () => {
    expect([0.87, 87, 0, 1, 100].map(confidencePercent)).to.deep.equal([87, 87, 0, 100, 100]);
    expect([-1, 101, NaN, Infinity, '90', null].map(confidencePercent)).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  for (const [confidence, label, share] of [
    [0.9, '90%', 0.9],
    [0.42, '42%', 0.42],
    [3, '3%', 0.03],
  ] as const) {
    it(`draws ${label} as ${label} of the bar, matching its label`, async () => {
      const el = await answered(confidence);
      const part = el.shadowRoot!.querySelector('[part~="confidence"]')!;
      expect(part.querySelector('.confidence-value')!.textContent).to.equal(label);
      expect(filled(el)).to.be.closeTo(share, 0.01);
    });
  }
});
