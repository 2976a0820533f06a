// Importing this module registers <ask-stream> (unless something already did).
import { defineAskStream } from './element/define.js';

defineAskStream();
