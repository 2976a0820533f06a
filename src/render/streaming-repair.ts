/**
 * What the open end of an answer should look like while it still streams.
 *
 * The parser renders a prefix exactly as CommonMark says: `Some **bol` has no
 * bold in it, `Text\n-` is a heading, `[the docs](https://exa` is plain text.
 * Shown as is, an answer would flicker between raw markers and formatting
 * with every chunk. So the text parsed for display (never the answer itself)
 * is completed optimistically: unclosed emphasis, strikethrough and code are
 * closed, a link whose destination is still arriving shows its text, and
 * markers with nothing after them yet are held back. Once the answer is
 * complete (or stops) the real text is rendered as it is, so this only ever
 * affects the frames in between.
 *
 * The scan covers the last paragraph only and is linear in it.
 */

/** A last, unterminated line with nothing but block markers in it (`- `, `1.`, `##`, `>`, `---`, a fence or table start). */
const MARKERS_ONLY = /^[ \t>]*(?:[-+*]|\d{1,9}[.)])?[ \t]*[#=\-*_`~|:]*[ \t]*$/;
/** A code fence line (opening or closing). */
const FENCE_LINE = /^[ \t>]*(?:`{3,}|~{3,})/;
/** The start of a table's delimiter row (`|--`, `| :-`). */
const DELIMITER_ROW_START = /^[ \t]*\|?[ \t]*:?-[-:| \t]*$/;
/** A line that starts a new inline context (list item, heading, table row, quote). */
const NEW_CONTEXT = /^[ \t>]*(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\|)/;
/** An image whose destination is still arriving: shown as nothing yet. */
const OPEN_IMAGE = /!\[[^[\]]*\]\([^()\s]*(?:\s+"[^"]*)?$/;
/** A link whose destination is still arriving: shown as its text. */
const OPEN_LINK = /\[([^[\]]*)\]\([^()\s]*(?:\s+"[^"]*)?$/;
/** A link text still arriving (`[the do`): shown without its bracket. */
const OPEN_LABEL = /(^|[^\\!])\[([^[\]]*)$/;
/** Delimiters typed with nothing after them yet. */
const TRAILING_DELIMITERS = /(?:[*_~`]+|!?\[|!)$/;

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

interface Opener {
  marker: string;
  length: number;
}

/**
 * The closers that unclosed emphasis (`*`, `_`, `**`, `__`), strikethrough
 * (`~~`) and code spans at the end of `text` need, innermost first. An
 * approximation of CommonMark's delimiter rules (flanking, intraword `_`),
 * good enough for a frame that the final rendering will replace.
 */
export function closersFor(text: string): string {
  const stack: Opener[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      i++;
      if (NEW_CONTEXT.test(text.slice(i, i + 16))) stack.length = 0;
      continue;
    }
    if (c !== '*' && c !== '_' && c !== '~' && c !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (text[j] === c) j++;
    const length = j - i;
    if (c === '`') {
      // A code span: its content is not Markdown. Unclosed, it needs its run repeated.
      const close = text.indexOf('`'.repeat(length), j);
      let k = close;
      while (k !== -1 && (text[k - 1] === '`' || text[k + length] === '`')) k = text.indexOf('`'.repeat(length), k + 1);
      if (k === -1) return '`'.repeat(length) + closeAll(stack);
      i = k + length;
      continue;
    }
    const before = text[i - 1];
    const after = text[j];
    const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    // Inside a word a delimiter opens nothing here, `*` included: `2*3` is
    // arithmetic far more often than the start of emphasis, and a wrong guess
    // would italicize the rest of the paragraph until the answer ends.
    const canOpen = left && (!right || isPunct(before));
    const canClose = c === '_' ? right && (!left || isPunct(after)) : right;
    const marker = c === '~' ? (length === 2 ? '~~' : '') : c;
    if (marker) {
      let matched = false;
      if (canClose) {
        for (let s = stack.length; s--;) {
          if (stack[s]!.marker === marker) {
            stack.length = s;
            matched = true;
            break;
          }
        }
      }
      if (!matched && canOpen) {
        stack.push({ marker, length: marker === '~~' ? 2 : Math.min(length, 3) });
        // More openers than an answer ever leaves open: a looping model or a
        // hostile upstream. Closing them would make every run of the paragraph
        // markup to pair (100,000 tokens for 50,000 `*`, on every frame), so
        // the frame shows the text as it is, as the final rendering will.
        if (stack.length > 4 * MAX_CLOSERS) return '';
      }
    }
    i = j;
  }
  return closeAll(stack);
}

/**
 * At most this many open delimiters are closed for display. An answer has one
 * or two; 50,000 unclosed `*` would otherwise become 50,000 nested elements
 * to parse and render on every frame, for a picture that is wrong anyway.
 */
const MAX_CLOSERS = 8;

const closeAll = (stack: Opener[]) =>
  stack
    .slice(-MAX_CLOSERS)
    .map((o) => (o.marker === '~~' ? '~~' : o.marker.repeat(o.length)))
    .reverse()
    .join('');

/** The cells of a table row (pipes at the ends are optional; `\\|` is not a separator). */
function cellCount(row: string): number {
  const cells = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/);
  return Math.max(1, cells.length);
}

/**
 * `open` (the part of the answer not yet finished, line endings normalized)
 * as it should be parsed for display while streaming. `inCode`: the last block
 * is a code block or raw HTML, whose text is shown as is.
 */
export function repairForStreaming(open: string, inCode: boolean): string {
  const lineStart = open.lastIndexOf('\n') + 1;
  let last = open.slice(lineStart);
  let head = open.slice(0, lineStart);
  // A fence line still being typed: an opening one would show an empty block
  // (or a language half named), a closing one nothing at all.
  if (inCode) return FENCE_LINE.test(last) ? head : open;
  // (Only a short line: a long one is content, and the tests would cost a scan of it every frame.)
  if (last.length <= 256 && MARKERS_ONLY.test(last)) {
    // A table's header row is shown as a table as soon as its delimiter row begins.
    const header = head.slice(head.lastIndexOf('\n', head.length - 2) + 1, -1);
    if (DELIMITER_ROW_START.test(last) && header.includes('|')) return `${head}|${' --- |'.repeat(cellCount(header))}`;
    return head;
  }
  if (OPEN_IMAGE.test(last)) last = last.replace(OPEN_IMAGE, '');
  else if (OPEN_LINK.test(last)) last = last.replace(OPEN_LINK, '$1');
  else if (OPEN_LABEL.test(last)) last = last.replace(OPEN_LABEL, '$1$2');
  last = last.replace(TRAILING_DELIMITERS, '').trimEnd();
  // The paragraph the closers apply to starts after the last blank line.
  const paragraphStart = head.lastIndexOf('\n\n') + 1;
  const closers = closersFor(head.slice(paragraphStart) + last);
  head += last;
  return closers ? head + closers : head;
}
