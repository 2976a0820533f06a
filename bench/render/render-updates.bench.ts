/**
 * Renderer benchmark: a 200 KB Markdown answer streamed through
 * `IncrementalMarkdown` in 4,000 updates, each committed with Lit into a
 * 600 px scroll box styled with `markdownStyles`, with style, layout and a
 * scroll to the bottom forced after each (what the element does per frame).
 * Prints the total, the median update early (400–800) and late (3,600–4,000)
 * and the worst one, then the time to relayout the finished answer after a
 * width change; and the time of the 4,000 `render()` calls alone. Three variants of `content-visibility: auto`: on full pages
 * (as shipped), on every finished block, and nowhere.
 *
 * Not part of the test suite (timings on a shared machine are not pass/fail
 * material; the suite proves the cost model with counters instead). Run it with
 *
 *   npx wtr --files bench/render/render-updates.bench.ts
 *
 * The test runner serves Lit in development mode, which is slower than the
 * production build the CDN bundle ships.
 */
import { render } from 'lit';
import { IncrementalMarkdown } from '../../src/render/incremental-markdown.js';
import { markdownStyles } from '../../src/render/markdown.styles.js';
import { CORPUS } from '../../test/render/markdown-corpus.js';

const SIZE = 200_000;
const UPDATES = 4000;

/** The corpus documents (without the open fence, which would swallow the rest) repeated up to `SIZE`. */
function answer(): string {
  const docs = Object.entries(CORPUS)
    .filter(([name]) => name !== 'unclosedFence')
    .map(([, doc]) => doc.trim());
  let out = '';
  for (let i = 0; out.length < SIZE; i++) out += `## Part ${i}\n\n${docs[i % docs.length]}\n\n`;
  return out.slice(0, SIZE);
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

function run(src: string, css: string): string {
  const host = document.createElement('div');
  const container = document.createElement('div');
  container.style.cssText = 'height: 600px; width: 700px; overflow: auto';
  const root = host.attachShadow({ mode: 'open' });
  root.append(container);
  const extra = new CSSStyleSheet();
  extra.replaceSync(css);
  root.adoptedStyleSheets = [markdownStyles.styleSheet!, extra];
  document.body.append(host);
  const md = new IncrementalMarkdown();
  const times: number[] = [];
  for (let i = 1; i <= UPDATES; i++) {
    const t0 = performance.now();
    render(md.render(src.slice(0, Math.round((i * src.length) / UPDATES)), i < UPDATES), container);
    void container.offsetHeight; // style and layout
    container.scrollTop = container.scrollHeight;
    times.push(performance.now() - t0);
  }
  const resizes: number[] = [];
  for (let w = 1; w <= 10; w++) {
    const t0 = performance.now();
    container.style.width = `${700 - w * 10}px`;
    void container.scrollHeight;
    resizes.push(performance.now() - t0);
  }
  host.remove();
  const total = times.reduce((x, y) => x + y, 0);
  return (
    `total ${total.toFixed(0)} ms, median early ${median(times.slice(400, 800)).toFixed(2)} ms, ` +
    `late ${median(times.slice(3600)).toFixed(2)} ms, worst ${Math.max(...times).toFixed(1)} ms; ` +
    `width change ${median(resizes).toFixed(1)} ms; ` +
    `${md.stats.parsedChars} chars tokenized, ${md.stats.blocksRendered} blocks templated`
  );
}

const VARIANTS: [name: string, css: string][] = [
  ['as shipped (full pages)', ''],
  [
    'every finished block',
    '.md-page:not(:last-child){content-visibility:visible}.md-block:not(:last-child){content-visibility:auto;contain-intrinsic-size:auto 2em}',
  ],
  ['nowhere', '.md-page:not(:last-child){content-visibility:visible}'],
];

describe(`benchmark: ${SIZE / 1000} KB answer in ${UPDATES} updates`, () => {
  const src = answer();

  before(function () {
    this.timeout(600_000);
    run(src.slice(0, SIZE / 5), ''); // warm up the JIT, so the first variant is not penalized
  });

  it('render() alone: tokenizing and templating, no commit', function () {
    this.timeout(600_000);
    const md = new IncrementalMarkdown();
    const t0 = performance.now();
    for (let i = 1; i <= UPDATES; i++) md.render(src.slice(0, Math.round((i * src.length) / UPDATES)), i < UPDATES);
    console.log(`render() alone: total ${(performance.now() - t0).toFixed(0)} ms`);
  });

  for (const [name, css] of VARIANTS) {
    it(`content-visibility ${name}`, function () {
      this.timeout(600_000);
      console.log(`content-visibility ${name}: ${run(src, css)}`);
    });
  }
});
