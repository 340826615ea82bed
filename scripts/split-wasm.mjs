// Trunk post-build hook, the first one: builds the widget's wasm and writes it to pkg/ in parts,
// so that a widget's first download holds only what its first card needs. Code that only some
// views need (the functions marked `#[wasm_split]`, such as the software finder) goes to a part of its
// own, fetched when first used (ARCHITECTURE.md, "Code that loads later").
//
//   1. cargo builds the wasm (a no-op when scripts/setup.sh's build_widget just did);
//   2. wasm-split-cli (Rust crate wasm_split_cli_support) cuts it at the `#[wasm_split]` functions: a
//      main module, one module per split, and __wasm_split.js, which fetches a split when the
//      main module first calls into it. It reads the linker's relocations, which
//      `-Clink-arg=--emit-relocs` keeps (with_wasm_toolchain in scripts/setup.sh);
//   3. wasm-bindgen writes the glue for the main module, as Trunk's own Rust pipeline did;
//   4. the stream classes of wasm-streams, which nothing uses, leave the main module and its glue
//      (drop-stream-classes.mjs), and wasm-opt optimises every module, with the settings
//      README's "Download size" explains;
//   5. the main module's import and export names are shortened (minify-wasm-names.mjs), and
//      every module's target features section is stripped.
//
// Trunk runs it with TRUNK_PROFILE and TRUNK_STAGING_DIR set; see [[hooks]] in Trunk.toml.

import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropStreamClasses } from './drop-stream-classes.mjs';
import { minifyWasmNames } from './minify-wasm-names.mjs';

const NAME = 'missing-kbs';
// -O2: -Oz and -Os are smaller raw but larger gzip and brotli, -O1 is 0.7 KB gzip larger and
// -O3 1.2 KB. --converge repeats -O2 until it stops gaining; the producers section names only tools.
const WASM_OPT_ARGS = ['-O2', '--converge', '--strip-producers'];

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook (scripts/build.sh)');
const release = process.env.TRUNK_PROFILE === 'release';
const rustFlags = process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS ?? '';
if (!rustFlags.includes('--emit-relocs')) {
  fail('the wasm must be linked with --emit-relocs for wasm-split-cli: build with scripts/build.sh');
}
if (release && !rustFlags.includes('-Zmerge-functions=disabled')) {
  fail(
    'a release wasm must be built with -Zmerge-functions=disabled for drop-stream-classes.mjs: build with scripts/build.sh',
  );
}
// Cargo takes RUSTFLAGS (or its encoded form) over the flags above, which would then not apply.
for (const name of ['RUSTFLAGS', 'CARGO_ENCODED_RUSTFLAGS']) {
  if (process.env[name]) fail(`${name} is set, so cargo would not use the wasm's own flags: unset it`);
}

const profile = release ? 'release' : 'debug';
run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '-p', NAME, ...(release ? ['--release'] : [])]);
const linked = path.join(root, 'target', 'wasm32-unknown-unknown', profile, `${NAME.replace('-', '_')}.wasm`);

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
  // uses; wasm-opt reads it, so it goes last (0.1 KB gzip a module).
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
