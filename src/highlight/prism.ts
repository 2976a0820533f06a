// Prism (npm `prismjs`, MIT), loaded with the grammars answers use most, as a
// private instance: nothing of it stays global and it never touches the DOM.
//
// Why Prism, and why this way (sizes: minified, gzip -9):
// - `Prism.tokenize` returns tokens, not HTML, so the renderer shows text only.
//   Prism is well kept (1.30.0 fixed the DOM-clobbering CVE-2024-53382 in the
//   very code that runs when its core loads) and small: the core is 3.2 KB, the
//   thirteen languages of the issue 12 KB more, this whole entry 23.7 KB.
// - Its core and components are scripts that meet on a global `Prism` (see
//   prism-global.ts). Importing `prismjs/components/*` from an app's bundle would
//   share those module instances with any Prism the app loads itself: whichever
//   ran a component first owns that grammar, and the other instance silently
//   lacks it. So the npm build bundles this module with Prism inside
//   (scripts/build-highlight.mjs), as prism-react-renderer and refractor ship
//   their own copies for the same reason; `prismjs` is a devDependency only.
// - Not refractor (Prism → hast): its browser build decodes entities through
//   `innerHTML` (refused under Trusted Types) and it adds hastscript. Not the
//   `prism-esm` fork: little used, still on 1.29 (without that CVE fix). Not
//   highlight.js: it returns HTML. Not Shiki: Oniguruma WebAssembly, far larger.
//
// Load order matters: the global first, the core, then each component after
// the ones it needs (markup before css and javascript, which embed themselves
// in HTML; clike before the C family; javascript before typescript and jsx).
import { restoreGlobalPrism } from './prism-global.js';
import Prism from 'prismjs/components/prism-core.js';
import 'prismjs/components/prism-markup.js';
import 'prismjs/components/prism-css.js';
import 'prismjs/components/prism-clike.js';
import 'prismjs/components/prism-javascript.js';
import 'prismjs/components/prism-typescript.js';
import 'prismjs/components/prism-jsx.js';
import 'prismjs/components/prism-tsx.js';
import 'prismjs/components/prism-json.js';
import 'prismjs/components/prism-python.js';
import 'prismjs/components/prism-yaml.js';
import 'prismjs/components/prism-sql.js';
import 'prismjs/components/prism-go.js';
import 'prismjs/components/prism-rust.js';
import 'prismjs/components/prism-java.js';
import 'prismjs/components/prism-diff.js';
import 'prismjs/components/prism-bash.js';
import 'prismjs/components/prism-shell-session.js';
import 'prismjs/components/prism-c.js';
import 'prismjs/components/prism-cpp.js';
import 'prismjs/components/prism-csharp.js';
import 'prismjs/components/prism-kotlin.js';
import 'prismjs/components/prism-ruby.js';
import 'prismjs/components/prism-toml.js';
import 'prismjs/components/prism-ini.js';
import 'prismjs/components/prism-docker.js';
import type { PrismInstance } from './prism-types.js';

restoreGlobalPrism();
// Belt and braces: the core checks `manual` again when its automatic pass would
// run (a frame or DOMContentLoaded later), so even a bundler that reordered the
// global above could not make it rewrite the page's code elements.
(Prism as { manual?: boolean }).manual = true;

/** Prism with the grammars above; private to the highlighter. */
export const prism = Prism as PrismInstance;
