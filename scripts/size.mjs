// The size budget of the CDN bundle: everything a page loads (Lit, SSE parsing,
// Markdown, the widget) must stay within 40 KB gzipped. Prints raw, gzip and
// brotli sizes of the CDN files; exits 1 when the budget is exceeded.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 40 * 1000;
const FILES = ['dist/ask-stream.js', 'dist/ask-stream.iife.js'];

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

const rows = FILES.map(measure);
console.log('file                       raw        gzip       brotli');
for (const r of rows)
  console.log(`${r.file.padEnd(26)} ${kb(r.raw).padEnd(10)} ${kb(r.gzip).padEnd(10)} ${kb(r.brotli)}`);
const over = rows.filter((r) => r.gzip > BUDGET_GZIP_BYTES);
if (over.length) {
  for (const r of over)
    console.error(
      `✖ ${r.file} is ${kb(r.gzip)} gzipped: over the ${kb(BUDGET_GZIP_BYTES)} budget by ${kb(r.gzip - BUDGET_GZIP_BYTES)}`,
    );
  process.exit(1);
}
console.log(`✔ within the ${kb(BUDGET_GZIP_BYTES)} gzip budget`);
