// Drops the readable and writable stream classes that the Rust crate wasm-streams exports
// (IntoUnderlyingSource, IntoUnderlyingByteSource, IntoUnderlyingSink), from the main wasm
// module and from its glue.
//
// Leptos 0.8 always depends on its server functions (crate server_fn), which depend on
// wasm-streams, whose `#[wasm_bindgen]` classes wasm-bindgen exports whether or not anything
// uses them. Nothing in the widget does (it has no server functions, and reads answers with
// web-sys), and no JavaScript outside the glue can reach them: the glue is not part of the
// embedding contract (EMBEDDING.md). Release builds only (scripts/split-wasm.mjs), before
// wasm-opt, which then removes the code only those exports reached.
//
// The build fails if the glue does not hold the classes in the shape this removes: a new
// wasm-bindgen must be looked at again, not half-edited.

import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

const CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/** Removes the classes from `glueFile` and their exports from `wasmFile`. Throws an Error that says why it could not. */
export async function dropStreamClasses({ wasmFile, glueFile }) {
  let glue = await readFile(glueFile, 'utf8');
  for (const name of CLASSES) {
    glue = removeOnce(glue, new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'), `class ${name}`);
    glue = removeOnce(
      glue,
      new RegExp(
        `^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`,
        'm',
      ),
      `${name}'s Symbol.dispose`,
    );
    glue = removeOnce(glue, new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm'), `${name}Finalization`);
  }
  if (/intounderlying/i.test(glue)) throw new Error(`${glueFile} still names a stream class after its removal`);
  await writeFile(glueFile, glue);

  const exported = (file) => WebAssembly.Module.exports(new WebAssembly.Module(file)).map((entry) => entry.name);
  const before = exported(await readFile(wasmFile));
  const patterns = ['intounderlying*', '__wbg_intounderlying*'];
  execFileSync('wasm-opt', [`--remove-exports=${patterns.join(',')}`, wasmFile, '-o', wasmFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const after = exported(await readFile(wasmFile));
  const dropped = before.filter((name) => !after.includes(name));
  if (
    dropped.length === 0 ||
    dropped.some((name) => !/^(__wbg_)?intounderlying/.test(name)) ||
    after.some((name) => /intounderlying/i.test(name))
  ) {
    throw new Error(`removing the stream classes' exports from ${wasmFile} dropped [${dropped.join(', ')}]`);
  }
}

function removeOnce(text, pattern, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`expected one ${what} in the glue, found ${matches.length}`);
  return text.replace(pattern, '');
}
