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
// The glue and __wasm_split.js find the wasm parts from their own URL (`import.meta.url`);
// in the bundle, that is read as the URL they had in pkg/. The wasm parts stay in pkg/.
//
// __wasm_split.js fetches each part with the digest of this build's part (Subresource
// Integrity), so a part that is not this build's (patched, swapped, or of another release, for
// a tab opened before it) is refused as a failed download, with the part's message and Retry,
// rather than instantiated into the widget's memory.
//
// Trunk runs it with TRUNK_STAGING_DIR set, through scripts/post-build.mjs.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, readdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';

if (!process.env.TRUNK_STAGING_DIR) fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
// esbuild hands plugins real paths, symbolic links resolved.
const staging = await realpath(process.env.TRUNK_STAGING_DIR);
const pkg = path.join(staging, 'pkg');
const ENTRIES = ['missing-kbs.js', 'standalone.js'];
/** wasm-split-cli's loader of the parts that load later, which fetches them. */
const PART_LOADER = 'pkg/__wasm_split.js';
/** The modules of pkg/ that find the wasm from their own URL: the glue, and the parts' loader. */
const URL_READERS = ['pkg/missing-kbs.js', PART_LOADER];
/**
 * What is not served: what the bundles hold (the loader, the glue and its imports), and the
 * package.json wasm-bindgen writes for npm, which no browser reads.
 */
const NOT_SERVED = [
  'wasm-loader.js',
  'load-failure.js',
  'plain-card.js',
  'pkg/missing-kbs.js',
  PART_LOADER,
  'pkg/snippets',
  'pkg/package.json',
];

/** `{ "split_details.wasm": "sha256-…", … }`: every wasm part of this build, final as served. */
async function partDigests() {
  const parts = (await readdir(pkg)).filter((file) => /^(split|chunk)_.*\.wasm$/.test(file));
  if (parts.length === 0) fail('pkg/ has no wasm parts to give a digest');
  const digest = async (file) =>
    `sha256-${createHash('sha256')
      .update(await readFile(path.join(pkg, file)))
      .digest('base64')}`;
  return Object.fromEntries(await Promise.all(parts.map(async (file) => [file, await digest(file)])));
}

/**
 * The part loader's own `fetch`, in its module's scope: each part with its digest; a URL that
 * is no part of this build is refused.
 */
const checkedPartFetch = (digests) => `const PART_DIGESTS = ${JSON.stringify(digests)};
const fetch = (url) => {
  const integrity = PART_DIGESTS[new URL(url).pathname.split('/').pop()];
  return integrity
    ? globalThis.fetch(url, { integrity })
    : Promise.reject(new Error(\`missing-kbs: \${url} is not a part of this build\`));
};
`;
const digests = await partDigests();

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
        (url === PART_LOADER ? checkedPartFetch(digests) : '') +
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
