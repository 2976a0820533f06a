import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, data, scripted } from '../support/script.js';

// Every documented design token, set on an ANCESTOR of the widget (a rule on
// <body>, as a page would write it), must reach the shadow root: the defaults
// may not sit on :host under the public names, where they would beat inheritance.

/** Where inside the widget each token shows, and a value whose computed form is known. */
const PROBES: Record<string, { part: string; property: string; value: string; computed?: string }> = {
  '--ask-stream-accent': { part: 'send', property: 'background-color', value: 'rgb(1, 2, 3)' },
  '--ask-stream-on-accent': { part: 'send', property: 'color', value: 'rgb(4, 5, 6)' },
  '--ask-stream-background': { part: 'base', property: 'background-color', value: 'rgb(7, 8, 9)' },
  '--ask-stream-foreground': { part: 'question', property: 'color', value: 'rgb(10, 11, 12)' },
  '--ask-stream-muted': { part: 'sources', property: 'color', value: 'rgb(13, 14, 15)' },
  '--ask-stream-border': { part: 'base', property: 'border-top-color', value: 'rgb(16, 17, 18)' },
  '--ask-stream-danger': { part: 'error', property: 'color', value: 'rgb(19, 20, 21)' },
  '--ask-stream-code-background': { part: 'code', property: 'background-color', value: 'rgb(22, 23, 24)' },
  '--ask-stream-question-background': { part: 'question', property: 'background-color', value: 'rgb(25, 26, 27)' },
  '--ask-stream-radius': { part: 'base', property: 'border-top-left-radius', value: '7px' },
  '--ask-stream-font': { part: 'base', property: 'font-family', value: 'serif' },
  '--ask-stream-font-mono': { part: 'code code', property: 'font-family', value: 'fantasy' },
  '--ask-stream-font-size': { part: 'base', property: 'font-size', value: '21px' },
  '--ask-stream-spacing': { part: 'base', property: 'padding-top', value: '13px' },
  '--ask-stream-max-height': { part: 'transcript', property: 'max-height', value: '111px' },
};

/** The tokens the element documents, from the manifest the build generates from its JSDoc. */
async function documentedTokens(): Promise<Array<{ name: string; default?: string }>> {
  const response = await fetch('/custom-elements.json');
  expect(response.ok, 'custom-elements.json exists (npm test builds it first)').to.equal(true);
  const manifest = (await response.json()) as {
    modules: Array<{ declarations?: Array<{ tagName?: string; cssProperties?: Array<{ name: string }> }> }>;
  };
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'ask-stream');
  return element!.cssProperties!;
}

/** A widget showing every probed part: an answer with code, sources and confidence, then a failed ask. */
async function everyPart(): Promise<AskStreamElement> {
  const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT} theme="light"></ask-stream>`);
  el.body = scripted(
    chunk('Text, then code:\n\n```js\nlet a = 1;\n```\n'),
    data({ type: 'metadata', confidence: 0.9, sources: ['https://example.com/a'] }),
    complete(),
  );
  await el.ask('First?');
  el.body = scripted(data({ type: 'error', message: 'Overloaded' }));
  await el.ask('Second?');
  await el.updateComplete;
  return el;
}

function probe(el: AskStreamElement, token: string): string {
  const { part, property } = PROBES[token]!;
  const [name, ...inner] = part.split(' ');
  let node: Element | null = el.shadowRoot!.querySelector(`[part~="${name}"]`);
  if (node && inner.length) node = node.querySelector(inner.join(' '));
  expect(node, `${token}: [part~="${part}"] is rendered`).to.not.equal(null);
  return getComputedStyle(node!).getPropertyValue(property);
}

describe('design tokens', () => {
  let sheet: HTMLStyleElement | undefined;
  afterEach(() => sheet?.remove());

  it('every documented token has a probe here, and every probe is a documented token', async () => {
    const documented = (await documentedTokens()).map((t) => t.name).sort();
    expect(documented).to.deep.equal(Object.keys(PROBES).sort());
  });

  for (const [token, { value, computed }] of Object.entries(PROBES)) {
    it(`${token} set on <body> applies inside the shadow root`, async () => {
      const el = await everyPart();
      const before = probe(el, token);
      expect(before, 'the probe value differs from the default').to.not.equal(computed ?? value);
      sheet = document.createElement('style');
      sheet.textContent = `body { ${token}: ${value}; }`;
      document.head.append(sheet);
      expect(probe(el, token)).to.equal(computed ?? value);
      sheet.remove();
      expect(probe(el, token), 'back to the default once removed').to.equal(before);
    });
  }

  it('without tokens, the defaults apply (light theme)', async () => {
    const el = await everyPart();
    expect(probe(el, '--ask-stream-accent')).to.equal('rgb(5, 80, 174)'); // #0550ae
    expect(probe(el, '--ask-stream-code-background')).to.equal('rgb(246, 248, 250)'); // #f6f8fa
    expect(probe(el, '--ask-stream-radius')).to.equal('10px');
    expect(probe(el, '--ask-stream-spacing')).to.equal('12px'); // 0.75rem
  });
});
