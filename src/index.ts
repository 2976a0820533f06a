// The main module registers <ask-stream> on import (safely, if something already
// did) and exports the public API.
import './define.js';

export * from './api.js';
