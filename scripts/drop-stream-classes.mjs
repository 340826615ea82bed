// Drops the readable and writable stream classes that the Rust crate wasm-streams exports
// (IntoUnderlyingSource, IntoUnderlyingByteSource, IntoUnderlyingSink), from the main wasm
// module and from its glue, and the code only they reach.
//
// Leptos 0.8 always depends on its server functions (crate server_fn), which depend on
// wasm-streams, whose `#[wasm_bindgen]` classes wasm-bindgen exports whether or not anything
// uses them. Nothing in the widget does (it has no server functions, and reads answers with
// web-sys), and no JavaScript outside the glue can reach them: the glue is not part of the
// embedding contract (EMBEDDING.md). Release builds only, before wasm-opt (stage 5,
// scripts/post-build.mjs), which then removes the code only those exports reached.
//
// Removing the exports is not enough. The futures and callbacks of those classes are called
// through the function table (their addresses sit in vtables in the data section), which the
// parts that load later share, so wasm-opt keeps every function in it and all they call, std's
// I/O error texts among them (docs/size.md has what they weigh). Nothing else can reach them,
// since only the removed exports make a wasm-streams value, so each function of wasm-streams'
// own (by its name in the name section, which wasm-bindgen keeps) becomes a trap, and wasm-opt
// removes what they called.
//
// The build fails if the glue does not hold the classes in the shape this removes, or if the
// module names no such function: a new wasm-bindgen or wasm-streams must be looked at again,
// not half-edited.

import binaryen from 'binaryen';
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

  const module = binaryen.readBinary(await readFile(wasmFile));
  try {
    const exports = Array.from({ length: module.getNumExports() }, (_, index) =>
      binaryen.getExportInfo(module.getExportByIndex(index)),
    );
    const dropped = exports.filter((entry) => /^(__wbg_)?intounderlying/.test(entry.name));
    if (
      dropped.length === 0 ||
      exports.some((entry) => /intounderlying/i.test(entry.name) && !dropped.includes(entry))
    ) {
      throw new Error(`${wasmFile} does not export the stream classes as expected`);
    }
    for (const entry of dropped) module.removeExport(entry.name);
    const trapped = trapFunctionsOf(module, 'wasm_streams');
    if (trapped === 0) throw new Error(`${wasmFile} names no function of wasm-streams (has it a name section?)`);
    await writeFile(wasmFile, module.emitBinary());
  } finally {
    module.dispose();
  }
}

/** Makes each function defined by `crate` (its name holds `crate[`) trap; returns how many it changed. */
function trapFunctionsOf(module, crate) {
  let trapped = 0;
  for (let index = 0; index < module.getNumFunctions(); index++) {
    const fn = module.getFunctionByIndex(index);
    const { name, module: imported } = binaryen.getFunctionInfo(fn);
    if (imported === '' && name.includes(`${crate}[`)) {
      binaryen.Function.setBody(fn, module.unreachable());
      trapped++;
    }
  }
  return trapped;
}

function removeOnce(text, pattern, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`expected one ${what} in the glue, found ${matches.length}`);
  return text.replace(pattern, '');
}
