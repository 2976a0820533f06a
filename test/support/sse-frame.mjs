// One SSE frame as every server in the tests and benchmarks writes it (and as
// `createAskStreamHandler` does): `data: <json>` and a blank line. Plain ESM so
// the test server's middleware, which Node loads without a TypeScript loader,
// shares it with the browser tests and the benchmarks.

/** `value` as one `data:` frame. */
export function frame(value) {
  return `data: ${JSON.stringify(value)}\n\n`;
}
