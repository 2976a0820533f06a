// The size budget of the CDN bundle: everything a page loads (Lit, SSE parsing,
// Markdown, the widget) must stay within 40 KB gzipped. Prints raw, gzip and
// brotli sizes of the CDN files; exits 1 when a budget is exceeded.
//
// The optional highlighter (dist/ask-stream-highlight.js, a second script; not
// in the bundle above) has a budget of its own, 25 KB gzipped: Prism's core is
// 3.2 KB, the thirteen languages 12 KB, the ten more that answers use
// (JSX/TSX, C, C++, C#, Kotlin, Ruby, TOML, INI, Dockerfile, shell sessions)
// 6.8 KB, the highlighter 1.3 KB. A language added must fit what is left.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 40 * 1000;
export const HIGHLIGHT_BUDGET_GZIP_BYTES = 25 * 1000;
const FILES = ['dist/ask-stream.js', 'dist/ask-stream.iife.js'];
const HIGHLIGHT_FILES = ['dist/ask-stream-highlight.js'];

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

export function measure(file) {
  const raw = readFileSync(file);
  return {
    file,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const rows = [
  ...FILES.map((file) => ({ ...measure(file), budget: BUDGET_GZIP_BYTES })),
  ...HIGHLIGHT_FILES.map((file) => ({ ...measure(file), budget: HIGHLIGHT_BUDGET_GZIP_BYTES })),
];
console.log('file                         raw        gzip       brotli     gzip budget');
for (const r of rows)
  console.log(
    `${r.file.padEnd(28)} ${kb(r.raw).padEnd(10)} ${kb(r.gzip).padEnd(10)} ${kb(r.brotli).padEnd(10)} ${kb(r.budget)}`,
  );
const over = rows.filter((r) => r.gzip > r.budget);
if (over.length) {
  for (const r of over)
    console.error(`✖ ${r.file} is ${kb(r.gzip)} gzipped: over the ${kb(r.budget)} budget by ${kb(r.gzip - r.budget)}`);
  process.exit(1);
}
console.log('✔ every file within its gzip budget');
