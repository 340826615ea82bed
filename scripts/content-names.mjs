// Content-addressed names for the files a widget fetches after its module: each wasm part of
// pkg/ and each catalogue of i18n/ is named by its own bytes, `split_details.<hash>.wasm`,
// `fr.later.<hash>.js`, the hash the first 8 hex digits of their SHA-256 (no more: the module
// names every one of them, and 16 digits cost its download 250 B gzip more; a change keeps a
// file's name once in four billion). A release that
// changes a file gives it a new name, and the module (the one file a portal names, served
// short-lived) names the new one; so a server may let browsers keep these for a year without
// asking again (deploy/nginx: `immutable`), and a tab never mixes two releases' parts.
// The main wasm keeps its name, pkg/missing-kbs_bg.wasm: a page starts its fetch by that name
// with the module's (EMBEDDING.md, `rel="preload"`), so it is revalidated with the module instead.
//
// bundle-js.mjs names the parts, minify-js.mjs the catalogues (once minified: their final
// bytes), and check-asset-urls.mjs checks every name against its file.

import { createHash } from 'node:crypto';
import path from 'node:path';

/** A content name's hash: between the file's stem and its extension. */
export const CONTENT_HASH = /\.([0-9a-f]{8})(\.[a-z]+)$/;

/**
 * `file` (a name or path, `fr.later.js`) with the hash of `bytes` before its extension.
 * @param {string} file
 * @param {import('node:crypto').BinaryLike} bytes
 */
export function contentName(file, bytes) {
  const extension = path.extname(file);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return `${file.slice(0, -extension.length)}.${hash}${extension}`;
}
