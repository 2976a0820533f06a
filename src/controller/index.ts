export { AskStreamController, type AskStreamControllerOptions, type RequestOptions } from './ask-stream-controller.js';
export type * from './types.js';
