export { AskStreamController, type AskStreamControllerOptions, type RequestOptions } from './ask-stream-controller.js';
export type * from './types.js';
export { conversationHistory, HISTORY_FIELD_BYTES } from './history.js';
