// Runs a module script in a fresh Node process (tsx loaded), so each test
// sees Prism load for the first time, with the globals it sets up first.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');

/** The file URL of a file of the repository, for `import()` in the script. */
export const urlOf = (path: string): string => pathToFileURL(resolve(ROOT, path)).href;

/** Runs `script` as an ES module and returns what it printed (JSON.parse'd). */
export function runFresh(script: string): unknown {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out);
}
