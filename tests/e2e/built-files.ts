import fs from 'node:fs';
import path from 'node:path';

const dist = path.resolve(__dirname, '../../dist');
/** The hash in a content name, as a pattern: 8 hex digits (scripts/content-names.mjs). */
export const CONTENT_HASH = '[0-9a-f]{8}';
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The path in dist/ of a file that the build names by its content (scripts/content-names.mjs),
 * from its name before: `pkg/split_details.wasm` → `pkg/split_details.<hash>.wasm`.
 */
export function built(file: string): string {
  const folder = path.posix.dirname(file);
  const extension = path.posix.extname(file);
  const named = new RegExp(`^${escaped(path.posix.basename(file, extension))}\\.${CONTENT_HASH}${escaped(extension)}$`);
  const found = fs.readdirSync(path.join(dist, folder)).filter((name) => named.test(name));
  if (found.length !== 1) throw new Error(`dist/${folder} has ${found.length} files named by content as ${file}`);
  return `${folder}/${found[0]}`;
}

/** Whether `file` is named by its content: a wasm part or a catalogue (`/pkg/split_details.<hash>.wasm`). */
export const contentNamed = (file: string) => new RegExp(`\\.${CONTENT_HASH}\\.(wasm|js)$`).test(file);
