// Runs the benchmark: the widget against the hand-written baseline (page/baseline.js), in one
// headless Chromium, on the same in-memory answers. Prints the medians and writes results.md.
//
//   node bench/run.mjs [--runs 10] [--warmup 3] [--sizes 100,1000,10000] [--cold-runs 60]
//                      [--only cards,parse,finder,devices,cold,network] [--engine chromium|firefox]
//                      [--dist DIR] [--network-runs 15] [--profiles loopback,lan,vpn,remote]
//                      [--journey-runs 5] [--nginx-conf FILE] [--mock-api FILE] [--https | --http2]
//
// --only runs those sections alone and puts their tables into the existing results.md in place
// of the same tables (the others are kept as they were, with their own run note); without it,
// every section runs and results.md is written anew.
//
// --engine firefox runs the render, the finder and the cold start in Debian's Firefox ESR
// (bench/firefox.mjs) and puts their tables, headed "(Firefox)", into the existing results.md
// after Chromium's; the other sections measure Chromium only.
//
// The network section (bench/network.mjs; Chromium only) loads the widget's page and the
// baseline's from a real nginx that runs --nginx-conf (the shipped deploy/nginx/missing-kbs.conf),
// a first and a repeat visit under each emulated network of --profiles, and the standalone page's
// first journey over the VPN profile against the mock API (--mock-api, its release build); over
// plain HTTP/1.1, or, each in a section of its own, over HTTPS with HTTP/1.1 (--https) or HTTP/2
// (--http2).
//
// Needs a release build in dist/ (bash bench/run.sh makes one; --dist measures another) and
// CHROMIUM_PATH or chromium on PATH (or, for --engine firefox, FIREFOX_PATH or
// /usr/bin/firefox-esr); the network section, nginx with brotli_static (Debian's
// libnginx-mod-http-brotli-static) and the mock API's release build.

import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { selfSignedCertificate } from '../scripts/local-nginx.mjs';
import { launchFirefox } from './firefox.mjs';
import { median } from './median.mjs';
import { PROFILES, journeyRuns, networkSection, startSite, visitRuns } from './network.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '100,1000,10000' },
    'cold-size': { type: 'string', default: '1000' },
    // A cold start varies more from run to run than a render in a warm page (the median of 30
    // runs of one build moved from 0.95 to 1.01x the baseline's): more runs.
    'cold-runs': { type: 'string', default: '60' },
    // The device search: the pause between keystrokes while typing a name (a steady typist's).
    'typing-pace': { type: 'string', default: '150' },
    only: { type: 'string' },
    engine: { type: 'string', default: 'chromium' },
    out: { type: 'string', default: path.join(here, 'results.md') },
    // The build every section measures.
    dist: { type: 'string', default: path.join(repo, 'dist') },
    // The network section: runs under each network, the networks, and the journey's runs.
    'network-runs': { type: 'string', default: '15' },
    profiles: { type: 'string', default: Object.keys(PROFILES).join(',') },
    'journey-runs': { type: 'string', default: '5' },
    'nginx-conf': { type: 'string', default: path.join(repo, 'deploy', 'nginx', 'missing-kbs.conf') },
    'mock-api': { type: 'string', default: path.join(repo, 'target', 'release', 'missing-kbs-mock-api') },
    // The network section over HTTPS: HTTP/1.1, or HTTP/2 (which browsers speak only over TLS).
    https: { type: 'boolean', default: false },
    http2: { type: 'boolean', default: false },
  },
});
const runs = Number(options.runs);
const warmup = Number(options.warmup);
const sizes = options.sizes.split(',').map(Number);
const coldSize = Number(options['cold-size']);
const coldRuns = Number(options['cold-runs']);
const typingPace = Number(options['typing-pace']);
const dist = path.resolve(options.dist);
const networkRunCount = Number(options['network-runs']);
const journeyRunCount = Number(options['journey-runs']);
const profiles = options.profiles.split(',');
for (const profile of profiles) {
  if (!(profile in PROFILES)) throw new Error(`--profiles takes ${Object.keys(PROFILES).join(', ')}, not ${profile}`);
}
const SECTIONS = ['cards', 'parse', 'finder', 'devices', 'cold', 'network'];
// What is measured in Firefox too: the render (with sort and filter), the finder, the cold start.
// Not the network section: it emulates networks with the DevTools protocol, which is Chromium's.
const FIREFOX_SECTIONS = ['cards', 'finder', 'cold'];
const inFirefox = options.engine === 'firefox';
if (!['chromium', 'firefox'].includes(options.engine))
  throw new Error(`--engine takes chromium or firefox, not ${options.engine}`);
