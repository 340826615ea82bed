// Stage 7 of the build (scripts/post-build.mjs lists them in order): minifies the widget's
// JavaScript in release builds (Trunk 0.21 leaves copied scripts as they are, and bundle-js.mjs
// does not minify the bundles, which hold wasm-bindgen's glue; docs/size.md has what it saves).
//
// Trunk runs it with TRUNK_PROFILE and TRUNK_STAGING_DIR set, through scripts/post-build.mjs.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { minify } from 'terser';

// The two bundles (scripts/bundle-js.mjs) hold the glue, its imports and the loader.
const FILES = ['missing-kbs.js', 'standalone.js', 'redirect.js'];

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('error: TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
  process.exit(1);
}
const languages = (await readdir(path.join(staging, 'i18n')))
  .filter((file) => file.endsWith('.js'))
  .map((file) => `i18n/${file}`);
for (const file of [...FILES, ...languages]) {
  const target = path.join(staging, file);
  const source = await readFile(target, 'utf8');
  // ES modules: top-level names may be mangled, exports and import.meta stay.
  const { code } = await minify(source, { module: true, compress: true, mangle: true, format: { comments: false } });
  await writeFile(target, code);
}
