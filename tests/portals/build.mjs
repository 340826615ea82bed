// Builds each fixture portal of tests/portals/ as a portal's developer would: `npm install` of
// the widget's npm package of this build (target/npm/missing-kbs-<version>.tgz, written by
// scripts/pack.mjs), then the bundler's own build, into <portal>/dist/, which
// tests/portals/playwright.config.ts serves and drives. scripts/test.sh runs it.
//
// Each portal's package.json and lockfile hold its bundler only, so that `npm ci` installs
// exactly the pinned versions, from npm's cache once they are in it (--prefer-offline), and only
// when the lockfile changed. The widget's tarball is installed afresh on every run without
// being saved: its integrity changes with every build, and a lockfile entry would pin it.
//
//   node tests/portals/build.mjs [rollup vite webpack]

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Each folder here with a package.json is a portal (as tests/portals/playwright.config.ts reads them). */
const PORTALS = readdirSync(here).filter((name) => existsSync(path.join(here, name, 'package.json')));
const packed = path.join(here, '..', '..', 'target', 'npm');
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** The tarball scripts/pack.mjs wrote. */
function tarball() {
  const tarballs = existsSync(packed) ? readdirSync(packed).filter((file) => /^missing-kbs-.+\.tgz$/.test(file)) : [];
  if (tarballs.length !== 1) fail(`target/npm/ holds no single missing-kbs-<version>.tgz: run node scripts/pack.mjs`);
  return path.join(packed, tarballs[0]);
}

/**
 * Whether `portal`'s node_modules was installed from its lockfile as it is now.
 * @param {string} portal
 */
function installed(portal) {
  const stamp = path.join(here, portal, 'node_modules', '.package-lock.json');
  return existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(path.join(here, portal, 'package-lock.json')).mtimeMs;
}

/** @param {string} portal */
function build(portal) {
  const cwd = path.join(here, portal);
  const run = (/** @type {string[]} */ args) => execFileSync('npm', args, { cwd, stdio: 'inherit' });
  const started = Date.now();
  if (!installed(portal)) run(['ci', ...NPM_FLAGS]);
  // npm would keep an installed package of the same version, whatever its tarball holds now.
  rmSync(path.join(cwd, 'node_modules', 'missing-kbs'), { recursive: true, force: true });
  run(['install', '--no-save', ...NPM_FLAGS, tarball()]);
  run(['run', 'build', '--silent']);
  console.log(`${portal}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`error: building the portals: ${message}`);
  process.exit(1);
}

const asked = process.argv.slice(2);
for (const portal of asked.length ? asked : PORTALS) {
  if (!PORTALS.includes(portal)) fail(`no portal ${portal}; there are ${PORTALS.join(', ')}`);
  build(portal);
}
