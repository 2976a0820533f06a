import type { SseEvent } from '../../src/sse/types.js';

/** One entry of test/fixtures/sse-vectors.json (its format and provenance: test/fixtures/README.md). */
export interface SseVector {
  name: string;
  chunks: string[] | null;
  bytes?: number[][] | null;
  events: SseEvent[];
  retry?: number;
}

/** The shared conformance vectors, as the test server serves them from the repository. */
export async function loadSseVectors(): Promise<SseVector[]> {
  return (await (await fetch('/test/fixtures/sse-vectors.json')).json()) as SseVector[];
}
