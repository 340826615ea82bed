// The brotli (.br) and gzip (.gz) copies a server sends as they are (deploy/nginx: brotli_static
// and gzip_static), at the highest levels. precompress.mjs writes them beside a release build's
// files; bench/network.mjs beside the benchmark's pages, so that they are served as the widget is.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The extensions of the files that compress. */
export const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.json', '.ts']);

/**
 * Writes `file`.br and `file`.gz beside `file`.
 * @param {string} file
 */
export async function writeCompressedCopies(file) {
  const content = await readFile(file);
  const brotli = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      [constants.BROTLI_PARAM_MODE]:
        path.extname(file) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  await writeFile(`${file}.br`, brotli);
  await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
}
