/**
 * `ask-stream/server/redis`: a resume store in Redis, shared by several server
 * instances. A separate entry so that `ask-stream/server` does not import a
 * Redis client; install `@redis/client` (an optional peer dependency) to use it.
 */
export { redisResumeStore, type RedisResumeStore, type RedisResumeStoreOptions } from './redis-resume-store.js';
