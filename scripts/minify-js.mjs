// Stage 7 of the build (scripts/post-build.mjs lists them in order): minifies the widget's
// JavaScript in release builds (Trunk 0.21 leaves copied scripts as they are, and bundle-js.mjs
// does not minify the bundles, which hold wasm-bindgen's glue; docs/size.md has what it saves).
// The catalogues go first: each is then renamed by its final bytes (content-names.mjs), and the
// bundles import it by that name.
//
// Trunk runs it with TRUNK_PROFILE and TRUNK_STAGING_DIR set, through scripts/post-build.mjs.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { minify } from 'terser';
import { contentName } from './content-names.mjs';

// The two bundles (scripts/bundle-js.mjs) hold the glue, its imports and the loader.
const BUNDLES = ['missing-kbs.js', 'standalone.js'];
const PAGE_SCRIPTS = ['redirect.js'];

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('error: TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
  process.exit(1);
}

/**
 * `source` minified: an ES module, whose top-level names may be mangled; exports and
 * import.meta stay.
 * @param {string} source
 */
async function minified(source) {
  const { code } = await minify(source, { module: true, compress: true, mangle: true, format: { comments: false } });
  return code ?? '';
}

/** The bundles' import path of each catalogue, and the path of its content name: `./i18n/fr.js` → `./i18n/fr.<hash>.js`. */
const renamed = new Map();
for (const file of (await readdir(path.join(staging, 'i18n'))).filter((name) => name.endsWith('.js'))) {
  const code = await minified(await readFile(path.join(staging, 'i18n', file), 'utf8'));
  const name = contentName(file, code);
  await writeFile(path.join(staging, 'i18n', name), code);
  await rm(path.join(staging, 'i18n', file));
  renamed.set(`./i18n/${file}`, `./i18n/${name}`);
}
for (const file of [...BUNDLES, ...PAGE_SCRIPTS]) {
  const target = path.join(staging, file);
  let source = await readFile(target, 'utf8');
  if (BUNDLES.includes(file)) {
    // esbuild writes each literal import() of web/catalogues.js with double quotes.
    for (const [from, to] of renamed) source = source.replaceAll(JSON.stringify(from), JSON.stringify(to));
  }
  await writeFile(target, await minified(source));
}
