// Installs the Node tools (dynalite, Redocly CLI, dynamodb-admin) from the committed lock file, once per lock file
// change, so repeated builds do not pay for `npm ci` and never float to newer versions.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const lock = readFileSync(join(root, 'package-lock.json'));
const digest = createHash('sha256').update(lock).digest('hex');
const marker = join(root, 'node_modules', '.shopfront-lock-sha256');

if (existsSync(marker) && readFileSync(marker, 'utf8') === digest
    && existsSync(join(root, 'node_modules', 'dynalite', 'cli.js'))
    && existsSync(join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'))
    && existsSync(join(root, 'node_modules', 'dynamodb-admin', 'dist', 'dynamodb-admin.js'))) {
  console.log('[node-tools] node_modules matches package-lock.json');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --ignore-scripts: dynalite's LevelDB binding ships prebuilt binaries, nothing to compile.
  execFileSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(marker, digest);
  console.log('[node-tools] installed from package-lock.json');
}