const only = options.only?.split(',') ?? (inFirefox ? FIREFOX_SECTIONS : undefined);
for (const section of only ?? []) {
  if (!(inFirefox ? FIREFOX_SECTIONS : SECTIONS).includes(section)) {
    throw new Error(`--only takes ${(inFirefox ? FIREFOX_SECTIONS : SECTIONS).join(', ')}, not ${section}`);
  }
}
const want = (section) => !only || only.includes(section);
// The network section over HTTPS, with a certificate made for the run (removed with its folder at
// the end), which Chromium is launched to trust.
const tlsDir =
  (options.https || options.http2) && want('network') && !inFirefox
    ? mkdtempSync(path.join(os.tmpdir(), 'missing-kbs-bench-tls-'))
    : undefined;
const tls = tlsDir ? { ...selfSignedCertificate(tlsDir), http2: options.http2 } : undefined;
// The device search's fleet, and how many KBs the device of the device view misses.
const FLEET_SIZE = 10_000;
const DEVICE_KBS = 200;
// The widget keeps every page to 50 calls a minute: the device sections open a new page
// before their runs would ask more of one (a search is one call, a device view two).
const RUNS_PER_PAGE = 20;
// The widget's (src/components/device_finder.rs) and the baseline's pause before a search.
const TYPING_PAUSE_MS = 600;

