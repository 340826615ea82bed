// Trunk post-build step, after split-wasm.mjs: makes each page's JavaScript one module.
//
// missing-kbs.js (the module portals import) and standalone.js (the standalone page) share
// web/wasm-loader.js, which imports the wasm-bindgen glue (pkg/missing-kbs.js), which imports
// its snippets (web/card-filler.js) and wasm-split-cli's loader of the parts that load later
// (pkg/__wasm_split.js). Served as they are, a page fetches them in a chain, a round trip
// each, and the browser compiles and links each before the wasm can be: side by side, 50 cold
// starts each, the median was 128 ms with them apart and 111 ms bundled (the baseline's 116).
// So esbuild bundles all of them into each of the two modules, and none is served on its own.
// A page imports one of the two, never both (the standalone page's bundle holds
// missing-kbs.js too), so it has one glue and one wasm instance.
//
// The glue and __wasm_split.js find the wasm parts from their own URL (`import.meta.url`);
// in the bundle, that is read as the URL they had in pkg/. The wasm parts stay in pkg/.
//
// Trunk runs it with TRUNK_STAGING_DIR set; see [[hooks]] in Trunk.toml.

import { build } from 'esbuild';
import { readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';

if (!process.env.TRUNK_STAGING_DIR) fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
// esbuild hands plugins real paths, symbolic links resolved.
const staging = await realpath(process.env.TRUNK_STAGING_DIR);
const pkg = path.join(staging, 'pkg');
const ENTRIES = ['missing-kbs.js', 'standalone.js'];
/** The modules of pkg/ that find the wasm from their own URL: the glue, and the parts' loader. */
const URL_READERS = ['pkg/missing-kbs.js', 'pkg/__wasm_split.js'];
/**
 * What is not served: what the bundles hold (the loader, the glue and its imports), and the
 * package.json wasm-bindgen writes for npm, which no browser reads.
 */
const NOT_SERVED = ['wasm-loader.js', 'pkg/missing-kbs.js', 'pkg/__wasm_split.js', 'pkg/snippets', 'pkg/package.json'];

/** Makes a module from pkg/ read `import.meta.url` as the URL it had there (once per module). */
const rewritten = new Set();
const pkgModuleUrls = {
  name: 'pkg-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async ({ path: file }) => {
      if (!file.startsWith(pkg + path.sep)) return undefined;
      const source = await readFile(file, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = path.relative(staging, file).split(path.sep).join('/');
      rewritten.add(url);
      const contents =
        `const moduleUrl = new URL(${JSON.stringify(`./${url}`)}, import.meta.url).href;\n` +
        source.replaceAll('import.meta.url', 'moduleUrl');
      return { contents, loader: 'js' };
    });
  },
};

const { metafile } = await build({
  entryPoints: ENTRIES.map((entry) => path.join(staging, entry)),
  outdir: staging,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  plugins: [pkgModuleUrls],
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
}).catch((error) => fail(`esbuild failed: ${error.message}`));
for (const file of URL_READERS) {
  if (!rewritten.has(file)) fail(`${file} was not bundled with the URL it had, so it would not find the wasm`);
}
// Only the catalogues stay modules of their own, imported from a URL the loader makes.
for (const [output, { imports }] of Object.entries(metafile.outputs)) {
  if (imports.length) fail(`${output} still imports ${imports.map((entry) => entry.path).join(', ')}`);
}
for (const file of NOT_SERVED) await rm(path.join(staging, file), { recursive: true, force: true });

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}
