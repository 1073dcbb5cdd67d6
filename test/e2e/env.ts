import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** The project's root folder (where package.json is). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Sub-path the built app is served under, as on a static host; the app must not assume `/`. */
export const BASE_PATH = '/digitpad/';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium without a GPU: WebGL runs in software (SwiftShader), slowly but correctly.
 * The rest keep a test browser from phoning home or updating itself while it runs.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws, with what to do about it, when there is no browser to run the suite in. Never a silent
 * skip: a suite that passes without running proves nothing.
 */
export function assertChromium(): void {
  const path = chromiumPath();
  if (isExecutable(path)) return;
  const where = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${path}`
    : `${path} (set CHROMIUM_PATH to use another)`;
  if (process.env.CI === 'true') {
    throw new Error(
      `End-to-end tests: no Chromium at ${where}. CI must provide one: .ci/run installs it with ` +
        '`apt-get install -y chromium` when it is missing.',
    );
  }
  throw new Error(
    `End-to-end tests: no Chromium at ${where}. Install it with \`sudo apt-get install -y chromium\` ` +
      '(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary, then run `npm run test:e2e` again.',
  );
}

export function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * Builds the app into `outDir` with relative asset URLs (`--base ./`), so it can be served from
 * any sub-path. Vite alone, not `npm run build`: type checking is its own CI step, and the tests
 * must not overwrite the `dist/` someone may be previewing.
 */
export function buildApp(outDir: string): Promise<void> {
  const vite = resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', '--base', './', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  return new Promise((resolveBuild, rejectBuild) => {
    // Vitest sets NODE_ENV=test, which would give a development build (React's checks, no
    // service worker): the tests must drive what `npm run build` ships.
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', rejectBuild);
    child.on('close', (code) => {
      if (code === 0) resolveBuild();
      else rejectBuild(new Error(`vite build failed (exit ${code}):\n${output}`));
    });
  });
}