// ---- a static server: the build (dist/) at /, the benchmark pages at /bench/ ---------------------
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};
function serve(request, response) {
  const { pathname } = new URL(request.url, 'http://localhost');
  const file = pathname.startsWith('/bench/')
    ? path.join(here, 'page', pathname.slice('/bench/'.length) || 'index.html')
    : path.join(dist, pathname);
  const inside = file.startsWith(path.join(here, 'page')) || file.startsWith(dist);
  if (!inside || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': types[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
}

async function main() {
  if (!existsSync(path.join(dist, 'pkg', 'missing-kbs_bg.wasm'))) {
    throw new Error(`${dist} has no release build: run bash bench/run.sh, or bash scripts/build.sh first`);
  }
  const server = createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = inFirefox ? await launchFirefox() : await launchChromium();
  const results = {
    render: [],
    sort: [],
    filter: [],
    parse: [],
    cold: null,
    finder: null,
    deviceSearch: null,
    deviceView: null,
    network: null,
  };
  try {
    for (const size of want('cards') ? sizes : []) {
      // A new page per size, so each size starts from the same state and the widget's
      // page-wide request limit (50 a minute) is never reached.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`${origin}/bench/index.html`);
      await page.waitForFunction(() => window.bench !== undefined);
      const answer = await page.evaluate((size) => window.bench.useAnswer(size), size);
      console.log(
        `${size} KBs (${(answer.bytes / 1024).toFixed(0)} KiB of JSON): ${warmup} warm-up and ${runs} measured runs each`,
      );
      const samples = {
        widget: { first: [], all: [], sort: [], filter: [], longest: [] },
        baseline: { first: [], all: [], sort: [], filter: [], longest: [] },
      };
      for (let run = 0; run < warmup + runs; run++) {
        // Alternate which goes first, so neither always runs on a warmer page.
        const order = run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline'];
        for (const kind of order) {
          // Outside the timed steps: the previous step's leftovers (a whole list of cards, for
          // a render) are collected here rather than in the middle of the next measurement.
          const collect = () => page.evaluate(() => window.gc?.());
          await page.evaluate(() => window.bench.reset());
          await collect();
          const rendered = await page.evaluate((kind) => window.bench.render(kind), kind);
          await collect();
          const sorted = await page.evaluate(() => window.bench.sort());
          await collect();
          const filtered = await page.evaluate(() => window.bench.filter());
          if (run < warmup) continue;
          samples[kind].first.push(rendered.first);
          samples[kind].all.push(rendered.all);
          samples[kind].longest.push(rendered.longestTask);
          samples[kind].sort.push(sorted);
          samples[kind].filter.push(filtered);
        }
      }
      await page.evaluate(() => window.bench.reset());
      await page.close();
      const pair = (key) => ({ widget: median(samples.widget[key]), baseline: median(samples.baseline[key]) });
      results.render.push({
        size,
        first: pair('first'),
        all: pair('all'),
        longest: pair('longest'),
        worst: { widget: Math.max(...samples.widget.longest), baseline: Math.max(...samples.baseline.longest) },
      });
      results.sort.push({ size, ...pair('sort') });
      results.filter.push({ size, ...pair('filter') });
      console.log(
        JSON.stringify({
          size,
          render: results.render.at(-1),
          sort: results.sort.at(-1),
          filter: results.filter.at(-1),
        }),
      );
    }

    // Parsing alone, in a page that renders nothing, so no garbage from rendering lands in it.
    for (const size of want('parse') ? sizes : []) {
      const page = await browser.newPage();
      await page.goto(`${origin}/bench/index.html`);
      await page.waitForFunction(() => window.bench !== undefined);
      await page.evaluate((size) => window.bench.useAnswer(size), size);
      const parse = { text: [], value: [] };
      for (let run = 0; run < warmup + runs; run++) {
        const parsed = await page.evaluate(() => window.bench.parse());
        if (run < warmup) continue;
        parse.text.push(parsed.text);
        parse.value.push(parsed.value);
      }
      await page.close();
      results.parse.push({ size, text: median(parse.text), value: median(parse.value) });
      console.log(JSON.stringify({ parse: results.parse.at(-1) }));
    }

    // The software finder on an inventory of 10,000 software: the list, then typing a search.
    if (want('finder')) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${origin}/bench/index.html`);
      await page.waitForFunction(() => window.bench !== undefined);
      const samples = { list: [], longestTask: [], keystroke: [], slowestKeystroke: [] };
      for (let run = 0; run < warmup + runs; run++) {
        await page.evaluate(() => window.gc?.());
        const timing = await page.evaluate(() => window.bench.finder(10_000));
        if (run < warmup) continue;
        samples.list.push(timing.list);
        samples.longestTask.push(timing.longestTask);
        samples.keystroke.push(median(timing.keystrokes));
        samples.slowestKeystroke.push(Math.max(...timing.keystrokes));
      }
      await page.close();
      results.finder = {
        size: 10_000,
        list: median(samples.list),
        longestTask: median(samples.longestTask),
        worstTask: Math.max(...samples.longestTask),
        keystroke: median(samples.keystroke),
        slowestKeystroke: median(samples.slowestKeystroke),
        worstKeystroke: Math.max(...samples.slowestKeystroke),
      };
      console.log(JSON.stringify({ finder: results.finder }));
    }

    if (want('devices')) {
      results.deviceSearch = await deviceSearchRuns(browser, origin);
      console.log(JSON.stringify({ deviceSearch: results.deviceSearch }));
      results.deviceView = await deviceViewRuns(browser, origin);
      console.log(JSON.stringify({ deviceView: results.deviceView }));
    }

    if (want('cold')) await coldStartRuns(browser, origin, results);
    if (want('network')) results.network = await networkRuns(browser);
    results.browser = inFirefox
      ? `Firefox ESR ${browser.version().replace(/^firefox\//, '')}`
      : `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
    server.close();
    if (tlsDir) rmSync(tlsDir, { recursive: true, force: true });
  }
  const report = only
    ? spliceReport(readFileSync(options.out, 'utf8'), formatReport(results), inFirefox ? 'end' : 'before cold start')
    : formatReport(results);
  console.log(`\n${report}`);
  writeFileSync(options.out, report);
  console.log(`written to ${path.relative(process.cwd(), options.out)}`);
}

async function launchChromium() {
  const executablePath =
    process.env.CHROMIUM_PATH || execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  // window.gc, so each measured step starts without the garbage of the one before it; over
  // HTTPS, the site's certificate trusted, so that the browser caches what it serves.
  const trust = tls ? [`--ignore-certificate-errors-spki-list=${tls.spki}`] : [];
  return chromium.launch({ executablePath, args: ['--js-flags=--expose-gc', ...trust] });
}

async function benchPage(browser, origin) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${origin}/bench/index.html`);
  await page.waitForFunction(() => window.bench !== undefined);
  return page;
}

/**
 * The device search over a fleet of FLEET_SIZE devices, widget and baseline alternating: each
 * run types a name's beginning a key at a time (typingPace ms apart) and lets the search go
 * after the pause, then types another and presses Enter. Each prefix matches 100 devices, so 50
 * are shown, and is new to the page, so no answer is shown again from memory.
 */
async function deviceSearchRuns(browser, origin) {
  console.log(
    `device search over ${FLEET_SIZE} devices: ${warmup} warm-up and ${runs} measured runs each, typing ${typingPace} ms a key`,
  );
  const samples = {
    widget: { pause: [], enter: [], requests: 0, searches: 0, most: 0 },
    baseline: { pause: [], enter: [], requests: 0, searches: 0, most: 0 },
  };
  let page = null;
  for (let run = 0; run < warmup + runs; run++) {
    if (run % RUNS_PER_PAGE === 0) {
      await page?.close();
      page = await benchPage(browser, origin);
      await page.evaluate((size) => window.bench.deviceSearchSetup(size), FLEET_SIZE);
    }
    // wks-0000 to wks-0099, two a run: typed "wks-0" and two digits, 100 devices each.
    const prefix = (n) => `wks-0${String(n % 100).padStart(2, '0')}`;
    for (const kind of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
      await page.evaluate(() => window.gc?.());
      const paused = await page.evaluate(
        ([kind, prefix, pace]) => window.bench.deviceSearch(kind, prefix, 'pause', pace),
        [kind, prefix((run % RUNS_PER_PAGE) * 2), typingPace],
      );
      await page.evaluate(() => window.gc?.());
      const entered = await page.evaluate(
        ([kind, prefix, pace]) => window.bench.deviceSearch(kind, prefix, 'enter', pace),
        [kind, prefix((run % RUNS_PER_PAGE) * 2 + 1), typingPace],
      );
      // Every search counts, the warm-up's too: one request per pause or Enter, whatever was typed.
      samples[kind].requests += paused.requests + entered.requests;
      samples[kind].searches += 2;
      samples[kind].most = Math.max(samples[kind].most, paused.requests, entered.requests);
      if (run < warmup) continue;
      samples[kind].pause.push(paused.ms);
      samples[kind].enter.push(entered.ms);
    }
  }
  await page.close();
  const of = (kind) => ({
    pause: median(samples[kind].pause),
    enter: median(samples[kind].enter),
    requests: samples[kind].requests,
    searches: samples[kind].searches,
    most: samples[kind].most,
  });
  return { size: FLEET_SIZE, prefixLength: 'wks-000'.length, widget: of('widget'), baseline: of('baseline') };
}

/** A device missing DEVICE_KBS KBs, shown afresh each run by the widget (machineId) and the baseline. */
async function deviceViewRuns(browser, origin) {
  console.log(`device view, ${DEVICE_KBS} KBs: ${warmup} warm-up and ${runs} measured runs each`);
  const samples = { widget: { first: [], all: [], facts: [] }, baseline: { first: [], all: [], facts: [] } };
  let page = null;
  for (let run = 0; run < warmup + runs; run++) {
    if (run % RUNS_PER_PAGE === 0) {
      await page?.close();
      page = await benchPage(browser, origin);
      await page.evaluate((count) => window.bench.useDevice(count), DEVICE_KBS);
    }
    for (const kind of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
      await page.evaluate(() => window.bench.reset());
      await page.evaluate(() => window.gc?.());
      const timing = await page.evaluate((kind) => window.bench.deviceView(kind), kind);
      if (run < warmup) continue;
      for (const key of ['first', 'all', 'facts']) samples[kind][key].push(timing[key]);
    }
  }
  await page.evaluate(() => window.bench.reset());
  await page.close();
  const pair = (key) => ({ widget: median(samples.widget[key]), baseline: median(samples.baseline[key]) });
  return { kbs: DEVICE_KBS, first: pair('first'), all: pair('all'), facts: pair('facts') };
}

async function coldStartRuns(browser, origin, results) {
  console.log(
    `cold start, ${coldSize} KBs: ${warmup} warm-up and ${coldRuns} measured runs each, a new browser context per run`,
  );
  const cold = { widget: [], baseline: [] };
  for (let run = 0; run < warmup + coldRuns; run++) {
    for (const kind of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${origin}/bench/cold.html?kind=${kind}&size=${coldSize}`);
      const ms = await page.evaluate(() => window.coldStart);
      await context.close();
      if (run >= warmup) cold[kind].push(ms);
    }
  }
  results.cold = { size: coldSize, widget: median(cold.widget), baseline: median(cold.baseline) };
}

/**
 * The network section: nginx and the mock API started for it, the first and the repeat visits
 * under each network of --profiles, then the journey over the VPN profile.
 */
async function networkRuns(browser) {
  const site = await startSite({
    dist,
    pages: path.join(here, 'page'),
    nginxConf: options['nginx-conf'],
    mockApi: options['mock-api'],
    tls,
  });
  try {
    const visits = await visitRuns(browser, site.origin, { profiles, runs: networkRunCount, size: coldSize });
    const journey =
      journeyRunCount > 0 ? await journeyRuns(browser, site.origin, { runs: journeyRunCount, profile: 'vpn' }) : null;
    return { visits, journey, nginxVersion: site.nginxVersion };
  } finally {
    await site.stop();
  }
}

/**
 * `previous` with the `## ` sections of `fresh` in place of those of the same heading; a new
 * section goes before the cold start's (or at the end), or, for `newAt` 'end', at the end; the
 * networks' goes after the cold start's, where a whole run puts it, and the networks' over
 * HTTPS after the networks'. The header of `previous` is kept: the sections of a partial run
 * carry their own run note.
 */
function spliceReport(previous, fresh, newAt) {
  const sections = (text) => text.split(/^(?=## )/m);
  const [, ...added] = sections(fresh);
  const kept = sections(previous);
  for (const section of added) {
    const heading = section.split('\n', 1)[0];
    const at = kept.findIndex((old) => old.split('\n', 1)[0] === heading);
    const networks = kept.findIndex((old) => old.split('\n', 1)[0] === '## Networks');
    if (at >= 0) kept[at] = section;
    else if (heading.startsWith('## Networks, ') && networks >= 0) kept.splice(networks + 1, 0, section);
    else if (heading === '## Networks') {
      // Chromium's cold start: Firefox's tables, after it, are headed (Firefox).
      const cold = kept.findIndex((old) => /^## Cold start.*(?<!\(Firefox\))$/m.test(old.split('\n', 1)[0]));
      kept.splice(cold >= 0 ? cold + 1 : kept.length, 0, section);
    } else {
      const cold = newAt === 'end' ? -1 : kept.findIndex((old) => old.startsWith('## Cold start'));
      kept.splice(cold >= 0 ? cold : kept.length, 0, section);
    }
  }
  return `${kept.map((section) => section.trimEnd()).join('\n\n')}\n`;
}

/** The build measured: dist/, or the directory --dist names. */
function distName() {
  return dist === path.join(repo, 'dist') ? 'dist/' : dist;
}

function sizeLine() {
  // scripts/size-report.mjs reads the dist/ beside it: for another build, a copy of the script
  // reads that build through a link named dist beside it.
  let script = path.join(repo, 'scripts', 'size-report.mjs');
  const elsewhere = dist === path.join(repo, 'dist') ? null : mkdtempSync(path.join(os.tmpdir(), 'missing-kbs-size-'));
  if (elsewhere) {
    mkdirSync(path.join(elsewhere, 'scripts'));
    copyFileSync(script, path.join(elsewhere, 'scripts', 'size-report.mjs'));
    symlinkSync(dist, path.join(elsewhere, 'dist'));
    script = path.join(elsewhere, 'scripts', 'size-report.mjs');
  }
  let output;
  try {
    output = execFileSync('node', [script], { encoding: 'utf8' });
  } finally {
    if (elsewhere) rmSync(elsewhere, { recursive: true });
  }
  // The first table's total is the first download, the second's what loads later.
  const [first, later] = output
    .split('\n')
    .filter((line) => line.startsWith('total'))
    .map((line) => line.split(/\s+/).slice(1));
  return (
    `first download (wasm + JS + CSS + the largest language catalogue): ${first[0]} B raw, ${first[1]} B gzip, ` +
    `${first[2]} B brotli; what loads later (the code and texts of the finder, the KB details, the list's tools, the view of a failure and the standalone page, with the largest catalogue of their texts): ${later[1]} B gzip, ${later[2]} B brotli`
  );
}

function formatReport({ render, sort, filter, parse, cold, finder, deviceSearch, deviceView, network, browser }) {
  const ms = (value) => `${value.toFixed(1)} ms`;
  const ratio = ({ widget, baseline }) => `${(widget / baseline).toFixed(2)}×`;
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  let firefoxNoted = false;
  const partialRunNote = only
    ? [
        '',
        `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`node bench/run.mjs --only ${only.join(',')}${options.runs === '10' ? '' : ` --runs ${runs}`}\` on the machine of the header, ${browser}, ${distName() === 'dist/' ? 'the same dist/' : `the release build in ${distName()}`}; medians of ${runs} runs after ${warmup} warm-up runs. The other sections are from the run in the header.`,
      ]
    : [];
  const lines = [
    '# Benchmark results',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`bash bench/run.sh\`.`,
    '',
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
    `- Browser: ${browser}, headless, 1280×900`,
    // Not for a partial run, whose header spliceReport drops: it would run the size report for nothing.
    `- Widget: release build in ${distName()}${only ? '' : ` (${sizeLine()})`}`,
    `- Baseline: bench/page/baseline.js, the same cards with document.createElement, the same CSS`,
    `- Medians of ${runs} runs after ${warmup} warm-up runs; widget and baseline alternate in one page session per size.`,
    '- Times end at the first frame painted after the change is in the DOM (requestAnimationFrame, then a posted message).',
    '- A garbage collection runs before each timed step (window.gc, outside the time), so no step pays for the garbage of the one before it; each still pays for its own.',
    ...(render.length ? cardSections() : []),
    ...(parse.length ? parseSection() : []),
    ...(finder ? finderSection() : []),
    ...(deviceSearch ? deviceSections() : []),
    ...(cold ? coldSection() : []),
    ...(network ? networkLines() : []),
  ];
  return lines.join('\n');

  // Firefox's tables sit after Chromium's, each headed with the engine; the first says how it ran.
  // A partial run's Chromium sections each say when and how they were run: the header is another
  // run's (spliceReport keeps it).
  function heading(text) {
    if (!inFirefox) return [text, ...partialRunNote];
    if (firefoxNoted) return [`${text} (Firefox)`, '', `${browser}, as the first table headed (Firefox) says.`];
    firefoxNoted = true;
    return [
      `${text} (Firefox)`,
      '',
      `${browser}, headless, 1280×900, on the machine of the header, with the release build in ${distName()} when it ran (not the header's); run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`bash bench/run.sh --engine firefox\`, the widget against the same baseline in the same browser; medians of ${runs} runs after ${warmup} warm-up runs. Firefox gives a page no \`gc\`, so no garbage collection runs between the timed steps, and it reports no long tasks (PerformanceObserver has no \`longtask\` in Gecko), so its tables have no longest-task columns.`,
    ];
  }

  function cardSections() {
    return [
      '',
      ...heading('## Render: from the answer handed over by fetch to cards painted'),
      '',
      '| KBs | widget first card | baseline first card | ratio | widget all cards | baseline all cards | ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...render.map(
        ({ size, first, all }) =>
          `| ${size} | ${ms(first.widget)} | ${ms(first.baseline)} | ${ratio(first)} | ${ms(all.widget)} | ${ms(all.baseline)} | ${ratio(all)} |`,
      ),
      ...(inFirefox ? [] : longestTaskSection()),
      '',
      ...heading('## Sort by KB number, and filter by a product name'),
      '',
      '| KBs | widget sort | baseline sort | ratio | widget filter | baseline filter | ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...sort.map((s, index) => {
        const f = filter[index];
        return `| ${s.size} | ${ms(s.widget)} | ${ms(s.baseline)} | ${ratio(s)} | ${ms(f.widget)} | ${ms(f.baseline)} | ${ratio(f)} |`;
      }),
    ];
  }

  function longestTaskSection() {
    return [
      '',
      ...heading('## Longest task while rendering (the page cannot respond to input during it)'),
      '',
      'The longest task the browser reported (PerformanceObserver, tasks over 50 ms) during a render: the median over the runs, and the worst run (collecting the render’s own garbage included); 0 means none over 50 ms.',
      '',
      '| KBs | widget, median | widget, worst run | baseline, median | baseline, worst run |',
      '|---:|---:|---:|---:|---:|',
      ...render.map(
        ({ size, longest, worst }) =>
          `| ${size} | ${ms(longest.widget)} | ${ms(worst.widget)} | ${ms(longest.baseline)} | ${ms(worst.baseline)} |`,
      ),
    ];
  }

  function parseSection() {
    return [
      '',
      ...heading('## Parsing the answer: serde_json from text, or serde-wasm-bindgen from JSON.parse'),
      '',
      "The widget's parser (core/src/missing_kb.rs) built alone by bench/parse; JSON.parse is included in its column.",
      '',
      '| KBs | serde_json (text) | JSON.parse + serde-wasm-bindgen | ratio |',
      '|---:|---:|---:|---:|',
      ...parse.map(
        ({ size, text, value }) => `| ${size} | ${ms(text)} | ${ms(value)} | ${(value / text).toFixed(2)}× |`,
      ),
    ];
  }

  function finderSection() {
    return [
      '',
      ...heading(`## The software finder on an inventory of ${finder.size} software`),
      '',
      'From mount to the first rows painted (the inventory handed over by fetch at once, in pages of the size the widget asks for), the longest task meanwhile (tasks over 50 ms; 0 means none), and what each keystroke of "windows 10" costs: typed at the start of a frame, the time until that frame is painted with its matches (the search, the new rows, style, layout and paint; under one frame, 16.7 ms at 60 Hz, typing never misses a frame). The median keystroke, and the slowest keystroke (median over the runs, and the worst run). The finder has no hand-written baseline.',
      '',
      ...(inFirefox
        ? [
            '| list painted | keystroke, median | slowest keystroke, median | worst run |',
            '|---:|---:|---:|---:|',
            `| ${ms(finder.list)} | ${ms(finder.keystroke)} | ${ms(finder.slowestKeystroke)} | ${ms(finder.worstKeystroke)} |`,
          ]
        : [
            '| list painted | longest task, median | worst run | keystroke, median | slowest keystroke, median | worst run |',
            '|---:|---:|---:|---:|---:|---:|',
            `| ${ms(finder.list)} | ${ms(finder.longestTask)} | ${ms(finder.worstTask)} | ${ms(finder.keystroke)} | ${ms(finder.slowestKeystroke)} | ${ms(finder.worstKeystroke)} |`,
          ]),
    ];
  }

  function deviceSections() {
    const search = ({ pause, enter, requests, searches, most }) =>
      `${ms(pause)} | ${ms(pause - TYPING_PAUSE_MS)} | ${ms(enter)} | ${requests} for ${searches} | ${most}`;
    const { widget, baseline } = deviceSearch;
    return [
      '',
      ...heading(`## The device search over ${deviceSearch.size} devices`),
      '',
      `A name's beginning ("wks-0" and two digits, ${deviceSearch.prefixLength} keys; each matches 100 of the devices, of which the ${'50'} asked for are shown) typed one key at a time, ${typingPace} ms apart, each at the start of a frame, into the widget's device search (\`finder: true\`, Devices) and into the baseline's (bench/page/baseline.js \`deviceSearch\`: an input, the same ${TYPING_PAUSE_MS} ms pause and Enter, a fetch of the same URL, the same list markup). GET /api/machines?$filter=startswith(computerDnsName,'…')&$top=50 is answered from memory at once, as Defender would answer it (the devices whose name starts so, in name order, at most $top); each name is new to the page, so nothing is shown again from memory.`,
      '',
      `- **After the pause**: from the last keystroke to the matches painted. This **includes the ${TYPING_PAUSE_MS} ms pause** both wait for before searching (the API allows 100 searches a minute); the next column is the time past it.`,
      '- **Enter**: another name typed the same way, then Enter one pace after its last key: from Enter to the matches painted, with no pause. The end is found by a check once a frame, so these times move in steps of up to a frame (16.7 ms): a difference of a few ms here can be where the answer landed in a frame rather than more work.',
      '- **Requests**: the searches each sent over all the runs (warm-up included) for that many searches (a pause or an Enter, after 7 keystrokes each), and the most one search sent: one per pause, never one per keystroke.',
      '',
      '| | last key to matches painted (600 ms pause included) | past the pause | Enter to matches painted | requests sent | most for one search |',
      '|---|---:|---:|---:|---:|---:|',
      `| widget | ${search(widget)} |`,
      `| baseline | ${search(baseline)} |`,
      `| ratio | ${ratio({ widget: widget.pause, baseline: baseline.pause })} | ${ratio({ widget: widget.pause - TYPING_PAUSE_MS, baseline: baseline.pause - TYPING_PAUSE_MS })} | ${ratio({ widget: widget.enter, baseline: baseline.enter })} | | |`,
      '',
      ...heading(`## A device's view: a device missing ${deviceView.kbs} KBs`),
      '',
      `From the mount with \`machineId\` (for the baseline, from calling bench/page/baseline.js \`showDevice\`, which renders the same cards with the render table's renderer under the same header) to the first card, all ${deviceView.kbs} cards, and the device's facts painted. Both answers, GET /api/machines/{id}/getmissingkbs (${deviceView.kbs} KBs shaped as the software's, \`machineMissedOn\` 1) and GET /api/machines/{id}, are handed over by fetch at once. Unlike the render table, the time starts at the mount: the widget's includes starting a widget (its code already loaded in the page) and its device header, which is code that loads later.`,
      '',
      '| KBs | widget first card | baseline first card | ratio | widget all cards | baseline all cards | ratio | widget facts | baseline facts | ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${deviceView.kbs} | ${ms(deviceView.first.widget)} | ${ms(deviceView.first.baseline)} | ${ratio(deviceView.first)} | ${ms(deviceView.all.widget)} | ${ms(deviceView.all.baseline)} | ${ratio(deviceView.all)} | ${ms(deviceView.facts.widget)} | ${ms(deviceView.facts.baseline)} | ${ratio(deviceView.facts)} |`,
    ];
  }

  function networkLines() {
    const shipped = path.join(repo, 'deploy', 'nginx', 'missing-kbs.conf');
    const conf =
      path.resolve(options['nginx-conf']) === shipped ? 'deploy/nginx/missing-kbs.conf' : options['nginx-conf'];
    const command = only ? `node bench/run.mjs ${process.argv.slice(2).join(' ')}` : 'bash bench/run.sh';
    const note =
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`${command}\` on the machine of the header, ${browser}, headless, 1280×900, ` +
      `${network.nginxVersion} running ${conf}, the release build in ${distName()}.`;
    return networkSection({
      visits: network.visits,
      journey: network.journey,
      runs: networkRunCount,
      size: coldSize,
      note,
      tls,
    });
  }

  function coldSection() {
    return [
      '',
      ...heading(`## Cold start: loading the code to the first card of a ${cold.size}-KB answer, nothing cached`),
      '',
      `Medians of ${coldRuns} runs after ${warmup} warm-up runs, each in a new browser context; widget and baseline alternate.`,
      '',
      '| widget | baseline | ratio |',
      '|---:|---:|---:|',
      `| ${ms(cold.widget)} | ${ms(cold.baseline)} | ${ratio(cold)} |`,
      '',
    ];
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
