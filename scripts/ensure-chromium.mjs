// Makes sure Debian's Chromium is at /usr/bin/chromium, for the browser and end-to-end tests.
// It installs it with apt-get when it can (root on Debian, as in CI); it never downloads a browser.
// No dependencies: it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';

const CHROMIUM = '/usr/bin/chromium';

function fail(reason) {
  process.stderr.write(
    `${reason}\nThe browser tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n` +
      '  sudo apt-get install -y chromium\n',
  );
  process.exit(1);
}

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasAptGet) {
    fail(`No Chromium at ${CHROMIUM}${isRoot ? ', and no apt-get to install it' : ''}.`);
  }
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation'],
    { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
  );
  if (install.status !== 0 || !existsSync(CHROMIUM)) {
    fail(`Installing Chromium with apt-get did not give ${CHROMIUM}.`);
  }
}
