// Prism's core and its language components talk through a global `Prism`: the
// core reads its settings from one before it loads and then sets itself there,
// and each component registers its grammar on whatever `Prism` is global when
// it runs. This module, imported before the core, makes that global ours for
// exactly as long as Prism loads:
// - `manual: true`: the core must not highlight the page's own
//   `<code class="language-…">` elements after load (it would rewrite them
//   through `innerHTML`, which a Trusted Types policy refuses);
// - `disableWorkerMessageHandler: true`: in a Worker, the core would otherwise
//   answer every message posted to the worker (and `close()` it on request);
// - `restoreGlobalPrism()`, called once the components have run, puts back
//   whatever `Prism` the page had (or none), so a page's own Prism is untouched.
// It has side effects on purpose, so it is listed in package.json `sideEffects`.

const scope = globalThis as { Prism?: unknown };
const hadPrism = Object.prototype.hasOwnProperty.call(scope, 'Prism');
const pagePrism = scope.Prism;

scope.Prism = { manual: true, disableWorkerMessageHandler: true };

/** Puts back the global `Prism` that was there before Prism loaded (or removes it). */
export function restoreGlobalPrism(): void {
  if (hadPrism) scope.Prism = pagePrism;
  else delete scope.Prism;
}
