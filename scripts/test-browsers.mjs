// `npm run test:browsers`: builds, starts WebKitWebDriver under Xvfb, runs the
// browser suite in Chromium, Firefox and WebKit, and stops the driver again.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';

const PORT = Number(process.env.WEBKIT_DRIVER_PORT || 4444);
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const need = {
  'Firefox ESR (/usr/bin/firefox-esr)': process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  'WebKitWebDriver (webkit2gtk-driver)': '/usr/bin/WebKitWebDriver',
  'xvfb-run (xvfb)': '/usr/bin/xvfb-run',
};
const missing = Object.entries(need).filter(([, path]) => !existsSync(path));
if (missing.length) {
  console.error(
    `Missing ${missing.map(([n]) => n).join(', ')}: on Debian, apt-get install -y firefox-esr webkit2gtk-driver xvfb`,
  );
  process.exit(1);
}

const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const portOpen = () =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: PORT }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

// Detached: xvfb-run passes no signals on, so the whole process group is ended.
const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${PORT}`], { detached: true, stdio: 'ignore' });
const stopDriver = () => {
  try {
    process.kill(-driver.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopDriver);

for (let i = 0; i < 100 && !(await portOpen()); i++) await new Promise((r) => setTimeout(r, 100));
const run = spawnSync(bin('wtr'), ['--config', 'web-test-runner.browsers.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
stopDriver();
process.exit(run.status ?? 1);
