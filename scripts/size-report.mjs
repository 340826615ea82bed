// The widget's download: raw, gzip and brotli size of its wasm, JavaScript and CSS (MSAL.js and
// the standalone page excluded), from dist/, plus the largest language catalogue (i18n/<tag>.js),
// which a widget speaking that language also loads: the total is the most one user downloads.
// With --max-gzip BYTES, exits 1 when the gzip total is over BYTES, so CI fails on a build that
// grew past its budget.
//
//   node scripts/size-report.mjs [--max-gzip 163840] [--markdown]

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const FILES = [
  'pkg/missing-kbs_bg.wasm',
  'pkg/missing-kbs.js',
  'pkg/wasm-loader.js',
  'missing-kbs.js',
  'missing-kbs.css',
];
const { values } = parseArgs({ options: { 'max-gzip': { type: 'string' }, markdown: { type: 'boolean' } } });

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

let languages;
try {
  languages = readdirSync(path.join(dist, 'i18n'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => sizes(`i18n/${file}`));
} catch {
  console.error('error: dist/i18n is missing; build first (trunk build --release)');
  process.exit(1);
}
const largestLanguage = languages.reduce((largest, row) => (row.gzip > largest.gzip ? row : largest));
const rows = [...FILES.map(sizes), { ...largestLanguage, file: `${largestLanguage.file} (largest)` }];
const total = rows.reduce(
  (sum, row) => ({ file: 'total', raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);

if (values.markdown) {
  console.log('| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
  for (const row of [...rows, total]) console.log(`| ${row.file} | ${row.raw} | ${row.gzip} | ${row.brotli} |`);
} else {
  console.log(`${'file'.padEnd(26)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const row of [...rows, total]) {
    console.log(
      `${row.file.padEnd(26)}${String(row.raw).padStart(10)}${String(row.gzip).padStart(10)}${String(row.brotli).padStart(10)}`,
    );
  }
}

if (values['max-gzip'] !== undefined) {
  const budget = Number(values['max-gzip']);
  if (total.gzip > budget) {
    console.error(`error: the widget's gzip total, ${total.gzip} B, is over its budget of ${budget} B`);
    process.exit(1);
  }
  console.log(`gzip total ${total.gzip} B is within the budget of ${budget} B (${budget - total.gzip} B to spare)`);
}
