/**
 * Headless Chromium through Playwright, and the Chrome DevTools Protocol calls
 * the browser benchmarks share.
 */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import type { RunResult, RunSpec } from '../pages/harness.js';
import { CHROMIUM_ARGS as TEST_CHROMIUM_ARGS, findChromium } from '../../scripts/browser.mjs';

// The test runner's Chromium and flags, plus what a benchmark needs on top.
export const CHROMIUM_ARGS = [
  ...TEST_CHROMIUM_ARGS,
  // A page that is not focused must still get frames at full rate.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** CHROME_PATH, Playwright's own Chromium, else a system Chromium or Chrome. */
export function chromiumPath(): string | undefined {
  return findChromium();
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export type Impl = 'ask-stream' | 'naive';

export const PAGE_OF: Record<Impl, string> = {
  'ask-stream': '/bench/pages/ask-stream.html',
  naive: '/bench/naive/index.html',
};

/** A fresh page (own context: no cache, no heap shared with other runs) with its CDP session. */
export async function openPage(
  browser: Browser,
  base: string,
  path: string,
  ready = 'typeof window.__bench === "object"',
): Promise<{ page: Page; cdp: CDPSession; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + path);
  try {
    await page.waitForFunction(ready, undefined, { timeout: 30_000 });
  } catch (error) {
    throw new Error(`${path} did not load: ${errors.join('; ') || String(error)}`);
  }
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

/** Runs one ask in the page. A string expression, not a function: tsx's helpers would not exist in the page. */
export function runInPage(page: Page, spec: RunSpec): Promise<RunResult> {
  return page.evaluate(`window.__bench.run(${JSON.stringify(spec)})`) as Promise<RunResult>;
}

/** Main-thread time the renderer reports (CDP Performance.getMetrics), in ms. */
export async function mainThreadMs(
  cdp: CDPSession,
): Promise<{ task: number; script: number; layout: number; style: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    task: get('TaskDuration'),
    script: get('ScriptDuration'),
    layout: get('LayoutDuration'),
    style: get('RecalcStyleDuration'),
  };
}

export interface HeapUsage {
  /** V8's heap, bytes. */
  js: number;
  /** Blink's garbage-collected heap (DOM nodes, their text), bytes; 0 when the browser does not say. */
  embedder: number;
  /** ArrayBuffer backing stores, bytes. */
  backing: number;
}

/** Heap after a full garbage collection. */
export async function heapAfterGc(cdp: CDPSession): Promise<HeapUsage> {
  // Twice: the first pass can leave objects whose finalizers free more.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    embedderHeapUsedSize?: number;
    backingStorageSize?: number;
  };
  return { js: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? 0, backing: usage.backingStorageSize ?? 0 };
}
