/**
 * `ask-stream/server/node`: runs the Web-standard handler in Node's `http`
 * and `http2` servers, Express, Connect, Fastify and Vite. A separate entry so
 * that `ask-stream/server` imports nothing from Node and bundles for edge
 * runtimes (Cloudflare Workers, Deno, Bun, Vercel Edge) without Node shims.
 */
export { toNodeHandler, type NodeHandler, type NodeHandlerOptions, type WebHandler } from './adapter.js';
