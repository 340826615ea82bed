// web/missing-kbs.js exports what web/missing-kbs.d.ts declares, no more and no less, each with a
// type that fits its declaration. Nothing runs this file: tsc checks it (tsconfig.json), and a
// difference is a type error here. (Each export's body is checked against the .d.ts's types in
// missing-kbs.js itself, through its JSDoc.)
import type * as declared from '../missing-kbs.d.ts';
import type * as implemented from '#implementation/missing-kbs.js';

/** What missing-kbs.js exports, as tsc reads it from the module itself. */
declare const implementation: typeof implemented;

/** Every declared export is there, and fits its declaration. */
export const declaredExports: typeof declared = implementation;

/** Every export is declared: an undeclared one is a property missing here. */
export const undeclaredExports: Record<Exclude<keyof typeof implemented, keyof typeof declared>, never> = {};
