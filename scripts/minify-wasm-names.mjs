// Shortens the main wasm module's import and export names, and makes its glue follow.
//
// wasm-bindgen names each import after its JavaScript function and a hash
// (`__wbg_getBoundingClientRect_329ca748ec918b0c`), once in the wasm and once in the glue, and
// names every export after its Rust path. None of those names means anything to a browser, and
// the hashes do not compress. wasm-opt's pass renames them to a letter or two (as Emscripten
// does); this module then renames them in wasm-bindgen's glue and in wasm-split-cli's loader,
// which are the only code that reads them. Release builds only, after wasm-opt (stage 5,
// scripts/post-build.mjs).
//
// The new names are read from the modules themselves, before and after (the pass keeps the
// order of imports and exports), and every name the glue uses must be found, or the build fails.

import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

/**
 * Renames the imports and exports of `wasmFile` and rewrites `glueFile` (wasm-bindgen's
 * `--target web` output) and `splitLoaderFile` (wasm-split-cli's `__wasm_split.js`) to match.
 * Throws an Error that says what went wrong.
 */
export async function minifyWasmNames({ wasmFile, glueFile, splitLoaderFile }) {
  const before = new WebAssembly.Module(await readFile(wasmFile));
  // wasm-opt prints the mapping it made; the names are read from the modules instead.
  execFileSync('wasm-opt', ['--minify-imports-and-exports-and-modules', wasmFile, '-o', wasmFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const after = new WebAssembly.Module(await readFile(wasmFile));
  const imports = renamed(WebAssembly.Module.imports(before), WebAssembly.Module.imports(after));
  const exports = new Map(
    zip(WebAssembly.Module.exports(before), WebAssembly.Module.exports(after)).map(([old, now]) => [
      old.name,
      now.name,
    ]),
  );

  const glue = renameExports(renameImports(await readFile(glueFile, 'utf8'), imports), exports, glueFile);
  await writeFile(glueFile, glue);
  await writeFile(splitLoaderFile, renameSharedExports(await readFile(splitLoaderFile, 'utf8'), exports));
}

function zip(before, after) {
  if (before.length !== after.length) fail('wasm-opt changed the number of imports or exports');
  return before.map((old, index) => {
    if (old.kind !== after[index].kind) fail('wasm-opt changed the order of imports or exports');
    return [old, after[index]];
  });
}

/** Each import as { module, name, to: { module, name } }. */
function renamed(before, after) {
  return zip(before, after).map(([old, now]) => ({ module: old.module, name: old.name, to: now }));
}

// The glue's imports object: `const import0 = { __proto__: null, NAME: function(…) {…}, … };`
// for its own functions, `import * as importN from "…"` for the other modules, and at its end
// `return { __proto__: null, "MODULE": importK, … };`.
function renameImports(glue, imports) {
  const own = /\n    const (import\d+) = \{\n        __proto__: null,\n/.exec(glue);
  const returned = /\n    return \{\n        __proto__: null,\n((?:        "[^"]+": import\d+,\n)+)    \};\n/.exec(
    glue,
  );
  if (!own || !returned) fail('the glue has no imports object where wasm-bindgen writes it');
  const objectOf = new Map(
    [...returned[1].matchAll(/"([^"]+)": (import\d+)/g)].map(([, module, object]) => [module, object]),
  );
  glue = dropUnusedImports(
    glue,
    own,
    imports.filter(({ module }) => objectOf.get(module) === own[1]),
  );
  // Each module's imports: the glue's own functions whole (`...importN`: their keys are now the
  // names the module imports, and a list of a hundred short random names compresses poorly),
  // and each import from another module by name.
  const modules = new Map();
  for (const { module, name, to } of imports) {
    const object = objectOf.get(module) ?? fail(`the glue does not provide the import module ${module}`);
    let entry;
    if (object === own[1]) {
      // Its own functions: the key is renamed where it is defined.
      const key = `\n        ${name}: `;
      if (glue.split(key).length !== 2) fail(`the glue does not define the import ${name} once`);
      // A function as the replacement: wasm-opt's names may hold `$`, which a replacement string reads.
      glue = glue.replace(key, () => `\n        ${JSON.stringify(to.name)}: `);
      entry = `...${object}`;
    } else {
      entry = `${JSON.stringify(to.name)}: ${object}[${JSON.stringify(name)}]`;
    }
    if (!modules.has(to.module)) modules.set(to.module, new Set());
    modules.get(to.module).add(entry);
  }
  const body = [...modules]
    .map(([module, entries]) => `        ${JSON.stringify(module)}: { __proto__: null, ${[...entries].join(', ')} },\n`)
    .join('');
  return glue.replace(returned[1], () => body);
}

// wasm-bindgen wrote a function for each import of the module it was given; the code that
// drop-stream-classes.mjs made unreachable called some of them, and wasm-opt then removed
// those imports. Their functions go too: nothing else calls them. Each is a key of the
// imports object, indented by eight spaces, up to the next key or the object's end.
function dropUnusedImports(glue, own, ownImports) {
  const start = own.index + own[0].length;
  const end = glue.indexOf('\n    };\n', start);
  if (end < 0) fail("the glue's imports object has no end");
  const used = new Set(ownImports.map(({ name }) => name));
  const entries = glue.slice(start, end).split(/(?=^        [A-Za-z_$][\w$]*: )/m);
  const kept = entries.filter((entry) => used.has(/^        ([A-Za-z_$][\w$]*): /.exec(entry)?.[1]));
  if (kept.length !== used.size) fail('the glue does not define every import of the module');
  return glue.slice(0, start) + kept.join('') + glue.slice(end);
}

function renameExports(glue, exports, glueFile) {
  return glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
    const short = exports.get(name) ?? fail(`${glueFile} uses wasm.${name}, which the module does not export`);
    return `wasm.${short}`;
  });
}

// wasm-split-cli's loader reads the table, memory and shared functions from the main module's exports:
// `const { __indirect_function_table, memory, … } = initSync(…);`.
function renameSharedExports(loader, exports) {
  const shared = /const \{([^}]*)\} = initSync\(/.exec(loader) ?? fail('__wasm_split.js does not read the exports');
  const names = shared[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const renamedNames = names.map(
    (name) => `${exports.get(name) ?? fail(`no export ${name} for __wasm_split.js`)}: ${name}`,
  );
  return loader.replace(shared[0], () => `const { ${renamedNames.join(', ')} } = initSync(`);
}

function fail(message) {
  throw new Error(`minifying the wasm's names: ${message}`);
}
