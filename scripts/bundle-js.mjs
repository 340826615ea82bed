// Stage 6 of the build (scripts/post-build.mjs lists them in order): makes each page's JavaScript one module.
//
// missing-kbs.js (the module portals import) and standalone.js (the standalone page) share
// web/wasm-loader.js, which imports the wasm-bindgen glue (pkg/missing-kbs.js), which imports
// its snippets (web/card-filler.js) and wasm-split-cli's loader of the parts that load later
// (pkg/__wasm_split.js). Served as they are, a page fetches them in a chain, a round trip
// each, and the browser compiles and links each before the wasm can be: a slower cold start
// (docs/size.md). So esbuild bundles all of them into each of the two modules, and none is
// served on its own.
// A page imports one of the two, never both (the standalone page's bundle holds
// missing-kbs.js too), so it has one glue and one wasm instance.
//
// The glue and __wasm_split.js find the wasm parts from their own URL, as
// `new URL('x.wasm', import.meta.url)`. In the bundle, each of those becomes a literal URL
// relative to the bundle, `new URL('./pkg/x.wasm', import.meta.url)`: the wasm parts stay in
// pkg/, and that form is the one a portal's bundler (Vite, webpack, Rollup) finds at build time,
// copies the file of, and rewrites to the copy's URL (EMBEDDING.md, "With a bundler").
//
// Each part is renamed by its content (content-names.mjs), and named so in the bundle: a server
// may then let browsers keep it for good (deploy/nginx).
//
// __wasm_split.js fetches each part with the digest of this build's part (Subresource
// Integrity, web/part-fetch.js), so a part that is not this build's (patched, swapped, or of
// another release, for a tab opened before it) is refused as a failed download, with the part's
// message and Retry, rather than instantiated into the widget's memory. Its table of parts is
// written here with each part's digest beside its URL, since a bundler renames the part.
//
// Trunk runs it with TRUNK_STAGING_DIR set, through scripts/post-build.mjs.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, readdir, realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { contentName } from './content-names.mjs';

if (!process.env.TRUNK_STAGING_DIR) fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
// esbuild hands plugins real paths, symbolic links resolved.
const staging = await realpath(process.env.TRUNK_STAGING_DIR);
const pkg = path.join(staging, 'pkg');
const ENTRIES = ['missing-kbs.js', 'standalone.js'];
/** wasm-split-cli's loader of the parts that load later, which fetches them. */
const PART_LOADER = 'pkg/__wasm_split.js';
/** The modules of pkg/ that find the wasm from their own URL: the glue, and the parts' loader. */
const URL_READERS = ['pkg/missing-kbs.js', PART_LOADER];
/** The module that gives the parts' loader its `fetch`, which checks each part's digest. */
const PART_FETCH = 'part-fetch.js';
/**
 * What is not served: what the bundles hold (the loaders, the glue and its imports), and the
 * package.json wasm-bindgen writes for npm, which no browser reads.
 */
const NOT_SERVED = [
  'wasm-loader.js',
  'load-failure.js',
  'plain-card.js',
  'catalogues.js',
  PART_FETCH,
  'pkg/missing-kbs.js',
  PART_LOADER,
  'pkg/snippets',
  'pkg/package.json',
];
/** The catalogues stay modules of their own, imported by a literal path (web/catalogues.js). */
const CATALOGUE = /^\.\/i18n\/[\w-]+(\.later)?\.js$/;

/**
 * Gives every wasm part of this build, final as served, its content name (content-names.mjs),
 * and returns `{ "split_details.wasm": { name: "split_details.<hash>.wasm", digest: "sha256-…" }, … }`,
 * by the names wasm-split-cli's loader knows them by.
 */
async function nameParts() {
  const files = (await readdir(pkg)).filter((file) => /^(split|chunk)_.*\.wasm$/.test(file));
  if (files.length === 0) fail('pkg/ has no wasm parts to name');
  const named = async (/** @type {string} */ file) => {
    const bytes = await readFile(path.join(pkg, file));
    const name = contentName(file, bytes);
    await rename(path.join(pkg, file), path.join(pkg, name));
    return [file, { name, digest: `sha256-${createHash('sha256').update(bytes).digest('base64')}` }];
  };
  return Object.fromEntries(await Promise.all(files.map(named)));
}

const parts = await nameParts();

/**
 * Rewrites each `new URL('<file>', import.meta.url)` of `source`, a module of pkg/, as the
 * literal URL of that file of pkg/ relative to the bundle, a part's by its content name with its
 * digest beside it (web/part-fetch.js). Fails on any other use of `import.meta.url`, which would find nothing
 * from the bundle.
 */
function literalPkgUrls(source, url) {
  const rewritten = source.replace(
    /new URL\((["'])(?:\.\/)?([\w.-]+\.wasm)\1, import\.meta\.url\)/g,
    (_, quote, file) => {
      const literal = (/** @type {string} */ name) => `new URL(${JSON.stringify(`./pkg/${name}`)}, import.meta.url)`;
      if (file === 'missing-kbs_bg.wasm') return literal(file);
      const { name, digest } = parts[file] ?? fail(`${url} fetches ${file}, which is no wasm part of this build`);
      return `part(${literal(name)}, ${JSON.stringify(digest)})`;
    },
  );
  const left = rewritten.replaceAll(/new URL\("\.\/pkg\/[\w.-]+\.wasm", import\.meta\.url\)/g, '');
  if (left.includes('import.meta'))
    fail(`${url} reads import.meta other than in new URL('<file>.wasm', import.meta.url)`);
  return rewritten;
}

/** Makes a module from pkg/ find the wasm files from the bundle, by literal URLs (once per module). */
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
      if (url === PART_LOADER && /\bpart\b/.test(source))
        fail(`${url} has a name part of its own, which its table of parts would take`);
      const partFetch =
        url === PART_LOADER ? `import { part, fetchPart as fetch } from ${JSON.stringify(`../${PART_FETCH}`)};\n` : '';
      return { contents: partFetch + literalPkgUrls(source, url), loader: 'js' };
    });
    // A catalogue is imported by a literal path that stays as it is written: it is a module of
    // its own beside the bundle, loaded only when a widget speaks its language.
    build.onResolve({ filter: CATALOGUE }, ({ path: catalogue }) => ({ path: catalogue, external: true }));
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
// Only the catalogues stay modules of their own, imported by their literal paths.
for (const [output, { imports }] of Object.entries(metafile.outputs)) {
  const others = imports.filter((entry) => !(entry.external && CATALOGUE.test(entry.path)));
  if (others.length) fail(`${output} still imports ${others.map((entry) => entry.path).join(', ')}`);
}
for (const file of NOT_SERVED) await rm(path.join(staging, file), { recursive: true, force: true });

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}
