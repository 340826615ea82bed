// Runs the cross-engine smoke suite (cases.mjs) in Gecko, then in WebKit, against the release
// build in dist/ and the mock API, and exits non-zero if any case failed in any engine.
//
//   node tests/engines/run.mjs [firefox] [webkit]     (both, one after the other, by default)
//
// ENGINES_GREP, if set, runs only the cases whose name contains it; ENGINES_DIST serves a build
// from elsewhere than dist/.
// ENGINES_PORT (default 8791) is the mock's port, apart from the Chromium suite's 8790. Each
// case leaves a screenshot in test-results/engines/<engine>/; the counts go to
// test-results/engines/results.json.
import { spawn } from 'node:child_process';
import { inspect } from 'node:util';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from './cases.mjs';
import { startFirefox } from './gecko.mjs';
import { startWebKit } from './webkit.mjs';
/** @import { Engine } from './engine' */

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const output = path.join(repo, 'test-results/engines');
const port = Number(process.env.ENGINES_PORT ?? 8791);
const baseUrl = `http://127.0.0.1:${port}/`;
/** The longest one case may take, waits included. */
const CASE_TIMEOUT_MS = 60_000;

/** @type {Record<string, () => Promise<Engine>>} */
const ENGINES = {
  firefox: () => startFirefox({ baseUrl, downloadsDir: path.join(output, 'firefox', 'downloads') }),
  webkit: () =>
    startWebKit({ baseUrl, driverPort: port + 1000, downloadsDir: path.join(output, 'webkit', 'downloads') }),
};

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in ENGINES)) throw new Error(`unknown engine ${name}: the suite runs ${Object.keys(ENGINES).join(', ')}`);
}
const engineNames = wanted.length ? wanted : Object.keys(ENGINES);

rmSync(output, { recursive: true, force: true });
const site = servedSite();
const mock = await startMock(site);
/** @type {{ engine: string, version: string, passed: string[], failed: { name: string, error: string }[] }[]} */
const results = [];
try {
  for (const name of engineNames) results.push(await runEngine(name));
} finally {
  mock.kill();
}

writeFileSync(path.join(output, 'results.json'), JSON.stringify(results, null, 2));
let failures = 0;
for (const { engine, version, passed, failed } of results) {
  console.log(`${engine} (${version}): ${passed.length} passed, ${failed.length} failed`);
  failures += failed.length;
}
process.exit(failures ? 1 : 0);

/** @param {string} name */
async function runEngine(name) {
  const started = Date.now();
  const engine = await ENGINES[name]();
  console.log(`\n${engine.name}: ${engine.version}`);
  /** @type {string[]} */
  const passed = [];
  /** @type {{ name: string, error: string }[]} */
  const failed = [];
  try {
    for (const [index, testCase] of cases.entries()) {
      if (process.env.ENGINES_GREP && !testCase.name.includes(process.env.ENGINES_GREP)) continue;
      const caseStarted = Date.now();
      const shot = path.join(output, engine.name, `${String(index + 1).padStart(2, '0')}.png`);
      try {
        await withTimeout(testCase.run(engine), CASE_TIMEOUT_MS);
        passed.push(testCase.name);
        console.log(`  ok    ${testCase.name} (${Date.now() - caseStarted} ms)`);
      } catch (error) {
        // Not always an Error: Puppeteer rethrows what the page threw as it was.
        const message = error instanceof Error ? String(error) : inspect(error, { depth: 3 });
        failed.push({ name: testCase.name, error: error instanceof Error ? String(error.stack) : message });
        console.log(`  FAIL  ${testCase.name} (${Date.now() - caseStarted} ms)\n${indent(message)}`);
      }
      await engine.screenshot(shot).catch(() => {});
    }
  } finally {
    await engine.close();
  }
  console.log(
    `${engine.name}: ${passed.length} passed, ${failed.length} failed, in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return { engine: engine.name, version: engine.version, passed, failed };
}

/**
 * The pages the mock serves under /examples: the repository's examples and the suite's host page.
 */
function servedSite() {
  const dir = path.join(output, 'site');
  mkdirSync(dir, { recursive: true });
  for (const from of [path.join(repo, 'examples'), path.join(here, 'site')]) {
    for (const file of readdirSync(from)) cpSync(path.join(from, file), path.join(dir, file));
  }
  return dir;
}

/**
 * Starts the mock API (as the Chromium suite does) on the suite's port, and waits for it.
 * @param {string} examples
 */
async function startMock(examples) {
  const mock = spawn(
    path.join(repo, 'target/debug/missing-kbs-mock-api'),
    [
      '--port',
      String(port),
      '--dist',
      process.env.ENGINES_DIST ?? 'dist',
      '--examples',
      examples,
      '--hostile',
      'tests/hostile/cases.json',
    ],
    { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(new URL('config.json', baseUrl))).ok) return mock;
    } catch {
      // Not listening yet.
    }
    if (mock.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  mock.kill();
  throw new Error(`the mock API did not answer on ${baseUrl} (is target/debug/missing-kbs-mock-api built, and dist/?)`);
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 */
function withTimeout(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the case took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** @param {string} text */
function indent(text) {
  return text
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
}
