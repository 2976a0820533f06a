// @types/markdown-it does not describe the inline rule modules; the two the renderer wraps.
declare module 'markdown-it/lib/rules_inline/emphasis.mjs' {
  import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
  const rule: { tokenize(state: StateInline, silent: boolean): boolean; postProcess(state: StateInline): void };
  export default rule;
}
declare module 'markdown-it/lib/rules_inline/strikethrough.mjs' {
  import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
  const rule: { tokenize(state: StateInline, silent: boolean): boolean; postProcess(state: StateInline): void };
  export default rule;
}
