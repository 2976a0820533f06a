/**
 * `ask-stream/server/demo`: a backend that answers questions about ask-stream
 * itself from built-in documents, for trying the widget with nothing else
 * running (`npm start` uses it when no real backend is configured). Imported
 * on purpose, never a fallback: a production server names its real backend.
 */
export { demoBackend, type DemoBackendOptions } from './demo-backend.js';
export { DEMO_DOCUMENTS, type DemoDocument } from './demo-documents.js';
