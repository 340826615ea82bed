// Packs the widget of dist/ as an npm package, for a portal built with a bundler (EMBEDDING.md,
// "With a bundler"): target/npm/missing-kbs-<version>.tgz, the output of `npm pack`, which a
// portal installs with `npm install ./missing-kbs-<version>.tgz`. It is not published.
// scripts/build.sh and scripts/test.sh run it after the build; the portal tests
// (tests/portals/) install it into a portal of each bundler.
//
// The package holds what a portal copies from dist/ (EMBEDDING.md, "Copy dist/"): the module
// with its types, the stylesheet, the wasm and its parts in pkg/, the catalogues in i18n/; and
// the licence of Cargo.toml, the version of Cargo.toml, and npm/README.md.
//
//   node scripts/pack.mjs

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const out = path.join(root, 'target', 'npm');
const staging = path.join(out, 'package');

const cargo = await readFile(path.join(root, 'Cargo.toml'), 'utf8');
/**
 * A key of Cargo.toml's `[package]` or `[workspace.package]` table.
 * @param {string} table
 * @param {string} key
 */
function cargoField(table, key) {
  const body = cargo.split(`\n[${table}]\n`)[1]?.split('\n[')[0] ?? '';
  return new RegExp(`^${key} = "([^"]+)"$`, 'm').exec(body)?.[1] ?? fail(`Cargo.toml's [${table}] has no ${key}`);
}
const license = cargoField('workspace.package', 'license');
if (license !== 'MIT') fail(`Cargo.toml's licence is ${license}, but LICENSE holds the MIT licence's text`);

const MODULE = 'missing-kbs.js';
const TYPES = 'missing-kbs.d.ts';
const STYLESHEET = 'missing-kbs.css';

const manifest = {
  name: 'missing-kbs',
  version: cargoField('package', 'version'),
  description: cargoField('package', 'description'),
  license,
  type: 'module',
  // The catalogues and the wasm need no entry: only the module reaches them, by paths relative
  // to itself (`import('./i18n/fr.js')`, `new URL('./pkg/….wasm', import.meta.url)`), which
  // `exports` does not govern; a portal imports the module and the stylesheet.
  exports: {
    '.': { types: `./${TYPES}`, default: `./${MODULE}` },
    [`./${STYLESHEET}`]: `./${STYLESHEET}`,
    './package.json': './package.json',
  },
  types: `./${TYPES}`,
  files: [MODULE, TYPES, STYLESHEET, 'pkg/*.wasm', 'i18n/*.js'],
  // Importing the module defines <missing-kbs> and starts the wasm's fetch, and importing the
  // stylesheet styles the widget: a bundler must keep both imports even when nothing imported
  // is used. The catalogues have no side effects.
  sideEffects: [`./${MODULE}`, `./${STYLESHEET}`],
  keywords: ['microsoft-defender', 'security-updates', 'widget', 'webassembly', 'custom-element'],
};

if (!existsSync(path.join(dist, MODULE))) fail('dist/ has no build: run bash scripts/build.sh first');
await rm(out, { recursive: true, force: true });
await mkdir(staging, { recursive: true });
const fromDist = [MODULE, TYPES, STYLESHEET, ...(await wasmFiles()), ...(await catalogues())];
for (const file of fromDist) await cp(path.join(dist, file), path.join(staging, file));
await cp(path.join(root, 'LICENSE'), path.join(staging, 'LICENSE'));
await cp(path.join(root, 'npm', 'README.md'), path.join(staging, 'README.md'));
await writeFile(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: staging, encoding: 'utf8' }),
);
const inTarball = new Set(packed.files.map((/** @type {{ path: string }} */ file) => file.path));
const left = [...fromDist, 'LICENSE', 'README.md', 'package.json'].filter((file) => !inTarball.has(file));
if (left.length) fail(`npm pack left out ${left.join(', ')}: see "files" above`);
console.log(`target/npm/${packed.filename}: ${inTarball.size} files, ${packed.size} B`);

async function wasmFiles() {
  return (await readdir(path.join(dist, 'pkg'))).filter((file) => file.endsWith('.wasm')).map((file) => `pkg/${file}`);
}

async function catalogues() {
  return (await readdir(path.join(dist, 'i18n'))).filter((file) => file.endsWith('.js')).map((file) => `i18n/${file}`);
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`error: packing the npm package: ${message}`);
  process.exit(1);
}
