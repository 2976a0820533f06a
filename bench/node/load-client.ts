/**
 * The load generator for S1 and S2, in its own process so that its work does
 * not count against the server's event loop. Opens `count` streams at once
 * (node:http, an agent without a socket limit, no keep-alive), POSTing
 * `{query, id}`, and reads each as an event stream.
 *
 * - mode `complete` (S1): reads every stream to its end; a stream counts as
 *   complete only if it got the `complete` frame. Tells the parent when every
 *   stream has had its first chunk (all are open), so the server's memory can
 *   be read at the peak.
 * - mode `drop` (S2): after 1–5 chunks, destroys the socket and records when
 *   (performance.timeOrigin + performance.now(), the server's clock too).
 *
 * Streams start all at once, or spread evenly over `rampMs`.
 *
 * Usage (forked with IPC): load-client.ts <port> <count> <complete|drop> [rampMs]
 */
import { Agent, request } from 'node:http';

const [portArg, countArg, mode, rampArg] = process.argv.slice(2);
const rampMs = Number(rampArg ?? 0);
const port = Number(portArg);
const count = Number(countArg);
if (!port || !count || (mode !== 'complete' && mode !== 'drop'))
  throw new Error('usage: load-client.ts <port> <count> <complete|drop>');

const now = () => performance.timeOrigin + performance.now();
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export interface StreamResult {
  id: string;
  status: number;
  chunks: number;
  complete: boolean;
  error?: string;
  firstChunkMs?: number;
  durationMs: number;
  droppedAt?: number;
}

function stream(i: number, onFirstChunk: () => void): Promise<StreamResult> {
  const id = `s${i}`;
  const started = performance.now();
  const dropAfter = 1 + (i % 5);
  return new Promise((resolve) => {
    const result: StreamResult = { id, status: 0, chunks: 0, complete: false, durationMs: 0 };
    const finish = (error?: string) => {
      if (error && !result.complete && result.droppedAt === undefined) result.error = error;
      result.durationMs = performance.now() - started;
      resolve(result);
    };
    const body = JSON.stringify({ query: 'bench', id });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/ask/stream',
        agent,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        result.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (text: string) => {
          buffer += text;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            // `id: n` then `data: {...}`; a block without data is a `: ping` heartbeat.
            const data = block.indexOf('data:');
            if (data === -1) continue;
            const frame = JSON.parse(block.slice(data + 5)) as { type: string };
            if (frame.type === 'chunk') {
              if (result.chunks++ === 0) {
                result.firstChunkMs = performance.now() - started;
                onFirstChunk();
              }
              if (mode === 'drop' && result.chunks === dropAfter && result.droppedAt === undefined) {
                result.droppedAt = now();
                req.destroy();
                return finish();
              }
            } else if (frame.type === 'complete') {
              result.complete = true;
            }
          }
        });
        res.on('end', () => finish(result.complete ? undefined : 'ended without complete'));
        res.on('error', (e) => finish(String(e)));
      },
    );
    req.on('error', (e) => finish(String(e)));
    req.end(body);
  });
}

let opened = 0;
const onFirstChunk = () => {
  if (++opened === count) process.send!({ allOpen: true });
};
const all = Array.from({ length: count }, (_, i) =>
  rampMs > 0
    ? new Promise<StreamResult>((ok) => setTimeout(() => ok(stream(i, onFirstChunk)), (i * rampMs) / count))
    : stream(i, onFirstChunk),
);
const results = await Promise.all(all);
process.send!({ results });
agent.destroy();
