import { expect, waitUntil } from '@open-wc/testing';
import type { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, scripted } from '../support/script.js';

// The widget in pages of phone to desktop widths, in the three layouts pages
// put it in, with an answer as wide as answers get: a 300-character code line
// and an eight-column table. It must never be wider than its container, nor
// widen the page: code and tables scroll inside their own box. Pages often
// wrap it in a card or section of their own, which a grid or flex container
// sizes by its content: so the widget's own minimum width must be small too.

const WIDTHS = [320, 375, 768, 1280];
const LAYOUTS: Record<string, string> = {
  block: 'display:block',
  'grid 1fr': 'display:grid;grid-template-columns:1fr',
  flex: 'display:flex',
  'grid 1fr, in a section': 'display:grid;grid-template-columns:1fr',
  'flex, in a section': 'display:flex',
};

const LONG_LINE =
  `const configuration = { ${Array.from({ length: 20 }, (_, i) => `option${i}: true`).join(', ')} };`.padEnd(300, ' ');
const TABLE = `| Plan | Seats | Storage | Support | Analytics | Enterprise | Region | Price |
|---|---|---|---|---|---|---|---|
| Professional | Unlimited | Encrypted | Priority | Dashboards | Included | Frankfurt | $1,000 |
| Starter | Five | Standard | Community | Basic | Optional | Virginia | $20 |
`;
const ANSWER = `Here is the configuration:\n\n\`\`\`js\n${LONG_LINE}\n\`\`\`\n\nShort one:\n\n\`\`\`sh\nnpm i\n\`\`\`\n\n${TABLE}`;

async function page(
  width: number,
  layout: string,
  wrapped: boolean,
): Promise<{ frame: HTMLIFrameElement; el: AskStreamElement }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width:${width}px;height:700px;border:0`;
  const widget = `<ask-stream endpoint="${SSE_ENDPOINT}"></ask-stream>`;
  frame.srcdoc = `<!doctype html><meta charset="utf-8"><style>body{margin:0}#box{${layout}}</style>
    <div id="box">${wrapped ? `<section>${widget}</section>` : widget}</div>
    <script type="module" src="/test/element/fixtures/layout-page.ts"></script>`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  await waitUntil(() => win.customElements.get('ask-stream'), 'defined', { timeout: 10_000 });
  const el = win.document.querySelector('ask-stream') as AskStreamElement;
  await el.updateComplete;
  el.body = scripted(chunk(ANSWER), complete());
  await el.ask('Show me the config');
  await el.updateComplete;
  return { frame, el };
}

const intersects = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('<ask-stream> fits any layout', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  for (const width of WIDTHS) {
    for (const [name, layout] of Object.entries(LAYOUTS)) {
      it(`${width} px, ${name}: no wider than its container, no page scrollbar; code and table scroll inside`, async () => {
        const { frame, el } = await page(width, layout, name.endsWith('in a section'));
        const doc = frame.contentDocument!;
        const box = doc.getElementById('box')!;
        expect(el.getBoundingClientRect().width, 'element width').to.be.at.most(box.clientWidth + 0.5);
        expect(doc.documentElement.scrollWidth, 'page scroll width').to.be.at.most(width);
        const root = el.shadowRoot!;
        const [wide] = root.querySelectorAll('pre');
        const table = root.querySelector('.md-table')!;
        if (width < 1280) {
          expect(wide!.scrollWidth, 'the long line scrolls in its box').to.be.greaterThan(wide!.clientWidth);
          expect(table.scrollWidth, 'the table scrolls in its box').to.be.greaterThan(table.clientWidth);
        }
        // Table cells break between words, never inside one.
        for (const cell of root.querySelectorAll('td, th')) {
          const text = cell.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) continue;
          for (const m of text.textContent!.matchAll(/\S+/g)) {
            const range = doc.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            expect(range.getClientRects().length, `"${m[0]}" on one line`).to.equal(1);
          }
        }
        // The copy button sits in the header row, never over the code.
        for (const code of root.querySelectorAll('[part~="code"]')) {
          const range = doc.createRange();
          range.selectNodeContents(code.querySelector('code')!);
          const button = code.querySelector('[part~="copy"]')!.getBoundingClientRect();
          for (const line of range.getClientRects())
            expect(intersects(button, line), 'copy button over code').to.equal(false);
        }
      });
    }
  }
});
