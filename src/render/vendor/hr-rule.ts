/**
 * markdown-it's `hr` block rule (lib/rules_block/hr.mjs, MIT,
 * https://github.com/markdown-it/markdown-it), copied with one change: the
 * token's markup is built with `repeat`, not `Array(n + 1).join()`, which
 * took 31 ms for a line of a million `-` on every parse of it (a looping model
 * sends such lines). Swapped in by the builds (scripts/markdown-it-aliases.mjs).
 */
import { isSpace } from 'markdown-it/lib/common/utils.mjs';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

export default function hr(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const max = state.eMarks[startLine]!;
  // Indented more than 3 spaces, it is a code block.
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  const marker = state.src.charCodeAt(pos++);
  if (marker !== 0x2a /* * */ && marker !== 0x2d /* - */ && marker !== 0x5f /* _ */) return false;
  // Markers can be mixed with spaces, but there must be at least 3 of them.
  let cnt = 1;
  while (pos < max) {
    const ch = state.src.charCodeAt(pos++);
    if (ch !== marker && !isSpace(ch)) return false;
    if (ch === marker) cnt++;
  }
  if (cnt < 3) return false;
  if (silent) return true;
  state.line = startLine + 1;
  const token = state.push('hr', 'hr', 0);
  token.map = [startLine, state.line];
  token.markup = String.fromCharCode(marker).repeat(cnt);
  return true;
}
