import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// EMBEDDING.md (what a portal team reads), web/missing-kbs.d.ts (what its TypeScript checks)
// and web/missing-kbs.js (what runs) describe one contract. These tests keep EMBEDDING.md equal
// to the .d.ts; tsc holds missing-kbs.js to the .d.ts (web/types/missing-kbs-exports.ts).

const read = (file: string) => fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8');
const embedding = read('EMBEDDING.md');
const types = read('web/missing-kbs.d.ts');

/** The first column's backticked names of the first Markdown table after `heading`. */
function tableNames(heading: string, pickName: (cell: string) => string = (cell) => cell): string[] {
  const lines = embedding.slice(embedding.indexOf(heading)).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines
    .slice(start, end)
    .map((line) => line.match(/^\| `([^`]+)`/)?.[1])
    .filter((cell): cell is string => cell !== undefined)
    .map(pickName);
}

/** The members of `interface name { … }` in the .d.ts: property and method names. */
function interfaceMembers(name: string): string[] {
  const body = types.match(new RegExp(`interface ${name} \\{([\\s\\S]*?)\\n\\}`))![1];
  return [...body.matchAll(/^ {2}'?([\w:]+)'?\??[(:]/gm)].map((match) => match[1]);
}

test('every mount option in EMBEDDING.md is in the .d.ts, and no other', () => {
  expect(tableNames('## `mount(element, options)').sort()).toEqual(interfaceMembers('MountOptions').sort());
});

test('every handle method in EMBEDDING.md is in the .d.ts, and no other', () => {
  const documented = tableNames('The handle:', (cell) => cell.replace(/\(.*$/, ''));
  expect(documented.sort()).toEqual(interfaceMembers('WidgetHandle').sort());
});

test('every event and error kind in EMBEDDING.md is in the .d.ts, and no other', () => {
  expect(tableNames('## Events').sort()).toEqual(interfaceMembers('MissingKbsEventMap').sort());
  const errorRow = embedding.split('\n').find((line) => line.startsWith('| `missingkbs:error`'))!;
  const documentedKinds = [
    ...errorRow
      .slice(errorRow.indexOf('is one of'))
      .split(/;\s*`status`/)[0]
      .matchAll(/`([a-z-]+)`/g),
  ].map((m) => m[1]);
  const typedKinds = [...types.match(/export type ErrorKind =([^;]+);/)![1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
  expect(documentedKinds.sort()).toEqual(typedKinds.sort());
});
