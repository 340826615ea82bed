// The benchmark's network section (node bench/run.mjs --only network): the widget and the
// baseline loaded over emulated networks from a real nginx that runs the shipped
// deploy/nginx/missing-kbs.conf, so every file comes as it would in a deployment: the brotli copy,
// the same Cache-Control and the same validators (ETag, Last-Modified), and a repeat visit
// revalidates what that file says to revalidate. Chromium only: the networks are emulated with
// the DevTools protocol (Network.emulateNetworkConditions), which Chromium alone speaks.
//
// Two measurements:
// - the first visit (a new browser context, so an empty HTTP cache) and a repeat visit (a new
//   tab in the same context, so the HTTP cache of the first is warm) of bench/page/cold-widget.html
//   and cold-baseline.html, timed from the navigation's start to the first card painted, with the
//   requests and bytes of each visit;
// - the whole first journey of the standalone page (dist/index.html against the mock Defender
//   API, behind the same nginx): opened cold until the finder lists the inventory, a software
//   chosen until its first card, a KB's details opened until they show, each step's time and
//   what it fetched.
//
// The emulation adds a round trip's latency to each request and caps the throughput, in the
// browser's network stack; it does not emulate TCP or TLS: nginx listens on loopback (over plain
// HTTP/1.1, or over HTTPS with --https or --http2), so opening a connection costs none of the
// round trips it costs on a real network.

import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { COMPRESSIBLE, writeCompressedCopies } from '../scripts/compressed-copies.mjs';
import { freePort, startNginx, swapUpstream } from '../scripts/local-nginx.mjs';
import { median } from './median.mjs';

/**
 * The networks emulated: the round trip added to each request, and the throughput each way, in
 * bytes a second (Network.emulateNetworkConditions' units). Loopback emulates nothing.
 */
export const PROFILES = {
  loopback: { name: 'loopback', note: 'no emulation', conditions: null },
  lan: { name: 'LAN', note: '100 Mbit/s, 5 ms round trip', conditions: emulated(100, 5) },
  vpn: { name: 'VPN', note: '20 Mbit/s, 60 ms round trip', conditions: emulated(20, 60) },
  remote: { name: 'remote', note: '5 Mbit/s, 120 ms round trip', conditions: emulated(5, 120) },
};

function emulated(megabitsPerSecond, roundTripMs) {
  const bytesPerSecond = (megabitsPerSecond * 1_000_000) / 8;
  return {
    offline: false,
    latency: roundTripMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  };
}

// What the standalone page reads for the journey: the mock's token, and the API behind nginx's
// proxy (the shipped file's /defender/api/, its upstream swapped for the mock).
const STANDALONE_CONFIG = '{"mockApi": true, "apiBase": "/defender"}';
// The software the journey chooses in the finder, as a person types it, and its ID.
const JOURNEY_SEARCH = 'windows 10';
const JOURNEY_SOFTWARE = 'microsoft-_-windows_10';
// A visit is over once no request has been in flight for this long after its last step: what the
// page fetches after the first card (the list's tools) counts in the visit too.
const QUIET_MS = 300;
const SETTLE_TIMEOUT_MS = 20_000;
// What the widget shows last, its list's tools (code that loads after the cards): a visit, or the
// journey's step to a list, is over once they show and the network has been quiet.
const WIDGET_SHOWN_LAST = '[data-testid="list-tools"]';
// Chromium warns in the console of a preload not used "within a few seconds" of the load event:
// the warm-up visits stay open this long after they settle, so that warning would be seen.
const PRELOAD_WARNING_WAIT_MS = 3_500;

/**
 * Starts the mock Defender API and an nginx that runs `nginxConf` with its upstream swapped for
 * the mock, serving a directory assembled from `dist` (at /, with a config.json of the mock's) and
 * the benchmark's pages (at /bench/, with the brotli and gzip copies a release build makes), over
 * plain HTTP/1.1, or with `tls` over HTTPS (`local-nginx.mjs`'s startNginx), whose certificate
 * the browser must trust. Returns the site's origin, nginx's version, and stop().
 */
