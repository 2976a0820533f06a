/**
 * The one document the server benchmarks' demo backend answers from: ~2,300
 * characters, which the demo backend cuts into ~108 chunks of ~24 characters;
 * at 10 chunks/s a stream lasts ~11 s, long enough for all 1,000 to be open at once.
 */
import type { DemoDocument } from '../../src/server/demo/index.js';
import { generateMarkdown } from '../fixtures/markdown.js';

export const BENCH_DOCUMENT: DemoDocument = {
  title: 'Bench answer',
  url: 'bench/node/bench-document.ts',
  keywords: ['bench'],
  text: generateMarkdown(7, 1_900),
};
