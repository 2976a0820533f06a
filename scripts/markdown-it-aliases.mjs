// markdown-it imports three packages whose data or code the widget does not
// need: the full HTML5 entity table (`entities`, 29 KB gzipped), Unicode class
// tables (`uc.micro`) and URL helpers only its own renderer uses (`mdurl`). Every build and the test runner swap them for the small
// modules in src/render/vendor/ (their comments say what they keep), so the
// CDN bundle, the npm modules and the tests all parse alike.
import { fileURLToPath } from 'node:url';

const file = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Import specifier (as markdown-it writes it) → the file that stands in for it. */
export const MARKDOWN_IT_ALIASES = {
  entities: file('src/render/vendor/html-entities.ts'),
  'uc.micro': file('src/render/vendor/unicode-classes.ts'),
  mdurl: file('src/render/vendor/no-mdurl.ts'),
  // Not packages: markdown-it's own linkify and text rules, imported by its inline parser,
  // disabled or replaced here.
  './rules_inline/linkify.mjs': file('src/render/vendor/replaced-rule.ts'),
  './rules_inline/text.mjs': file('src/render/vendor/replaced-rule.ts'),
  // Not a package either: the token class the parsers' states import, without its attribute helpers.
  '../token.mjs': file('src/render/vendor/slim-token.ts'),
  // The thematic break rule, with its markup built in linear time.
  './rules_block/hr.mjs': file('src/render/vendor/hr-rule.ts'),
  // And the rule lists of the parsers, with only the edits the renderer makes.
  './ruler.mjs': file('src/render/vendor/slim-ruler.ts'),
};
