export { EventStreamParser, type EventStreamParserCallbacks } from './event-stream-parser.js';
export { parseEventStream, type ParseEventStreamOptions } from './parse-event-stream.js';
export type { SseEvent } from './types.js';
