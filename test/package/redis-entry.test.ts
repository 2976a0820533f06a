// The Redis store is for servers that want it: it lives in its own entry,
// `ask-stream/server/redis`, and never reaches the CDN bundle or `ask-stream/server`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('the Redis entry', () => {
  it('is built and exported as ask-stream/server/redis, with @redis/client an optional peer', () => {
    assert.ok(existsSync(join(ROOT, 'dist/lib/server/redis.js')), 'run `npm run build` first');
    const pkg = JSON.parse(read('package.json'));
    assert.deepEqual(pkg.exports['./server/redis'], {
      types: './dist/lib/server/redis.d.ts',
      default: './dist/lib/server/redis.js',
    });
    assert.ok(pkg.peerDependencies['@redis/client']);
    assert.deepEqual(pkg.peerDependenciesMeta['@redis/client'], { optional: true });
    assert.equal(pkg.dependencies['@redis/client'], undefined);
    assert.match(read('dist/lib/server/redis-resume-store.js'), /from '@redis\/client'/);
  });

  it('never enters the CDN bundles or the server entry', () => {
    for (const file of ['dist/ask-stream.js', 'dist/ask-stream.iife.js']) {
      const text = read(file);
      assert.ok(!text.includes('@redis'), `${file} mentions @redis`);
      assert.ok(!text.includes('XRANGE'), `${file} holds Redis commands`);
    }
    assert.ok(!read('dist/lib/server/index.js').includes('redis'), 'ask-stream/server imports the Redis store');
  });
});
