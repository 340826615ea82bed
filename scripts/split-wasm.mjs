// Stages 3 to 5 of the build (scripts/post-build.mjs lists them in order): the wasm that cargo
// built, in parts with their glue in pkg/, so that a widget's first download holds only what its
// first card needs.

import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropStreamClasses } from './drop-stream-classes.mjs';
import { minifyWasmNames } from './minify-wasm-names.mjs';

const NAME = 'missing-kbs';
// -O2: the smallest gzip and brotli of the levels (docs/size.md); --converge repeats it until it
// stops gaining; the producers section names only tools.
const WASM_OPT_ARGS = ['-O2', '--converge', '--strip-producers'];

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const staging = process.env.TRUNK_STAGING_DIR;
const linked = process.env.MISSING_KBS_WASM;
if (!staging || !linked) fail('run as stage 3 of the build: scripts/post-build.mjs');
const release = process.env.TRUNK_PROFILE === 'release';
const profile = release ? 'release' : 'debug';

const parts = path.join(root, 'target', 'wasm-split', profile);
await rm(parts, { recursive: true, force: true });
await mkdir(parts, { recursive: true });
run('wasm-split-cli', ['--target', 'web', '--out-name', NAME, linked, parts]);

const pkg = path.join(staging, 'pkg');
await mkdir(pkg, { recursive: true });
run('wasm-bindgen', [
  '--target=web',
  `--out-dir=${pkg}`,
  `--out-name=${NAME}`,
  '--no-typescript',
  // The parts that load later share the main module's function table (__indirect_function_table).
  '--keep-lld-exports',
  ...(release ? [] : ['--keep-debug']),
  path.join(parts, `${NAME}.wasm`),
]);
await copyFile(path.join(parts, '__wasm_split.js'), path.join(pkg, '__wasm_split.js'));

// One module per split (split_<name>.wasm), and one per group of splits for the code they
// share but the main module does not need (chunk_<n>.wasm, fetched before either).
const splits = (await readdir(parts)).filter((file) => /^(split|chunk)_.*\.wasm$/.test(file));
for (const split of splits) await copyFile(path.join(parts, split), path.join(pkg, split));
if (release) {
  await dropStreamClasses({
    wasmFile: path.join(pkg, `${NAME}_bg.wasm`),
    glueFile: path.join(pkg, `${NAME}.js`),
  }).catch(failRewrite);
  for (const file of [`${NAME}_bg.wasm`, ...splits]) {
    const target = path.join(pkg, file);
    run('wasm-opt', [...WASM_OPT_ARGS, target, '-o', target]);
  }
  await minifyWasmNames({
    wasmFile: path.join(pkg, `${NAME}_bg.wasm`),
    glueFile: path.join(pkg, `${NAME}.js`),
    splitLoaderFile: path.join(pkg, '__wasm_split.js'),
  }).catch(failRewrite);
  // The target features section tells tools, not browsers, which wasm features the module
  // uses; wasm-opt reads it, so it goes last.
  for (const file of [`${NAME}_bg.wasm`, ...splits]) {
    const target = path.join(pkg, file);
    run('wasm-opt', ['--strip-target-features', target, '-o', target]);
  }
}

function run(command, args) {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  } catch (error) {
    fail(`${command} failed: ${error.message}`);
  }
}

// The two glue rewrites read wasm-bindgen's output by its exact shape: when it changes, the
// error names the version they follow, the one Cargo.toml pins (and scripts/setup.sh installs).
async function failRewrite(error) {
  const pin = /^wasm-bindgen = \{ version = "=([^"]+)" \}$/m.exec(
    await readFile(path.join(root, 'Cargo.toml'), 'utf8'),
  );
  fail(
    `${error.message} (the glue rewrites follow the glue of wasm-bindgen ${pin?.[1] ?? "Cargo.toml's pin"}, the version Cargo.toml pins: a new version's glue must be looked at again)`,
  );
}

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}
