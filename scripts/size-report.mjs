// The widget's download: raw, gzip and brotli size of its wasm, JavaScript and CSS (MSAL.js and
// the standalone page excluded), from dist/, plus the largest language catalogue (i18n/<tag>.js),
// which a widget speaking that language also loads: the total is the most one user downloads.
// A second table counts what loads later: the wasm parts split off the main module
// (pkg/split_*.wasm, each fetched by wasm-split-cli's loader, bundled in missing-kbs.js, when
// a view that needs it is first shown, and pkg/chunk_*.wasm, code that several of them share;
// stage 3 of scripts/post-build.mjs), and the largest catalogue of their texts (i18n/<tag>.later.js).
// With --max-gzip BYTES (the first download) and --max-later-gzip BYTES (everything that loads
// later, together), exits 1 when a gzip total is over its budget, so CI fails on a build that
// grew past one.
//
//   node scripts/size-report.mjs [--max-gzip 163840] [--max-later-gzip 131072] [--markdown]

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CONTENT_HASH } from './content-names.mjs';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
// missing-kbs.js holds all of the widget's JavaScript: its loader, the wasm-bindgen glue, the
// glue's snippets and the loader of the parts that load later (scripts/bundle-js.mjs).
const FILES = ['pkg/missing-kbs_bg.wasm', 'missing-kbs.js', 'missing-kbs.css'];
const { values } = parseArgs({
  options: { 'max-gzip': { type: 'string' }, 'max-later-gzip': { type: 'string' }, markdown: { type: 'boolean' } },
});

function sizes(file) {
  let bytes;
  try {
    bytes = readFileSync(path.join(dist, file));
  } catch {
    console.error(`error: dist/${file} is missing; build first (trunk build --release)`);
    process.exit(1);
  }
  return {
    file,
    raw: bytes.length,
    // The most a server would compress them: gzip -9 and brotli quality 11.
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

let catalogues;
try {
  catalogues = readdirSync(path.join(dist, 'i18n'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => sizes(`i18n/${file}`));
} catch {
  console.error('error: dist/i18n is missing; build first (trunk build --release)');
  process.exit(1);
}
/** The largest of `rows` (by gzip), named as such. */
function largest(rows) {
  const row = rows.reduce((most, next) => (next.gzip > most.gzip ? next : most));
  return { ...row, file: `${row.file} (largest)` };
}
// `<tag>.later.js`, named by its content: `fr.later.<hash>.js` (scripts/content-names.mjs).
const laterTexts = (row) => row.file.replace(CONTENT_HASH, '$2').endsWith('.later.js');
const first = [...FILES.map(sizes), largest(catalogues.filter((row) => !laterTexts(row)))];
const splits = readdirSync(path.join(dist, 'pkg')).filter((file) => /^(split|chunk)_.*\.wasm$/.test(file));
const later = [...splits.map((file) => sizes(`pkg/${file}`)), largest(catalogues.filter(laterTexts))];

function sum(rows, file) {
  return rows.reduce(
    (total, row) => ({
      file,
      raw: total.raw + row.raw,
      gzip: total.gzip + row.gzip,
      brotli: total.brotli + row.brotli,
    }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

function print(title, rows) {
  if (values.markdown) {
    console.log(`| ${title} | raw | gzip | brotli |\n|---|---:|---:|---:|`);
    for (const row of rows) console.log(`| ${row.file} | ${row.raw} | ${row.gzip} | ${row.brotli} |`);
  } else {
    console.log(`${title.padEnd(52)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
    for (const row of rows) {
      console.log(
        `${row.file.padEnd(52)}${String(row.raw).padStart(10)}${String(row.gzip).padStart(10)}${String(row.brotli).padStart(10)}`,
      );
    }
  }
}

function check(option, total, what) {
  if (values[option] === undefined) return;
  const budget = Number(values[option]);
  if (total.gzip > budget) {
    console.error(`error: ${what}, ${total.gzip} B gzip, is over its budget of ${budget} B`);
    process.exit(1);
  }
  console.log(`${what}: ${total.gzip} B gzip, within the budget of ${budget} B (${budget - total.gzip} B to spare)`);
}

const firstTotal = sum(first, 'total');
const laterTotal = sum(later, 'total');
print('first download (before the first card)', [...first, firstTotal]);
console.log();
print('loads later (when first used)', [...later, laterTotal]);
console.log();
check('max-gzip', firstTotal, 'the first download');
check('max-later-gzip', laterTotal, 'what loads later');
