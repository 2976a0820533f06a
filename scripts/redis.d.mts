export const REDIS_HINT: string;
export function findRedisServer(): string | undefined;
export function ensureRedisServer(): string | undefined;
