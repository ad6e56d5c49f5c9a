// The browser tests drive Debian's Chromium; install it when this machine lacks it.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  console.log(`Chromium not found at ${path}: installing Debian's chromium package…`);
  execSync(`${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium`, { stdio: 'inherit' });
}
