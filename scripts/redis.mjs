// Finds (and, as root on Debian, installs) a redis-server for the Redis tests,
// the way browser.mjs does for Chromium. The tests start their own server on a
// free loopback port and end it by its process id; nothing here starts one.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

export const REDIS_HINT =
  'No redis-server found: the Redis tests are skipped. Install it (Debian: `apt-get install -y redis-server`) or set REDIS_SERVER_PATH.';

/** The path of a redis-server binary, or undefined. Never installs anything. */
export function findRedisServer() {
  if (process.env.REDIS_SERVER_PATH) {
    return existsSync(process.env.REDIS_SERVER_PATH) ? process.env.REDIS_SERVER_PATH : undefined;
  }
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  return dirs.map((d) => join(d, 'redis-server')).find((p) => existsSync(p));
}

/** Finds a redis-server, installing Debian's as root when there is none; undefined when all ways fail. */
export function ensureRedisServer() {
  let found = findRedisServer();
  if (found || process.env.REDIS_SERVER_PATH) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('[redis] no redis-server found; trying `apt-get install -y redis-server`…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: 600_000 });
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env, timeout: 600_000 });
    found = findRedisServer();
  }
  return found;
}
