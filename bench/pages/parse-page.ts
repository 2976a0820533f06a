/**
 * B4 in the page: 5 MiB of chunk frames through the bundle's
 * `parseEventStream` (+ JSON.parse of each event's data), against the floor:
 * TextDecoder + JSON.parse of each frame's JSON with its boundaries computed
 * beforehand. The floor is tried three ways and the fastest counts:
 * - one decode of the whole buffer, a JSON.parse per slice (one big string:
 *   if any character in 5 MiB is non-Latin-1, every slice is a two-byte
 *   string, which V8 parses more slowly);
 * - a decode per frame's bytes, then JSON.parse (a call per frame);
 * - a decode per batch of whole frames of ~64 KiB, a JSON.parse per slice
 *   (what a parser that knew the boundaries would do).
 * All produce the same events; the run checks it.
 */

const BUNDLE_URL = '/dist/ask-stream.js';
const PIECE_BYTES = 64 * 1024;

type ParseEventStream = (body: ReadableStream<Uint8Array>) => AsyncIterable<{ data: string }>;

interface Chunk {
  content: string;
}

const { parseEventStream } = (await import(/* @vite-ignore */ BUNDLE_URL)) as { parseEventStream: ParseEventStream };

const bytes = new Uint8Array(await (await fetch('/fixture/parse')).arrayBuffer());
// What a network read hands over: views of 64 KiB, frames cut anywhere.
const pieces: Uint8Array[] = [];
for (let i = 0; i < bytes.length; i += PIECE_BYTES) pieces.push(bytes.subarray(i, i + PIECE_BYTES));

// The floor's boundaries, found before any timing: each frame is `data: <json>\n\n`,
// as character offsets in the decoded text and as byte offsets in the buffer.
const whole = new TextDecoder().decode(bytes);
const ranges: number[] = [];
for (let at = 0; at < whole.length;) {
  const end = whole.indexOf('\n\n', at);
  if (end === -1) break;
  ranges.push(at + 'data: '.length, end);
  at = end + 2;
}
const byteRanges: number[] = [];
for (let at = 0; at < bytes.length;) {
  let end = bytes.indexOf(0x0a, at);
  while (end !== -1 && bytes[end + 1] !== 0x0a) end = bytes.indexOf(0x0a, end + 1);
  if (end === -1) break;
  byteRanges.push(at + 'data: '.length, end);
  at = end + 2;
}

async function viaParser(): Promise<{ events: number; chars: number }> {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]!);
      else controller.close();
    },
  });
  let events = 0;
  let chars = 0;
  for await (const event of parseEventStream(body)) {
    chars += (JSON.parse(event.data) as Chunk).content.length;
    events++;
  }
  return { events, chars };
}

function floorPerFrame(): { events: number; chars: number } {
  const decoder = new TextDecoder();
  let events = 0;
  let chars = 0;
  for (let r = 0; r < byteRanges.length; r += 2) {
    chars += (JSON.parse(decoder.decode(bytes.subarray(byteRanges[r], byteRanges[r + 1]))) as Chunk).content.length;
    events++;
  }
  return { events, chars };
}

// Batches of whole frames, ~64 KiB each, as [byteStart, byteEnd, firstRange, endRange].
const batches: number[] = [];
for (let r = 0; r < byteRanges.length;) {
  const start = byteRanges[r]! - 'data: '.length;
  let e = r;
  while (e < byteRanges.length && byteRanges[e + 1]! + 2 - start <= PIECE_BYTES) e += 2;
  if (e === r) e += 2;
  batches.push(start, byteRanges[e - 1]! + 2, r, e);
  r = e;
}

function floorBatched(): { events: number; chars: number } {
  const decoder = new TextDecoder();
  let events = 0;
  let chars = 0;
  for (let b = 0; b < batches.length; b += 4) {
    const base = batches[b]!;
    const text = decoder.decode(bytes.subarray(base, batches[b + 1]));
    // Byte offsets to character offsets within the batch: walk the frames.
    let charAt = 0;
    let byteAt = base;
    for (let r = batches[b + 2]!; r < batches[b + 3]!; r += 2) {
      const from = charAt + (byteRanges[r]! - byteAt);
      const end = text.indexOf('\n\n', from);
      chars += (JSON.parse(text.slice(from, end)) as Chunk).content.length;
      events++;
      charAt = end + 2;
      byteAt = byteRanges[r + 1]! + 2;
    }
  }
  return { events, chars };
}

function floorWhole(): { events: number; chars: number } {
  const text = new TextDecoder().decode(bytes);
  let events = 0;
  let chars = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    chars += (JSON.parse(text.slice(ranges[r], ranges[r + 1])) as Chunk).content.length;
    events++;
  }
  return { events, chars };
}

type Kind = 'parser' | 'floorWhole' | 'floorPerFrame' | 'floorBatched';

async function run(iterations: number) {
  // Each timed section as [start, end] on the page's clock: the driver turns
  // them into main-thread CPU time from its trace, and wall time as a fallback.
  const spans: Record<Kind, [number, number][]> = { parser: [], floorWhole: [], floorPerFrame: [], floorBatched: [] };
  let check: string | undefined;
  const same = (name: string, a: { events: number; chars: number }, b: { events: number; chars: number }) => {
    if (a.events !== b.events || a.chars !== b.chars)
      check = `${name}: ${a.events}/${a.chars} ≠ ${b.events}/${b.chars}`;
  };
  const sync = performance.mark('bench-parse-sync');
  // Alternating, after two untimed rounds (JIT warm-up).
  for (let i = -2; i < iterations; i++) {
    const timed = async (
      kind: Kind,
      f: () => Promise<{ events: number; chars: number }> | { events: number; chars: number },
    ) => {
      const start = performance.now();
      const result = await f();
      if (i >= 0) spans[kind].push([start, performance.now()]);
      return result;
    };
    const a = await timed('parser', viaParser);
    same('parser vs whole-buffer floor', a, await timed('floorWhole', floorWhole));
    same('parser vs per-frame floor', a, await timed('floorPerFrame', floorPerFrame));
    same('parser vs batched floor', a, await timed('floorBatched', floorBatched));
    // Let the page breathe (and GC) between rounds.
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return {
    bytes: bytes.length,
    frames: ranges.length / 2,
    spans,
    sync: { name: sync.name, time: sync.startTime },
    mismatch: check ?? null,
  };
}

(window as unknown as { __parse: { run: typeof run } }).__parse = { run };

export {};
