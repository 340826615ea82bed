// Trunk post-build step, after split-wasm.mjs: makes each page's JavaScript one module.
//
// web/wasm-loader.js (it starts the wasm's fetch, imports the glue and loads the catalogues) is
// shared by missing-kbs.js, the module portals import, and standalone.js, the standalone page.
// Served on its own it costs a module's round trip before the wasm's fetch can start, about
// 7 ms of a cold start on this machine, and more on a real network. So esbuild bundles it into
// each of them and it is not served: a page imports one of the two, never both (the standalone
// page's bundle holds missing-kbs.js too), so the wasm is still loaded once a page. The glue, the
// wasm parts and the catalogues stay where they are (pkg/ and i18n/), fetched as before.
//
// Before that, the modules the glue imports (the snippets of web/ and __wasm_split.js) are
// written into the loader, which asks for them together with the glue: otherwise the browser
// asks for them only once the glue has arrived, one more round trip before the first card.
//
// Trunk runs it with TRUNK_STAGING_DIR set; see [[hooks]] in Trunk.toml.

import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
const LOADER = path.join(staging, 'wasm-loader.js');
const ENTRIES = ['missing-kbs.js', 'standalone.js'];

await listGlueImports(path.join(staging, 'pkg', 'missing-kbs.js'), LOADER);
await build({
  entryPoints: ENTRIES.map((entry) => path.join(staging, entry)),
  outdir: staging,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  // The glue and what it imports load from pkg/ at run time, beside the bundle; they are
  // never part of it (a second copy of the glue would be a second wasm instance).
  external: ['./pkg/*'],
  charset: 'utf8',
  logLevel: 'warning',
}).catch((error) => fail(`esbuild failed: ${error.message}`));
await rm(LOADER);
for (const entry of ENTRIES) {
  const bundled = await readFile(path.join(staging, entry), 'utf8');
  if (bundled.includes('wasm-loader.js"') || bundled.includes("wasm-loader.js'")) {
    fail(`${entry} still imports wasm-loader.js after bundling`);
  }
}

/** Writes the glue's own imports, as the glue names them (relative to pkg/), into the loader. */
async function listGlueImports(glueFile, loaderFile) {
  const glue = await readFile(glueFile, 'utf8');
  const imports = [
    ...new Set([...glue.matchAll(/^import [^'"]* from ['"](\.\/[^'"]+)['"]/gm)].map((match) => match[1])),
  ];
  if (!imports.includes('./__wasm_split.js')) fail(`found no import of __wasm_split.js in ${glueFile}`);
  const loader = await readFile(loaderFile, 'utf8');
  const marker = 'const GLUE_IMPORTS = [];';
  if (!loader.includes(marker)) fail(`${loaderFile} has no "${marker}" to fill in`);
  await writeFile(
    loaderFile,
    loader.replace(marker, () => `const GLUE_IMPORTS = ${JSON.stringify(imports)};`),
  );
}

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}
