// Stage 9 of the build (scripts/post-build.mjs lists them in order): writes a brotli (.br) and a gzip (.gz) copy beside
// every file of a release build that compresses (the wasm, JavaScript, CSS, HTML, JSON), at the
// highest levels, once, at build time, so a server sends them without compressing on each
// request (deploy/nginx: brotli_static and gzip_static). config.json is left out: an admin edits
// it after deploying, and a stale compressed copy would be served instead.
//
// Trunk runs it with TRUNK_PROFILE and TRUNK_STAGING_DIR set, through scripts/post-build.mjs.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { COMPRESSIBLE, writeCompressedCopies } from './compressed-copies.mjs';

const LEFT_OUT = new Set(['config.json']);

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('error: TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
  process.exit(1);
}

for (const entry of await readdir(staging, { recursive: true, withFileTypes: true })) {
  const file = path.join(entry.parentPath, entry.name);
  const relative = path.relative(staging, file);
  if (!entry.isFile() || !COMPRESSIBLE.has(path.extname(entry.name)) || LEFT_OUT.has(relative)) continue;
  await writeCompressedCopies(file);
}
