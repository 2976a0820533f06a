import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, data, hold, scripted, type Step } from '../support/script.js';

// axe-core (through chai-a11y-axe) over the whole widget, shadow root included,
// in every state a visitor meets, in both themes.

const ANSWER = [
  chunk('## Setup\n\nInstall it with **npm** and add one tag:\n\n'),
  chunk('```html\n<ask-stream></ask-stream>\n```\n\n'),
  chunk('- Works in any framework\n- Accessible\n\n| prop | default |\n|---|---|\n| theme | auto |\n\n'),
  chunk('See [the docs](https://example.com/docs).'),
];
const SOURCES = data({
  type: 'metadata',
  confidence: 0.82,
  sources: [{ title: 'Guide', url: 'https://example.com/guide' }, 'https://example.com/api', 'Internal notes'],
});

const CITED = [
  chunk('Install it [1], then read the API [2].\n\n```js\nconst answer = "42"; // a comment\nlet n = 1;\n```\n'),
  data({
    type: 'metadata',
    sources: [
      { title: 'Install', url: 'https://example.com/install', snippet: 'Run npm i.' },
      { title: 'API', url: 'https://example.com/api' },
    ],
    suggestions: ['And the events?', 'How do I theme it?'],
  }),
  complete(),
];
// A highlighter with every token class the styles colour, to check their contrast.
const CLASSES = [
  'comment',
  'keyword',
  'string',
  'number',
  'function',
  'punctuation',
  'deleted',
  'inserted',
  'property',
];
const highlighter = (code: string) =>
  code.split(/(\s+)/).map((text, i) => (text.trim() ? { text, className: CLASSES[i % CLASSES.length] } : { text }));

const states: Array<[string, Step[], (el: AskStreamElement) => Promise<void>]> = [
  ['idle', [], async () => {}],
  [
    'idle with starter questions',
    [],
    async (el) => {
      el.suggestions = ['How do I install it?', 'Which events does it fire?'];
    },
  ],
  [
    'complete with citations, source cards, highlighted code and follow-ups',
    CITED,
    async (el) => {
      el.highlighter = highlighter;
      await el.ask('How do I set it up?');
    },
  ],
  [
    'a citation card open',
    CITED,
    async (el) => {
      await el.ask('How do I set it up?');
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLElement>('[part~="citation"]')!.focus();
    },
  ],
  [
    'rated down, with the reason form',
    CITED,
    async (el) => {
      await el.ask('How do I set it up?');
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLElement>('[part~="feedback-down"]')!.click();
    },
  ],
  [
    'popover mode, closed',
    [],
    async (el) => {
      el.mode = 'popover';
    },
  ],
  [
    'popover mode, open with an answer',
    CITED,
    async (el) => {
      el.mode = 'popover';
      el.open = true;
      await el.ask('How do I set it up?');
    },
  ],
  [
    'streaming',
    [...ANSWER.slice(0, 2), { hang: true }],
    async (el) => {
      void el.ask('How do I set it up?');
      await waitUntil(() => el.response.includes('```html'), 'streaming', { timeout: 5000 });
    },
  ],
  [
    'thinking (before the first chunk)',
    [{ hang: true }],
    async (el) => {
      void el.ask('How do I set it up?');
      await el.updateComplete;
    },
  ],
  ['complete with sources', [...ANSWER, SOURCES, complete()], (el) => el.ask('How do I set it up?')],
  // Ends without `complete`: INCOMPLETE, retryable.
  ['error with retry', [ANSWER[0]!], (el) => el.ask('How do I set it up?')],
  [
    'error without retry',
    [data({ type: 'error', message: 'Your question is too long.', code: 'BAD_REQUEST' })],
    (el) => el.ask('?'),
  ],
];

describe('<ask-stream> accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    describe(`${theme} theme`, () => {
      for (const [name, script, reach] of states) {
        it(`has no axe violations: ${name}`, async () => {
          const el = await fixture<AskStreamElement>(
            html`<ask-stream endpoint=${SSE_ENDPOINT} theme=${theme}></ask-stream>`,
          );
          el.body = scripted(...script);
          await reach(el);
          await el.updateComplete;
          if (name.startsWith('error with retry'))
            expect(el.shadowRoot!.querySelector('[part~="retry"]')).not.to.equal(null);
          if (name === 'complete with sources')
            expect(el.shadowRoot!.querySelectorAll('[part~="source"]')).to.have.length(3);
          await expect(el).to.be.accessible();
          el.cancel();
        });
      }
    });
  }

  it('marks the answer busy while it streams, and announces errors assertively', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    const rest = hold();
    // Then the stream ends without `complete`: an error.
    el.body = scripted(chunk('part'), rest.step);
    const done = el.ask('q');
    await waitUntil(() => el.response === 'part');
    await el.updateComplete;
    const answer = el.shadowRoot!.querySelector('[part~="answer"]')!;
    expect(answer.getAttribute('aria-busy')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part~="transcript"]')!.getAttribute('role')).to.equal('log');
    await rest.release();
    await done;
    await el.updateComplete;
    expect(answer.getAttribute('aria-busy')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[part~="error"]')!.getAttribute('role')).to.equal('alert');
  });

  it('every control is a real, named button', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    el.body = scripted(chunk('```js\nx\n```\n'));
    await el.ask('q');
    await el.updateComplete;
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons.length).to.be.greaterThan(2);
    for (const b of buttons) {
      const name = b.getAttribute('aria-label') ?? b.textContent!.trim();
      expect(name, b.outerHTML).not.to.equal('');
      expect(b.type, b.outerHTML).to.be.oneOf(['button', 'submit']);
    }
  });
});
