// Stage 8 of the build (scripts/post-build.mjs lists them in order): fails the build unless every
// file the widget's modules fetch at run time is named by a literal URL, the one form a portal's
// bundler finds at build time, copies and rewrites to the copy (EMBEDDING.md, "With a bundler").
//
// In the bundles (missing-kbs.js and standalone.js, as shipped, minified), that means:
//   - `import.meta` appears only as `new URL('<literal path>', import.meta.url)`, and the path
//     names a file of the build (the main wasm, a part of pkg/);
//   - every `import()` takes a literal path that names a file of the build (a catalogue of i18n/);
//   - every wasm file of pkg/ and every catalogue of i18n/ is named so by missing-kbs.js: a file
//     it reaches only by a URL made at run time would be left behind by a bundler, and a part or
//     a language would then never load in a bundled portal, which only the portal tests
//     (tests/portals/) would otherwise notice;
//   - every one of those files but the main wasm is named by its content (content-names.mjs).
// It reads the code as JavaScript (acorn), not as text, so that a string or a comment that looks
// like code neither passes nor fails the check.
//
// Trunk runs it with TRUNK_STAGING_DIR set, through scripts/post-build.mjs.

import { parse } from 'acorn';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_HASH, contentName } from './content-names.mjs';

const staging = process.env.TRUNK_STAGING_DIR ?? fail('TRUNK_STAGING_DIR is not set; this script runs as a Trunk hook');
/** The bundles, and the one a portal imports, which must name every file it may fetch. */
const BUNDLES = ['missing-kbs.js', 'standalone.js'];
const PORTAL_MODULE = 'missing-kbs.js';

/**
 * The files of the build `file` names by a literal URL; fails on any URL it makes at run time.
 * @param {string} file
 */
async function literalUrls(file) {
  const ast = parse(await readFile(path.join(staging, file), 'utf8'), {
    ecmaVersion: 'latest',
    sourceType: 'module',
  });
  const named = new Set();
  /**
   * The file of the build a literal URL names, relative to the bundle; fails if there is none.
   * @param {any} node
   * @param {string} what
   */
  const fileOf = (node, what) => {
    if (node?.type !== 'Literal' || typeof node.value !== 'string') {
      fail(`${file} makes the URL of ${what} at run time (${describe(node)}): a bundler cannot find that file`);
    }
    const target = path.posix.normalize(node.value);
    if (!node.value.startsWith('./') || !existsSync(path.join(staging, target))) {
      fail(`${file} names ${node.value} in ${what}, which is no file of the build beside it`);
    }
    named.add(target);
  };
  walk(ast, [], (node, ancestors) => {
    if (node.type === 'ImportExpression') fileOf(node.source, 'an import()');
    if (node.type !== 'MetaProperty') return;
    const [member, call] = ancestors.slice(-2).reverse();
    const isUrlOfNewUrl =
      member?.type === 'MemberExpression' &&
      !member.computed &&
      member.property.name === 'url' &&
      call?.type === 'NewExpression' &&
      call.callee.type === 'Identifier' &&
      call.callee.name === 'URL' &&
      call.arguments.length === 2 &&
      call.arguments[1] === member;
    if (!isUrlOfNewUrl) fail(`${file} reads import.meta other than as the base of new URL('<file>', import.meta.url)`);
    fileOf(call.arguments[0], 'new URL(…, import.meta.url)');
  });
  return named;
}

/**
 * Calls `visit` on every node of an ESTree tree, with the nodes above it.
 * @param {any} node
 * @param {any[]} ancestors
 * @param {(node: any, ancestors: any[]) => void} visit
 */
function walk(node, ancestors, visit) {
  visit(node, ancestors);
  const below = [...ancestors, node];
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child.type === 'string') walk(child, below, visit);
    }
  }
}

/** @param {any} node */
function describe(node) {
  return node ? `a ${node.type}` : 'no argument';
}

/** Every file a widget may fetch at run time: the wasm files of pkg/ and the catalogues of i18n/. */
async function filesFetchedAtRunTime() {
  const inFolder = async (/** @type {string} */ folder, /** @type {string} */ extension) =>
    (await readdir(path.join(staging, folder)))
      .filter((name) => name.endsWith(extension))
      .map((name) => `${folder}/${name}`);
  return [...(await inFolder('pkg', '.wasm')), ...(await inFolder('i18n', '.js'))];
}

/** The main wasm keeps its name: a page preloads it by that name (content-names.mjs says why). */
const MAIN_WASM = 'pkg/missing-kbs_bg.wasm';

/**
 * Fails unless every file of `files` but the main wasm is named by its content: a server lets
 * browsers keep those for good (deploy/nginx), so a name that did not change with its bytes
 * would keep a stale file in every browser that had it.
 * @param {string[]} files
 */
async function checkContentNames(files) {
  for (const file of files) {
    if (file === MAIN_WASM) continue;
    if (
      contentName(file.replace(CONTENT_HASH, '$2'), new Uint8Array(await readFile(path.join(staging, file)))) !== file
    ) {
      fail(
        `${file} is not named by its content (content-names.mjs): browsers would keep it past a release that changed it`,
      );
    }
  }
}

await checkContentNames(await filesFetchedAtRunTime());
for (const bundle of BUNDLES) {
  const named = await literalUrls(bundle);
  if (bundle !== PORTAL_MODULE) continue;
  const unnamed = (await filesFetchedAtRunTime()).filter((file) => !named.has(file));
  if (unnamed.length) {
    fail(`${bundle} names no literal URL of ${unnamed.join(', ')}: a portal's bundler would leave them behind`);
  }
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`error: checking the widget's asset URLs: ${message}`);
  process.exit(1);
}
