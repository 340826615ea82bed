// The widget's Rust modules depend on each other one way (ARCHITECTURE.md, "Layers"): no import
// circle between the modules of src/, and the views of the parts that load later (components/)
// are reached only through the parts boundary (parts.rs). Read from the source, as rustc would
// not refuse either.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Every .rs file under src/, by its path relative to src/. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.rs') ? [path.relative(SRC, full)] : [];
  });
}

/** The top-level module a file belongs to: `shell` for shell/kb_list.rs, `lib` for lib.rs. */
function moduleOf(file: string): string {
  return file.split(path.sep)[0].replace(/\.rs$/, '');
}

/** The top-level modules a file names through `crate::` paths (in `use` or in place). */
function importsOf(file: string): Set<string> {
  const text = readFileSync(path.join(SRC, file), 'utf8').replace(/\/\/.*$/gm, '');
  return new Set([...text.matchAll(/\bcrate::(\w+)/g)].map((m) => m[1]).filter((name) => name !== moduleOf(file)));
}

const files = sourceFiles();
const graph = new Map<string, Set<string>>();
for (const file of files) {
  const from = moduleOf(file);
  const edges = graph.get(from) ?? new Set<string>();
  for (const to of importsOf(file)) edges.add(to);
  graph.set(from, edges);
}

/** A circle of module names (first and last the same), or none. */
function findCircle(): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle) return circle;
  }
  return undefined;
}

test('src/ has no import circle between its modules', () => {
  expect(graph.size).toBeGreaterThan(10);
  expect(findCircle()).toBeUndefined();
});

test('only the parts boundary reaches the views of the parts that load later', () => {
  const importers = files.filter((file) => moduleOf(file) !== 'components' && importsOf(file).has('components'));
  expect(importers).toEqual(['parts.rs']);
});

test('every #[wasm_split] function is in the parts boundary, and only it awaits the later texts', () => {
  const using = (pattern: RegExp) => files.filter((file) => pattern.test(readFileSync(path.join(SRC, file), 'utf8')));
  expect(using(/#\[wasm_split\(/)).toEqual(['parts.rs']);
  expect(using(/later_texts_arrived\([^)]*\)\s*\.await/)).toEqual(['parts.rs']);
});
