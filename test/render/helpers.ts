/** Shared helpers for the renderer tests. */
import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { IncrementalMarkdown, type MarkdownOptions } from '../../src/render/incremental-markdown.js';
import { mulberry32 } from '../../bench/fixtures/prng.js';

export const STRINGS = { copy: 'Copy', copied: 'Copied', copyLabel: 'Copy code', source: 'Source' };

/** Renders `template` into a fresh detached `<div>`. */
export function mount(template: unknown, into: HTMLElement = document.createElement('div')): HTMLElement {
  render(template, into);
  return into;
}

/** Markup without Lit's comment markers, for comparing two renders. */
export const markup = (el: Element): string => el.innerHTML.replace(/<!--[^]*?-->/g, '');

/** `src` rendered in one go, as a complete answer. */
export const oneShot = (src: string, options: MarkdownOptions = {}): HTMLElement =>
  mount(new IncrementalMarkdown(options).render(src, false));

/** `src` rendered in one go as an answer still streaming. */
export const streaming = (src: string, options: MarkdownOptions = {}): HTMLElement =>
  mount(new IncrementalMarkdown(options).render(src, true));

/** A deterministic PRNG: the benchmarks' mulberry32, so both draw the same numbers from a seed. */
export { mulberry32 as rng };

/** `src` cut into pieces of `min`..`max` characters (seeded). */
export function pieces(src: string, seed: number, min = 1, max = 7): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let at = 0; at < src.length;) {
    const next = Math.min(src.length, at + min + Math.floor(random() * (max - min + 1)));
    out.push(src.slice(at, next));
    at = next;
  }
  return out;
}

/**
 * Streams `src` through `md` in pieces of `min`..`max` characters (seeded),
 * committing each update into `container` like the element would, then renders
 * the final text. `each` sees every streaming update.
 */
export function stream(
  md: IncrementalMarkdown,
  src: string,
  seed: number,
  container: HTMLElement,
  {
    min = 1,
    max = 7,
    each,
    told = false,
  }: {
    min?: number;
    max?: number;
    each?: (prefix: string, t: TemplateResult) => void;
    /** Tell the renderer each piece (`append`), as the element does with chunks. */
    told?: boolean;
  } = {},
): HTMLElement {
  let prefix = '';
  for (const piece of pieces(src, seed, min, max)) {
    prefix += piece;
    if (told) md.append(piece);
    const t = md.render(prefix, true);
    render(t, container);
    each?.(prefix, t);
  }
  render(md.render(src, false), container);
  return container;
}

const ALLOWED = new Set(
  'DIV P H1 H2 H3 H4 H5 H6 STRONG EM DEL CODE PRE BUTTON A IMG UL OL LI BLOCKQUOTE TABLE THEAD TBODY TR TH TD HR BR SPAN'.split(
    ' ',
  ),
);

/** Fails if the output holds an element or attribute model text could have smuggled in. */
export function expectInert(el: Element): void {
  for (const node of el.querySelectorAll('*')) {
    expect(ALLOWED.has(node.tagName), node.tagName).to.equal(true);
    for (const attr of node.getAttributeNames()) expect(attr.startsWith('on'), attr).to.equal(false);
    if (node instanceof HTMLAnchorElement) expect(node.protocol).to.match(/^(https?|mailto):$/);
  }
}

/** Elements whose children must be elements of the given kinds (text in them would be misplaced). */
const CHILDREN: Record<string, string[]> = {
  UL: ['LI'],
  OL: ['LI'],
  TABLE: ['THEAD', 'TBODY'],
  THEAD: ['TR'],
  TBODY: ['TR'],
  TR: ['TH', 'TD'],
};

/**
 * Fails unless the output is well-formed: lists hold items and tables hold
 * rows and cells (no stray text or cursor in them), no link inside a link or
 * paragraph inside a paragraph, and `cursors` cursors.
 */
export function expectWellFormed(el: Element, cursors: number, label = ''): void {
  expectInert(el);
  for (const [tag, kinds] of Object.entries(CHILDREN)) {
    for (const parent of el.querySelectorAll(tag)) {
      for (const child of parent.childNodes) {
        if (child.nodeType === Node.ELEMENT_NODE)
          expect(kinds, `${label}: <${(child as Element).tagName}> in <${tag}>`).to.include((child as Element).tagName);
        if (child.nodeType === Node.TEXT_NODE)
          expect(child.textContent!.trim(), `${label}: text in <${tag}>`).to.equal('');
      }
    }
  }
  expect(el.querySelectorAll('a a, p p'), `${label}: nesting`).to.have.length(0);
  expect(el.querySelectorAll('.cursor'), `${label}: cursors`).to.have.length(cursors);
}