export async function startSite({ dist, pages, nginxConf, mockApi, tls }) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'missing-kbs-bench-network-'));
  const stops = [];
  const stopServers = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    const root = path.join(workDir, 'root');
    cpSync(dist, root, { recursive: true });
    // The copy's own config.json (an admin's file, never compressed): the dist/ given keeps its own.
    writeFileSync(path.join(root, 'config.json'), STANDALONE_CONFIG);
    mkdirSync(path.join(root, 'bench'));
    for (const entry of readdirSync(pages, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(root, 'bench', entry.name);
      copyFileSync(path.join(pages, entry.name), file);
      if (COMPRESSIBLE.has(path.extname(entry.name))) await writeCompressedCopies(file);
    }

    const mock = await startMockApi(mockApi);
    stops.push(() => mock.stop());
    const site = swapUpstream(readFileSync(nginxConf, 'utf8'), `127.0.0.1:${mock.port}`);
    const nginx = await startNginx({ dir: workDir, port: await freePort(), root, site, tls });
    stops.push(() => nginx.stop());
    return {
      origin: nginx.url,
      nginxVersion: nginx.version,
      stop: async () => {
        await stopServers();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // The directory stays, with nginx's error.log, for whoever reads the error.
    await stopServers();
    throw error;
  }
}

/** The mock Defender API on a free port (it picks one for --port 0 and prints its address). */
async function startMockApi(binary) {
  const mock = spawn(binary, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => mock.once('exit', resolve));
  const lines = createInterface({ input: mock.stdout });
  const port = await new Promise((resolve, reject) => {
    mock.once('error', reject);
    exited.then((code) => reject(new Error(`${binary} exited (${code}) before it listened`)));
    lines.on('line', (line) => {
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (listening) resolve(Number(listening[1]));
    });
  });
  lines.on('line', () => {}); // keep reading, so the mock never blocks on a full pipe
  return {
    port,
    stop: async () => {
      mock.kill();
      await exited;
    },
  };
}

// ---- the first visit and a repeat visit ------------------------------------------------------

// Each run is a new browser context, so little warms up from one run to the next: one warm-up
// run a network, whose visits also stay open for Chromium's warning of an unused preload.
const WARMUP_RUNS = 1;

/**
 * The first visit and a repeat visit of the widget's page and the baseline's, under each network
 * of `profiles` (keys of PROFILES), `runs` times each after WARMUP_RUNS, widget and baseline
 * alternating; medians.
 */
export async function visitRuns(browser, origin, { profiles, runs, size }) {
  const results = [];
  for (const key of profiles) {
    const profile = PROFILES[key];
    console.log(
      `${profile.name} (${profile.note}), ${size} KBs: ${WARMUP_RUNS} warm-up and ${runs} measured runs each, a first and a repeat visit a run`,
    );
    const samples = { widget: { first: [], repeat: [] }, baseline: { first: [], repeat: [] } };
    const messages = new Set();
    for (let run = 0; run < WARMUP_RUNS + runs; run++) {
      for (const kind of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
        const url = `${origin}/bench/cold-${kind}.html?size=${size}`;
        const linger = run < WARMUP_RUNS;
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const shownLast = kind === 'widget' ? WIDGET_SHOWN_LAST : null;
        const first = await visit(context, url, profile.conditions, { linger, shownLast });
        // A new tab of the same context: its HTTP cache is the first visit's, as on a later
        // visit, while nothing of the first page lives on in it.
        const repeat = await visit(context, url, profile.conditions, { linger, shownLast });
        await context.close();
        for (const message of [...first.messages, ...repeat.messages]) messages.add(`${kind}: ${message}`);
        if (run < WARMUP_RUNS) continue;
        samples[kind].first.push(first);
        samples[kind].repeat.push(repeat);
      }
    }
    const summary = (visits) => ({
      ms: median(visits.map((visit) => visit.ms)),
      ...Object.fromEntries(
        ['requests', 'fromServer', 'revalidated', 'fromCache', 'failed', 'bytes', 'roundTrips'].map((field) => [
          field,
          median(visits.map((visit) => visit.fetched[field])),
        ]),
      ),
      // What the last run's visit fetched, file by file, for the report's list.
      files: visits.at(-1).fetched.files,
    });
    const result = { profile: key, messages: [...messages] };
    for (const kind of ['widget', 'baseline']) {
      result[kind] = { first: summary(samples[kind].first), repeat: summary(samples[kind].repeat) };
    }
    results.push(result);
    console.log(
      JSON.stringify({
        profile: key,
        first: { widget: result.widget.first.ms, baseline: result.baseline.first.ms },
        repeat: { widget: result.widget.repeat.ms, baseline: result.baseline.repeat.ms },
        requests: {
          widget: [result.widget.first.requests, result.widget.repeat.requests],
          baseline: [result.baseline.first.requests, result.baseline.repeat.requests],
        },
      }),
    );
    for (const message of messages) console.log(`  console: ${message}`);
  }
  return results;
}

/**
 * One visit of `url` in a new tab of `context`, under `conditions` (none for loopback): the time
 * from the navigation's start to the first card painted, and what the page fetched until
 * `shownLast` showed (if given) and the network went quiet. With `linger`, the tab stays open a
 * few seconds more, so that a warning of an unused preload shows among the console's messages.
 */
async function visit(context, url, conditions, { linger, shownLast }) {
  const { page, recorder, messages } = await openTab(context, conditions);
  await page.goto(url);
  const painted = await page.evaluate(() => window.firstCardPainted);
  if (typeof painted !== 'number') throw new Error(`${url} painted no card: ${messages.join('; ') || 'no message'}`);
  if (shownLast) await page.locator(shownLast).waitFor({ state: 'attached' });
  await recorder.settled(page);
  if (linger) await page.waitForTimeout(PRELOAD_WARNING_WAIT_MS);
  await page.close();
  return { ms: painted, fetched: tally(recorder.requests()), messages };
}

/** A new tab of `context` whose requests are recorded, under `conditions`, and its console's warnings and errors. */
async function openTab(context, conditions) {
  const page = await context.newPage();
  const messages = [];
  page.on('console', (message) => {
    if (['warning', 'error'].includes(message.type())) messages.push(message.text());
  });
  page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  const recorder = recordRequests(cdp);
  await cdp.send('Network.enable');
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
  return { page, recorder, messages };
}

/**
 * Records what a page fetches from the DevTools protocol's Network events: each request's URL,
 * when it was sent (wall clock, in ms, as performance.timeOrigin counts), the script or page that
 * asked for it, how it was answered (by the server, by the server's 304 to a revalidation, or by
 * the cache without asking the server) and the bytes it took on the wire, headers included.
 *
 * Chromium reports some of the widget's fetches as canceled (net::ERR_ABORTED) after their whole
 * answer has arrived and the page has shown it, another request from one run to the next:
 * such a request has no loadingFinished, so its bytes are counted as they arrive (the headers,
 * then each chunk), and it is told from a request cut short by the length of what arrived.
 */
function recordRequests(cdp) {
  const records = new Map();
  let lastEventAt = Date.now();
  const record = (id) => {
    lastEventAt = Date.now();
    if (!records.has(id)) {
      records.set(id, {
        status: 0,
        fromCache: false,
        bytes: 0,
        headerBytes: 0,
        // The body's length as it arrived (decoded), and the length the answer's headers give.
        received: 0,
        length: null,
        // Whether its response (headers, or the cache's answer) and its end have been reported:
        // on a busy machine one can come well after the other.
        responded: false,
        done: false,
        failed: null,
      });
    }
    return records.get(id);
  };
  cdp.on('Network.requestWillBeSent', (event) => {
    Object.assign(record(event.requestId), {
      url: event.request.url,
      sentAt: event.wallTime * 1000,
      initiator: initiatorUrl(event.initiator),
    });
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    record(event.requestId).fromCache = true;
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = record(event.requestId);
    request.responded = true;
    // A revalidated answer is the cached one, 200; the status on the wire, 304, comes in the
    // extra info below, before or after this event.
    request.status ||= event.response.status;
    // Headers are keyed as sent: HTTP/1.1's may be in any case.
    const headers = Object.entries(event.response.headers);
    const header = (wanted) => headers.find(([name]) => name.toLowerCase() === wanted)?.[1] ?? null;
    request.encoding = header('content-encoding');
    // The decoded length, when the answer is sent as it is (the API's): a compressed one's
    // content-length is of its compressed bytes.
    request.length =
      request.encoding === null && header('content-length') !== null ? Number(header('content-length')) : null;
    // The headers' bytes, to which each chunk's are added, until loadingFinished gives the total.
    request.headerBytes = event.response.encodedDataLength;
    request.protocol = event.response.protocol;
    if (!request.done) request.bytes = event.response.encodedDataLength;
    if (event.response.fromDiskCache || event.response.fromPrefetchCache || event.response.fromServiceWorker) {
      request.fromCache = true;
    }
  });
  cdp.on('Network.responseReceivedExtraInfo', (event) => {
    record(event.requestId).status = event.statusCode;
  });
  cdp.on('Network.dataReceived', (event) => {
    const request = record(event.requestId);
    request.received += event.dataLength;
    if (!request.done) request.bytes += event.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    Object.assign(record(event.requestId), { done: true, bytes: event.encodedDataLength });
  });
  cdp.on('Network.loadingFailed', (event) => {
    const request = record(event.requestId);
    request.done = true;
    // Canceled with its whole answer in: answered, as far as the page and the network go. Its
    // chunks' bytes may not all have been reported yet: it was sent as it is, so its body's
    // bytes on the wire are its content-length, which over HTTP/2 Chromium has already counted
    // with the headers' when it reported the response.
    if (request.length !== null && request.received >= request.length) {
      request.canceledWhole = true;
      request.bytes = request.headerBytes + (request.protocol === 'h2' ? 0 : request.length);
    } else request.failed = event.errorText;
  });
  // Only the page's fetches over HTTP: not its data: URLs (the icon).
  const requests = () => [...records.values()].filter((request) => request.url?.startsWith('http'));
  return {
    requests,
    /**
     * Resolves once `page` has been idle and then no request has been in flight for QUIET_MS.
     * Idle first: a page busy rendering may ask for more (the widget, for its list's tools) well
     * after the network last moved.
     */
    async settled(page) {
      await page.evaluate(
        (timeout) => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout })),
        SETTLE_TIMEOUT_MS,
      );
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      for (;;) {
        const pending = requests().filter((request) => !request.done || (!request.responded && !request.failed));
        if (pending.length === 0 && Date.now() - lastEventAt >= QUIET_MS) return;
        if (Date.now() > deadline) {
          throw new Error(`the page still waits for ${pending.map((request) => request.url).join(', ') || 'nothing'}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** The URL of the page or script that asked for a request (for a script, its innermost frame's). */
function initiatorUrl(initiator) {
  if (initiator.url) return initiator.url;
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((callFrame) => callFrame.url);
    if (frame) return frame.url;
  }
  return null;
}

/**
 * What `requests` fetched: how many, how each was answered (or that it failed: a request the page
 * aborted, say), the bytes on the wire of those answered, each file, and how many answers of the
 * server the longest chain of them waited for in a row: a file asked for by a script waits for
 * that script, and one the cache answers adds no round trip.
 */
function tally(requests) {
  const unfinished = requests.filter((request) => !request.done);
  if (unfinished.length) throw new Error(`counted before they ended: ${unfinished.map((r) => r.url).join(', ')}`);
  const byUrl = new Map();
  for (const request of requests) if (!byUrl.has(request.url)) byUrl.set(request.url, request);
  const depths = new Map();
  const depth = (request, chain = new Set()) => {
    if (depths.has(request)) return depths.get(request);
    chain.add(request);
    const parent = byUrl.get(request.initiator);
    const above = parent && !chain.has(parent) ? depth(parent, chain) : 0;
    const own = (request.fromCache ? 0 : 1) + above;
    depths.set(request, own);
    return own;
  };
  const how = (request) =>
    request.failed
      ? `failed: ${request.failed}`
      : request.fromCache
        ? 'cache'
        : request.status === 304
          ? '304'
          : `${request.status}${request.canceledWhole ? ', then canceled' : ''}`;
  const answered = requests.filter((request) => !request.failed);
  return {
    requests: requests.length,
    fromServer: answered.filter((request) => !request.fromCache && request.status !== 304).length,
    revalidated: answered.filter((request) => !request.fromCache && request.status === 304).length,
    fromCache: answered.filter((request) => request.fromCache).length,
    failed: requests.length - answered.length,
    bytes: requests.reduce((sum, request) => sum + request.bytes, 0),
    roundTrips: Math.max(0, ...requests.map((request) => depth(request))),
    files: requests.map((request) => ({
      encoding: request.encoding,
      url: request.url,
      how: how(request),
      bytes: request.bytes,
      sentAt: request.sentAt,
    })),
  };
}

// ---- the first journey over the VPN -----------------------------------------------------------

/** The journey's steps: what each is, when it starts and what ends it. */
const JOURNEY_STEPS = [
  {
    key: 'open',
    label: 'the standalone page opened cold',
    from: "the navigation's start",
    to: 'the finder lists the inventory',
  },
  {
    key: 'choose',
    label: `"${JOURNEY_SEARCH}" typed in the finder, Windows 10 chosen`,
    from: 'the click',
    to: 'its first card',
  },
  {
    key: 'details',
    label: "the first card's Details opened",
    from: 'the click',
    to: 'its CVEs and its devices show',
  },
  {
    key: 'device',
    label: 'the first of those devices opened',
    from: 'the click',
    to: 'its first card',
  },
];

/**
 * The standalone page's first journey under `profile` (a key of PROFILES), `runs` times, each in a
 * new browser context: each step's time, and what it fetched (medians), with the last run's files.
 */
export async function journeyRuns(browser, origin, { runs, profile }) {
  const { conditions, name, note } = PROFILES[profile];
  console.log(`the first journey over the ${name} profile (${note}): ${WARMUP_RUNS} warm-up and ${runs} measured runs`);
  const samples = Object.fromEntries(JOURNEY_STEPS.map(({ key }) => [key, []]));
  const messages = new Set();
  for (let run = 0; run < WARMUP_RUNS + runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await openTab(context, conditions);
    const steps = await journey(tab, origin);
    await context.close();
    for (const message of tab.messages) messages.add(message);
    if (run < WARMUP_RUNS) continue;
    for (const { key } of JOURNEY_STEPS) samples[key].push(steps[key]);
  }
  const steps = JOURNEY_STEPS.map((description) => {
    const step = samples[description.key];
    const medianOf = (read) => median(step.map(read));
    return {
      ...description,
      ms: medianOf((sample) => sample.ms),
      // By the step's end, and what the page went on fetching after it until the network was quiet.
      during: { requests: medianOf((s) => s.during.requests), bytes: medianOf((s) => s.during.bytes) },
      after: { requests: medianOf((s) => s.after.requests), bytes: medianOf((s) => s.after.bytes) },
      files: step.at(-1).files,
      kb: step.at(-1).kb,
    };
  });
  for (const step of steps)
    console.log(JSON.stringify({ step: step.key, ms: step.ms, during: step.during, after: step.after }));
  for (const message of messages) console.log(`  console: ${message}`);
  return { profile, runs, steps, messages: [...messages] };
}

/**
 * One journey in `tab`: each step from its start (the navigation's, or the click's) to the frame
 * that paints what ends it. A step's requests are those sent after the last step settled: by its
 * end, and after it until the network was quiet (what the page fetches when it has shown it).
 */
async function journey({ page, recorder }, origin) {
  const counted = new Set();
  const stepRequests = (timeOrigin, end) => {
    const fresh = recorder.requests().filter((request) => !counted.has(request));
    for (const request of fresh) counted.add(request);
    const by = (requests) => ({
      requests: requests.length,
      bytes: requests.reduce((sum, request) => sum + request.bytes, 0),
    });
    return {
      during: by(fresh.filter((request) => request.sentAt <= timeOrigin + end)),
      after: by(fresh.filter((request) => request.sentAt > timeOrigin + end)),
      files: tally(fresh).files.map((file) => ({ ...file, after: file.sentAt > timeOrigin + end })),
    };
  };

  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  const listed = await page.evaluate(whenPainted, { selectors: ['[data-testid="software-option"]'] });
  await recorder.settled(page);
  const open = { ms: listed.end, ...stepRequests(timeOrigin, listed.end) };

  // Typing is searched in the page, without a request (any it sent would count in this step).
  await page.getByTestId('find-software').fill(JOURNEY_SEARCH);
  const choice = `[data-testid="software-option"][data-software-id="${JOURNEY_SOFTWARE}"] button`;
  await page.locator(choice).waitFor();
  const chosen = await page.evaluate(whenPainted, { click: choice, selectors: ['[data-testid="kb-card"]'] });
  await page.locator(WIDGET_SHOWN_LAST).waitFor({ state: 'attached' });
  await recorder.settled(page);
  const choose = { ms: chosen.end - chosen.start, ...stepRequests(timeOrigin, chosen.end) };

  const toggle = '[data-testid="kb-card"] [data-testid="details-toggle"]';
  const panel = '[data-testid="details-panel"]';
  const kb = await page.locator('[data-testid="kb-card"] [data-testid="kb-number"]').first().textContent();
  const shown = await page.evaluate(whenPainted, {
    click: toggle,
    selectors: [`${panel} [data-testid="cve"]`, `${panel} [data-testid="device"]`],
  });
  await recorder.settled(page);
  const details = { ms: shown.end - shown.start, kb, ...stepRequests(timeOrigin, shown.end) };

  // The device's own list, over the software's: its part (the header, the facts) may come after
  // its first card, and counts in the step's requests "after".
  const opened = await page.evaluate(whenPainted, {
    click: `${panel} [data-testid="device-name"]`,
    selectors: ['[data-testid="device-pane"] [data-testid="kb-card"]'],
  });
  await page.locator('[data-testid="device-pane"] [data-testid="device-facts"]').waitFor();
  await recorder.settled(page);
  const device = { ms: opened.end - opened.start, ...stepRequests(timeOrigin, opened.end) };
  return { open, choose, details, device };
}

/**
 * Runs in the page: clicks `click`, if given, and resolves with when it did and when the first
 * frame that shows every one of `selectors` was painted, in ms since the navigation's start.
 */
function whenPainted({ click, selectors }) {
  return new Promise((resolve) => {
    const start = performance.now();
    if (click) document.querySelector(click).click();
    const check = () => {
      if (!selectors.every((selector) => document.querySelector(selector))) {
        requestAnimationFrame(check);
        return;
      }
      // A message posted from a frame callback is handled after that frame is painted.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ start, end: performance.now() });
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(check);
  });
}

// ---- the report -------------------------------------------------------------------------------

/**
 * The "## Networks" section of results.md ("## Networks, over HTTPS with …" when served with
 * `tls`): `visits` (visitRuns'), `journey` (journeyRuns'), and `note`, the run's own note (a
 * partial run's sections carry their own).
 */
export function networkSection({ visits, journey, runs, size, note, tls }) {
  const ms = (value) => `${value.toFixed(1)} ms`;
  const ratio = (widget, baseline) => `${(widget / baseline).toFixed(2)}×`;
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const networkName = (key) => `${PROFILES[key].name} (${PROFILES[key].note})`;
  const lines = [
    '',
    tls ? `## Networks, over HTTPS with ${tls.http2 ? 'HTTP/2' : 'HTTP/1.1'}` : '## Networks',
    '',
    note,
    '',
    '- Served by a real nginx running the shipped nginx configuration, unchanged but for its Defender upstream (the mock API, as tests/e2e/deploy.spec.ts swaps it), from a directory holding the build at / and the benchmark pages at /bench/, each with the brotli and gzip copies a release build makes: every file but config.json comes brotli-compressed, with the configuration’s Cache-Control, ETag and Last-Modified, as in a deployment.',
    `- The networks are emulated by Chromium (DevTools protocol, Network.emulateNetworkConditions): the round trip is added to each request and the throughput is capped each way. Connections are not emulated: nginx listens on loopback, ${connections()}; opening a connection costs none of the round trips a TCP and TLS handshake would cost on a real network.`,
    `- Each run is a new browser context (an empty HTTP cache); one warm-up run a network, whose visits stay open ${PRELOAD_WARNING_WAIT_MS / 1000} s more for Chromium’s warning of a preload left unused; widget and baseline alternate; medians of ${runs} runs.`,
  ];
  if (visits.length) lines.push(...visitTables());
  if (journey) lines.push(...journeyTable());
  return lines;

  function connections() {
    const https = 'over HTTPS (a certificate of the benchmark’s own, which the browser is told to trust, by its key)';
    if (tls?.http2) return `${https} with HTTP/2, so a page’s requests share one connection`;
    const sixAtATime = 'a page has at most six connections to it and its other requests wait for one';
    return tls ? `${https} with HTTP/1.1, so ${sixAtATime}` : `over plain HTTP/1.1, so ${sixAtATime}`;
  }

  function visitTables() {
    const rows = [];
    for (const { profile, widget, baseline } of visits) {
      rows.push(
        `| ${networkName(profile)} | ${ms(widget.first.ms)} | ${ms(baseline.first.ms)} | ${ratio(widget.first.ms, baseline.first.ms)} | ${ms(widget.repeat.ms)} | ${ms(baseline.repeat.ms)} | ${ratio(widget.repeat.ms, baseline.repeat.ms)} |`,
      );
    }
    const fetched = [];
    for (const { profile, widget, baseline } of visits) {
      for (const [visit, visitName] of [
        ['first', 'first'],
        ['repeat', 'repeat'],
      ]) {
        for (const [kind, figures] of [
          ['widget', widget[visit]],
          ['baseline', baseline[visit]],
        ]) {
          fetched.push(
            `| ${PROFILES[profile].name} | ${visitName} | ${kind} | ${figures.requests} | ${figures.fromServer} | ${figures.revalidated} | ${figures.fromCache} | ${kib(figures.bytes)} | ${figures.roundTrips} |`,
          );
        }
      }
    }
    const listed = visits.find(({ profile }) => profile === 'vpn') ?? visits.at(-1);
    const messages = visits.flatMap(({ profile, messages }) =>
      messages.map((text) => `${PROFILES[profile].name}, ${text}`),
    );
    return [
      '',
      `### The first visit and a repeat visit, to the first card of a ${size}-KB answer`,
      '',
      "The widget's page, bench/page/cold-widget.html, carries the lines a portal's page carries for it (EMBEDDING.md): its CSS, its module (`modulepreload`) and its wasm (`preload`), all fetched with the page; the baseline's, cold-baseline.html, the same CSS (the baseline's cards use the widget's classes) and baseline.js (`modulepreload`). Both preload the benchmark's own modules alike, and both hand the same in-memory answer to the renderer's fetch, as the cold start's page does. The time runs from the navigation's start (performance.timeOrigin) to the first card painted: the page, every file it fetches, the renderer's start and the render. The repeat visit is a new tab of the same browser context: the first visit's HTTP cache, and nothing else of it.",
      '',
      '| network | widget, first visit | baseline, first visit | ratio | widget, repeat visit | baseline, repeat visit | ratio |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      '### What each visit fetched',
      '',
      `Every request of the visit: until, after the first card (and for the widget, after its list's tools, code that loads after the cards), the page was idle and no request had been in flight for ${QUIET_MS} ms; medians. Answered by the server (200), by the server's 304 to the browser's revalidation, or by the HTTP cache without a request to the server. The bytes are those on the wire, headers included. Round trips in a row: the longest chain of the server's answers in which each file was asked for by the page or script the one before delivered (an answer from the cache adds none).`,
      '',
      '| network | visit | page | requests | 200 | 304 | from the cache | bytes on the wire | round trips in a row |',
      '|---|---|---|---:|---:|---:|---:|---:|---:|',
      ...fetched,
      '',
      `The files of the last run over the ${PROFILES[listed.profile].name} profile:`,
      '',
      ...['widget', 'baseline'].flatMap((kind) =>
        ['first', 'repeat'].map((visit) => `- ${kind}, ${visit} visit: ${describeFiles(listed[kind][visit].files)}`),
      ),
      '',
      messages.length
        ? `The console's warnings and errors: ${messages.map((text) => `“${text}”`).join('; ')}.`
        : 'The console showed no warning or error in any visit: no Content Security Policy violation, and no preload left unused.',
    ];
  }

  function journeyTable() {
    const { profile, runs: journeyRunCount, steps, messages } = journey;
    // The KB whose details were opened: the first card's, the most missed.
    const label = (step) => (step.key === 'details' ? `${step.label} (${step.kb})` : step.label);
    const canceled = steps.flatMap((step) => step.files).filter((file) => file.how.endsWith('then canceled')).length;
    return [
      '',
      `### The first journey over the ${networkName(profile)}`,
      '',
      `The standalone page (dist/index.html, served by the same nginx) with a config.json of the mock's, \`${STANDALONE_CONFIG}\`: no sign-in, and the API through nginx's /defender/api/ proxy to the mock Defender API (its release build), whose answers nginx passes on uncompressed, as the mock sends them: the shipped configuration compresses no answer of the proxy itself, and the mock compresses none. Each run is a new browser context's first visit. A step is timed from its start to the first frame painted that shows its end; its requests are those it sent by then, and those it sent after (what the page fetches once it has shown the step's end: the list's tools after its first card), until the page was idle and none had been in flight for ${QUIET_MS} ms, with their bytes on the wire, headers included. Medians of ${journeyRunCount} runs after one warm-up run.`,
      '',
      '| step | from | to | time | requests by its end | bytes by its end | requests after it | bytes after it |',
      '|---|---|---|---:|---:|---:|---:|---:|',
      ...steps.map(
        (step) =>
          `| ${label(step)} | ${step.from} | ${step.to} | ${ms(step.ms)} | ${step.during.requests} | ${kib(step.during.bytes)} | ${step.after.requests} | ${kib(step.after.bytes)} |`,
      ),
      '',
      'The files of the last run (after: sent once the step had shown its end):',
      '',
      ...steps.map((step, index) => `${index + 1}. ${describeFiles(step.files)}`),
      '',
      ...(canceled
        ? [
            `Chromium reported ${canceled === 1 ? 'a request' : `${canceled} requests`} of the last run as canceled (net::ERR_ABORTED) after ${canceled === 1 ? 'its' : 'their'} whole answer had arrived (every byte of the content-length), and the page showed ${canceled === 1 ? 'it' : 'them'}; it happens to other requests in other runs. They count as answered, with the bytes that arrived (“then canceled” above).`,
            '',
          ]
        : []),
      messages.length
        ? `The console's warnings and errors: ${messages.map((text) => `“${text}”`).join('; ')}.`
        : 'The console showed no warning or error.',
    ];
  }
}

/**
 * The files of a visit or a step, in the order asked for: each path, how it was answered and its
 * bytes on the wire; the wasm's shared chunks (pkg/chunk_*.wasm) in one entry.
 */
function describeFiles(files) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const entries = [];
  const chunks = new Map();
  for (const file of files) {
    const { pathname, search } = new URL(file.url);
    const name = `${pathname.slice(1)}${decodeURIComponent(search)}` || '/';
    const answer =
      file.how === 'cache' ? 'from the cache' : file.how === '200' && file.encoding ? `200 ${file.encoding}` : file.how;
    const how = `${answer}${file.after ? ', after' : ''}`;
    if (/^pkg\/chunk_\d+\./.test(name)) {
      const group = chunks.get(how) ?? { count: 0, bytes: 0 };
      if (!chunks.has(how)) {
        chunks.set(how, group);
        entries.push(() => `\`pkg/chunk_*.wasm\` ×${group.count} (${how}, ${kib(group.bytes)})`);
      }
      group.count++;
      group.bytes += file.bytes;
      continue;
    }
    entries.push(() => `\`${name}\` (${how}, ${kib(file.bytes)})`);
  }
  return entries.map((entry) => entry()).join(', ') || 'nothing';
}
