/**
 * The streams the browser benchmarks are served, by name. Each is generated
 * once from a fixed seed and kept as ready-made frames, so producing the
 * stream costs the server nothing measurable and every run (and both
 * implementations) gets exactly the same bytes.
 */
import { chunkFrames, splitEvenly, splitWithMarkers } from '../fixtures/chunks.js';
import { generateMarkdown } from '../fixtures/markdown.js';

export interface Workload {
  /** The answer's chunks, in order. */
  chunks: string[];
  /** The chunk frames, encoded. */
  frames: Buffer[];
  /** Chunks per second; `Infinity`: as fast as the socket takes them. */
  rate: number;
}

export interface WorkloadSpec {
  seed: number;
  chars: number;
  chunks: number;
  rate: number;
  markers?: boolean;
}

/** What each benchmark streams (see BENCHMARKS.md for why these sizes). */
export const WORKLOADS: Record<string, WorkloadSpec> = {
  // B1: ~200 KB of Markdown in 4,000 chunks (~50 characters each), unpaced.
  b1: { seed: 1, chars: 200_000, chunks: 4_000, rate: Infinity },
  // B1, paced: the same answer at 1,000 chunks/s (4 s), so the element renders
  // on every frame all along the answer and each update's cost can be placed.
  b1paced: { seed: 1, chars: 200_000, chunks: 4_000, rate: 1_000 },
  // B6: the B1 answer at a model's pace, 100 chunks/s (40 s).
  b6: { seed: 1, chars: 200_000, chunks: 4_000, rate: 100 },
  // B2: 2,000 chunks/s for 5 s, token-sized chunks (~10 characters).
  b2: { seed: 2, chars: 100_000, chunks: 10_000, rate: 2_000 },
  // B3: every chunk carries its own marker; a fast model's pace (200 chunks/s, 5 s).
  b3: { seed: 3, chars: 30_000, chunks: 1_000, rate: 200, markers: true },
  // B5: a 1 MB answer, unpaced, in 10,000 chunks (the element's figure) ...
  b5: { seed: 5, chars: 1_000_000, chunks: 10_000, rate: Infinity },
  // ... and the same answer in 50 chunks, which the baseline can finish in
  // seconds rather than hours (both implementations run it, for the ratio).
  b5coarse: { seed: 5, chars: 1_000_000, chunks: 50, rate: Infinity },
  // A tiny stream to warm the page, the connection and the JIT before measuring.
  warmup: { seed: 9, chars: 4_000, chunks: 80, rate: Infinity },
};

const cache = new Map<string, Workload>();

export function workload(name: string): Workload | undefined {
  const cached = cache.get(name);
  if (cached) return cached;
  const spec = WORKLOADS[name];
  if (!spec) return undefined;
  const text = generateMarkdown(spec.seed, spec.chars);
  const chunks = spec.markers ? splitWithMarkers(text, spec.chunks) : splitEvenly(text, spec.chunks);
  const made: Workload = { chunks, frames: chunkFrames(chunks).map((f) => Buffer.from(f)), rate: spec.rate };
  cache.set(name, made);
  return made;
}

/** B4's input: chunk frames of B1-sized chunks, repeated up to `bytes`. */
export function parseFixture(bytes: number): Buffer {
  const w = workload('b1')!;
  const parts: Buffer[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i = (i + 1) % w.frames.length) {
    const f = w.frames[i]!;
    if (total + f.length > bytes) break;
    parts.push(f);
    total += f.length;
  }
  return Buffer.concat(parts);
}
