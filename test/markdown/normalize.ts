/**
 * Rendered Markdown → what a reader sees, as a string, so the widget's DOM and
 * the reference's (micromark + GFM, as HTML) can be compared. Runs in the
 * browser, on live DOM. The rules, and why each is there:
 *
 * - Structure is kept: paragraphs, headings (level), lists (kind, start
 *   number), items, quotes, code blocks, inline code, emphasis, strong,
 *   strikethrough, links (their URL), images, tables (cells, header or body,
 *   alignment), rules and hard breaks. Tight and loose lists differ (a loose
 *   item's text is in paragraphs), as they do on screen.
 * - The widget's own wrappers (`div`, `span`), its controls (the copy button,
 *   the code header with the language) and the streaming cursor are not
 *   content: wrappers are unwrapped, controls dropped.
 * - Attributes other than those above are dropped (classes, `dir`, `scope`,
 *   `target`, `rel`, `title`). Table alignment is read from `align` (the
 *   reference) or `data-align` (the widget, which writes no `style`).
 * - Links and images follow the widget's safety rules on both sides: a link
 *   whose URL is not an absolute http(s) or mailto URL reads as its text, and
 *   an image whose URL is not absolute http(s) reads as its alt text. URLs are
 *   compared after the URL parser has normalized them.
 * - Raw HTML shows as its text on both sides (the reference escapes it); the
 *   widget keeps an HTML block's lines in a `p.md-html`, which is unwrapped.
 * - A task box is `☐`/`☑`, whether an `<input type=checkbox>` or the
 *   widget's character.
 * - Whitespace is compared as a reader sees it: outside code blocks a run of
 *   white space is one space, and none at the edges of a block; inside a code
 *   block it is kept exactly, except the final newline, which shows nothing.
 */

const KEEP = new Set(
  'P H1 H2 H3 H4 H5 H6 UL OL LI BLOCKQUOTE PRE CODE EM STRONG DEL S A IMG TABLE THEAD TBODY TR TH TD HR BR'.split(' '),
);
const BLOCK = new Set('P H1 H2 H3 H4 H5 H6 UL OL LI BLOCKQUOTE PRE TABLE THEAD TBODY TR TH TD HR'.split(' '));
const DROP = '[part~="code-header"], button, .cursor, script, style, template';

function safeUrl(raw: string | null, schemes: RegExp): string | null {
  try {
    const url = new URL(raw ?? '');
    return schemes.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** `root`'s content as a reader sees it. */
export function normalizeMarkdown(root: Node): string {
  const out: string[] = [];
  const walk = (node: Node, pre: boolean): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        // Escaped, so text that looks like markup never reads as an element.
        const text = (child.textContent ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
        out.push(pre ? text : text.replace(/\s+/g, ' '));
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = child as Element;
      if (el.matches(DROP)) continue;
      const tag = el.tagName === 'S' ? 'DEL' : el.tagName;
      if (tag === 'INPUT') {
        if (el.getAttribute('type') === 'checkbox') out.push(el.hasAttribute('checked') ? '☑' : '☐');
        continue;
      }
      if (tag === 'A') {
        const href = safeUrl(el.getAttribute('href'), /^(https?|mailto):$/);
        if (!href) {
          walk(el, pre);
          continue;
        }
        out.push(`<a href="${href}">`);
        walk(el, pre);
        out.push('</a>');
        continue;
      }
      if (tag === 'IMG') {
        const src = safeUrl(el.getAttribute('src'), /^https?:$/);
        out.push(src ? `<img src="${src}" alt="${el.getAttribute('alt') ?? ''}">` : (el.getAttribute('alt') ?? ''));
        continue;
      }
      if (!KEEP.has(tag) || el.classList.contains('md-html')) {
        walk(el, pre);
        continue;
      }
      let attrs = '';
      if (tag === 'OL') {
        const start = el.getAttribute('start');
        if (start !== null && Number(start) !== 1) attrs = ` start="${Number(start)}"`;
      }
      if (tag === 'TH' || tag === 'TD') {
        const align = el.getAttribute('align') ?? el.getAttribute('data-align');
        if (align) attrs = ` align="${align}"`;
      }
      out.push(`<${tag.toLowerCase()}${attrs}>`);
      if (tag === 'PRE') {
        const start = out.length;
        walk(el, true);
        // The final newline of a code block shows nothing.
        const text = out
          .splice(start)
          .join('')
          .replace(/\n(<\/code>)?$/, '$1');
        out.push(text);
      } else walk(el, pre);
      out.push(`</${tag.toLowerCase()}>`);
    }
  };
  walk(root, false);
  // Space at the edges of blocks shows nothing; nor does space between them.
  const tags = [...BLOCK].map((t) => t.toLowerCase()).join('|');
  return out
    .join('')
    .replace(new RegExp(`\\s*(</?(?:${tags}|br)(?: [^>]*)?>)\\s*`, 'g'), '$1')
    .trim();
}
