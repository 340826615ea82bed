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
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
const pkg = path.join(staging, 'pkg');
const ENTRIES = ['missing-kbs.js', 'standalone.js'];
/** What the bundles hold, and so what is not served: the loader, the glue and its imports. */
const BUNDLED = ['wasm-loader.js', 'pkg/missing-kbs.js', 'pkg/__wasm_split.js', 'pkg/snippets'];

/** Makes a module from pkg/ read `import.meta.url` as the URL it had there (once per module). */
const pkgModuleUrls = {
  name: 'pkg-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async ({ path: file }) => {
      if (!file.startsWith(pkg + path.sep)) return undefined;
      const source = await readFile(file, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = `./${path.relative(staging, file).split(path.sep).join('/')}`;
      const contents =
        `const moduleUrl = new URL(${JSON.stringify(url)}, import.meta.url).href;\n` +
        source.replaceAll('import.meta.url', 'moduleUrl');
      return { contents, loader: 'js' };
    });
  },
};

await build({
  entryPoints: ENTRIES.map((entry) => path.join(staging, entry)),
  outdir: staging,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  plugins: [pkgModuleUrls],
  charset: 'utf8',
  logLevel: 'warning',
}).catch((error) => fail(`esbuild failed: ${error.message}`));
for (const file of BUNDLED) await rm(path.join(staging, file), { recursive: true });
for (const entry of ENTRIES) {
  const bundled = await readFile(path.join(staging, entry), 'utf8');
  // The catalogues (i18n/) are the only modules a bundle may still import.
  const imported = [...bundled.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+)|\bfrom\s*["']([^"']+)/g)]
    .map((match) => match[1] ?? match[2])
    .filter((specifier) => !specifier.startsWith('./i18n/'));
  if (imported.length) fail(`${entry} still imports ${imported.join(', ')} after bundling`);
}

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}
