/**
 * Renders Markdown through the built widget (dist/ask-stream.js) in headless
 * Chromium, the way a site gets it: a plain page loads the bundle, an
 * `<ask-stream>` element asks a local server on loopback, and the server
 * streams the Markdown as the answer, in one chunk or in seeded random chunks.
 * What comes back is the answer's DOM, normalized in the page (normalize.ts).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium, HINT } from '../../scripts/browser.mjs';
import { mulberry32 } from '../../bench/fixtures/prng.js';
import type * as PageModule from './page.js';

const ROOT = new URL('../../', import.meta.url);

/** One rendering to do: `seed` 0 sends the whole answer in one chunk, else chunks of `min`..`max` characters. */
export interface RenderJob {
  markdown: string;
  seed: number;
  min?: number;
  max?: number;
  /** Bytes per chunk instead (the pathological inputs: 64 KB). */
  chunkSize?: number;
}

export interface Rendered {
  /** The answer as a reader sees it (normalize.ts). */
  normalized: string;
  /** The answer's markup, without Lit's comment markers. */
  markup: string;
  /** ms from the ask to the final render. */
  ms: number;
  error?: string;
}

/** `text` cut into pieces as `job` says. */
export function chunksOf(text: string, job: RenderJob): string[] {
  if (job.chunkSize) {
    const out: string[] = [];
    for (let at = 0; at < text.length; at += job.chunkSize) out.push(text.slice(at, at + job.chunkSize));
    return out;
  }
  if (!job.seed) return [text];
  const random = mulberry32(job.seed);
  const min = job.min ?? 1;
  const max = job.max ?? 24;
  const out: string[] = [];
  for (let at = 0; at < text.length;) {
    let next = Math.min(text.length, at + min + Math.floor(random() * (max - min + 1)));
    // Never between the halves of a surrogate pair: a chunk is a JSON string.
    if (next < text.length && /[\uD800-\uDBFF]/.test(text[next - 1]!)) next++;
    out.push(text.slice(at, next));
    at = next;
  }
  return out;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>));
    req.on('error', reject);
  });
}

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

const PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Markdown harness</title>
<script type="module" src="/ask-stream.js"></script><script src="/harness.js"></script><body></body></html>`;

/**
 * Jobs by id. The page names the job in its request; the Markdown stays here,
 * so neither the test's hand-over to the page nor the widget's request carries
 * a megabyte the widget would not carry in real use.
 */
const registry = new Map<number, RenderJob>();
let nextId = 0;
function register(job: RenderJob): number {
  registry.set(++nextId, job);
  return nextId;
}

async function startServer(): Promise<Server> {
  const harnessJs = (
    await build({
      entryPoints: [new URL('test/markdown/page.ts', ROOT).pathname],
      bundle: true,
      format: 'iife',
      globalName: 'markdownHarness',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text;
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      } else if (req.url === '/harness.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(harnessJs);
      } else if (req.url === '/ask-stream.js') {
        const bundle = await readFile(new URL('dist/ask-stream.js', ROOT));
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      } else if (req.url === '/answer' && req.method === 'POST') {
        const request = (await readJson(req)) as { job: number; query: string };
        const job = registry.get(request.job)!;
        registry.delete(request.job);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(frame({ type: 'start', query: request.query, timestamp: 0 }));
        for (const content of chunksOf(job.markdown, job)) {
          if (!res.write(frame({ type: 'chunk', content }))) await new Promise((r) => res.once('drain', r));
        }
        res.end(frame({ type: 'complete', success: true }));
      } else res.writeHead(404).end();
    })().catch((error: unknown) => res.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface PageApi {
  markdownHarness: typeof PageModule;
}

export interface Harness {
  page: Page;
  render(jobs: RenderJob[], parallel?: number): Promise<Rendered[]>;
  normalizeHtml(htmls: string[]): Promise<string[]>;
  /** One job alone, measured (see page.ts). */
  measure(job: RenderJob): ReturnType<typeof PageModule.measureJob>;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HINT);
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const opened = browser;
    return {
      page,
      // Anonymous arrows on purpose: the page code is bundled into /harness.js, and
      // these only call it (a named function here would carry tsx's helpers along).
      render: (jobs, parallel = 8) =>
        page.evaluate(([ids, p]) => (window as unknown as PageApi).markdownHarness.renderJobs(ids, p), [
          jobs.map(register),
          parallel,
        ] as const),
      measure: (job) =>
        page.evaluate((id) => (window as unknown as PageApi).markdownHarness.measureJob(id), register(job)),
      normalizeHtml: (htmls) =>
        page.evaluate((h) => (window as unknown as PageApi).markdownHarness.normalizeHtml(h), htmls),
      close: async () => {
        await opened.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
