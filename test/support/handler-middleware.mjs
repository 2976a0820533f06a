// The real ask-stream handler with the demo backend, mounted at
// POST /api/ask/stream in @web/test-runner's dev server (Koa), so a browser
// test can run the widget end to end against the server code as shipped.
// This file is plain ESM loaded by Node; tsx compiles the TypeScript source.
import { tsImport } from 'tsx/esm/api';

const ENDPOINT = '/api/ask/stream';

const server = await tsImport('../../src/server/index.ts', import.meta.url);
const { toNodeHandler } = await tsImport('../../src/server/node/index.ts', import.meta.url);
// The demo is its own entry (ask-stream/server/demo): the handler has no default backend.
const demo = await tsImport('../../src/server/demo/index.ts', import.meta.url);
// Fast pacing: the behaviour is the demo's, without making tests wait.
const nodeHandler = toNodeHandler(server.createAskStreamHandler({ backend: demo.demoBackend({ delayMs: 2 }) }));

/** Koa middleware: hands the raw request to the handler through the Node adapter. */
export async function askStreamHandlerMiddleware(ctx, next) {
  if (ctx.path !== ENDPOINT) return next();
  ctx.respond = false;
  await new Promise((resolve, reject) => {
    ctx.res.once('close', resolve);
    nodeHandler(ctx.req, ctx.res, reject);
  });
}
