// The benchmark page's side: serves the in-memory answers through a stubbed fetch, drives the
// widget and the baseline the same way, and times each step to the frame that paints it.
// bench/run.mjs calls window.bench.* through Playwright.

import { mount } from '/missing-kbs.js';
import { FILTER_TEXT, deviceMissingKbsAnswer, fleet, inventoryAnswer, machineIdOf, missingKbsAnswer } from './data.js';
import { deviceSearch, readAnswer, showDevice, showMissingKbs } from './baseline.js';
import {
  TOKEN,
  afterThisFrame,
  answerTime,
  deviceSearches,
  paintedWhen,
  serveAnswer,
  serveDevice,
  serveFleet,
  serveInventory,
} from './common.js';

const MAX_CARDS = 10_000; // the widget's first page of cards; the baseline shows as many
let answer = null; // { size, body, expected }

/** Resolves when the first card and then all cards are painted: { first, all } in ms from the answer. */
function timeCards(root, count) {
  const first = paintedWhen(() => cardsIn(root) > 0);
  const all = paintedWhen(() => cardsIn(root) === count);
  return Promise.all([first, all]).then(([firstAt, allAt]) => ({
    first: firstAt - answerTime(),
    all: allAt - answerTime(),
  }));
}

/**
 * How many cards the list in `root` holds (both renderers put the cards in groups, the
 * children of .mkb-cards). Not the length of a live collection of the cards: after a change,
 * that walks the whole subtree, and once a frame over thousands of cards (5 ms at 9,000) the
 * walk would land in the frames of the renderer that adds its cards over several frames.
 */
function cardsIn(root) {
  const groups = root.querySelector('.mkb-cards')?.children ?? [];
  let count = 0;
  for (const group of groups) count += group.childElementCount;
  return count;
}

// Tasks over 50 ms, as the browser reports them: the page cannot respond during one.
const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
const longestTaskSince = (start) =>
  longTasks.filter((task) => task.startTime >= start).reduce((longest, task) => Math.max(longest, task.duration), 0);

const firstLabel = (root) => root.getElementsByTagName('h3')[0]?.textContent;

function expectations(body) {
  const kbs = readAnswer(body);
  const label = (kb) => `KB${kb.id}`;
  const byNumber = [...kbs].sort((a, b) => Number(b.id) - Number(a.id));
  const filtered = kbs.filter((kb) =>
    [kb.name ?? '', ...(kb.products ?? [])].some((text) => text.toLowerCase().includes(FILTER_TEXT)),
  );
  return {
    count: Math.min(kbs.length, MAX_CARDS),
    firstByMachines: label(kbs[0]),
    firstByNumber: label(byNumber[0]),
    filtered: Math.min(filtered.length, MAX_CARDS),
  };
}

// One renderer at a time: { kind, root, controls } for the baseline, { kind, root, handle } for the widget.
let current = null;

function freshRoot() {
  const root = document.createElement('div');
  root.className = 'bench-root';
  document.getElementById('stage').replaceChildren(root);
  return root;
}

async function unmountCurrent() {
  if (current?.handle) current.handle.unmount();
  current = null;
  document.getElementById('stage').replaceChildren();
  await paintedWhen(() => true);
}

const widgetControls = (root) => ({
  sort(key) {
    const select = root.querySelector('[data-testid="sort"]');
    select.value = key;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  },
  filter(text) {
    const input = root.querySelector('[data-testid="filter"]');
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  },
});

window.bench = {
  /** Makes the answer with `size` KBs the one every fetch gets. */
  useAnswer(size) {
    const body = missingKbsAnswer(size);
    answer = { size, body, expected: expectations(body) };
    serveAnswer(body);
    return { bytes: body.length, ...answer.expected };
  },

  /** Renders the answer afresh with `kind` ('widget' or 'baseline'); ms from answer to painted cards. */
  async render(kind) {
    await unmountCurrent();
    const root = freshRoot();
    const started = performance.now();
    const timing = timeCards(root, answer.expected.count);
    if (kind === 'widget') {
      const handle = await mount(root, { softwareId: `bench-${answer.size}`, token: TOKEN, apiBase: location.origin });
      current = { kind, root, handle, controls: widgetControls(root) };
    } else {
      const controls = await showMissingKbs(root, `${location.origin}/api/Software/bench/getmissingkbs`, TOKEN);
      current = {
        kind,
        root,
        controls: {
          sort: (key) => (key === 'kb' ? controls.sortByKbNumber() : controls.sortByMachines()),
          filter: controls.filter,
        },
      };
    }
    const result = { ...(await timing), longestTask: longestTaskSince(started) };
    // The widget's toolbar is code that loads after the first cards; sorting and filtering
    // wait for it, untimed, as a user would.
    await paintedWhen(() => kind !== 'widget' || root.querySelector('[data-testid="sort"]') !== null);
    if (firstLabel(root) !== answer.expected.firstByMachines)
      throw new Error(`${kind}: first card is ${firstLabel(root)}, not ${answer.expected.firstByMachines}`);
    return result;
  },

  /** Re-sorts the rendered list by KB number; ms to the painted new order. Puts the order back untimed. */
  async sort() {
    const { root, controls } = current;
    const cards = root.getElementsByTagName('article');
    const start = performance.now();
    controls.sort('kb');
    const end = await paintedWhen(
      () => firstLabel(root) === answer.expected.firstByNumber && cards.length === answer.expected.count,
    );
    controls.sort('machines');
    await paintedWhen(() => firstLabel(root) === answer.expected.firstByMachines);
    return end - start;
  },

  /** Filters the rendered list by a product name; ms to the painted match. Clears the filter untimed. */
  async filter() {
    const { root, controls } = current;
    const cards = root.getElementsByTagName('article');
    const start = performance.now();
    controls.filter(FILTER_TEXT);
    const end = await paintedWhen(() => cards.length === answer.expected.filtered);
    controls.filter('');
    await paintedWhen(() => cards.length === answer.expected.count);
    return end - start;
  },

  async reset() {
    await unmountCurrent();
  },
};

// Parsing, item 4 of the benchmark: the widget's answer parser compiled alone (bench/parse),
// fed the same answer by serde_json from text and by serde-wasm-bindgen from JSON.parse.
let parser = null;

/** Times one read of the current answer each way: { text, value } in ms, JSON.parse included. */
window.bench.parse = async () => {
  if (!parser) {
    const module = await import('./parse-pkg/missing_kbs_parse_bench.js');
    await module.default();
    parser = module;
  }
  const { body, size } = answer;
  const textStart = performance.now();
  const fromText = parser.parseText(body);
  const textEnd = performance.now();
  const fromValue = parser.parseValue(JSON.parse(body));
  const valueEnd = performance.now();
  if (fromText !== size || fromValue !== size) throw new Error(`parsed ${fromText} and ${fromValue} KBs, not ${size}`);
  return { text: textEnd - textStart, value: valueEnd - textEnd };
};

// The software finder: an inventory of `size` software, shown and then searched as a user types.
const FINDER_QUERY = 'windows 10';

/**
 * Types `text` into `input` at the start of a frame: ms from then until that frame is painted
 * with its result. The search and the new rows run in the input's handler and its microtasks,
 * before the frame's style, layout and paint, so this is all a keystroke costs: when it is under
 * one frame (16.7 ms at 60 Hz), typing never misses a frame. (From a keystroke at a random moment,
 * the time to the painted result also holds the wait for the next frame, which the widget's work
 * does not set.)
 */
function typedInFrame(input, text) {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const start = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      afterThisFrame().then((painted) => resolve(painted - start));
    }),
  );
}

/**
 * Mounts a widget with the finder on an inventory of `size` software: ms from mount to the list
 * painted, the longest task meanwhile, then what each keystroke of FINDER_QUERY costs in its
 * frame (typedInFrame) ({ list, longestTask, keystrokes: [ms…] }).
 */
window.bench.finder = async (size) => {
  await unmountCurrent();
  serveInventory(inventoryAnswer(size));
  const root = freshRoot();
  const started = performance.now();
  const handle = await mount(root, { token: TOKEN, apiBase: location.origin, finder: true });
  current = { kind: 'finder', root, handle };
  const rows = root.getElementsByClassName('mkb-software');
  const listed = (await paintedWhen(() => rows.length > 0)) - started;
  const longestTask = longestTaskSince(started);
  const input = root.querySelector('[data-testid="find-software"]');
  const keystrokes = [];
  for (let typed = 1; typed <= FINDER_QUERY.length; typed++) {
    keystrokes.push(await typedInFrame(input, FINDER_QUERY.slice(0, typed)));
  }
  const found = Number(root.querySelector('[data-testid="finder-status"]').textContent.replace(/\D/g, ''));
  if (!(found > 0)) throw new Error(`the finder found nothing for "${FINDER_QUERY}"`);
  return { list: listed, longestTask, keystrokes };
};

// ---- The device side: the device search over a fleet, and one device's missing KBs ------------

const SEARCH_TOP = 50; // what both ask for, and so the most a search shows
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action` at the start of the next frame; resolves with the time it ran. */
const inNextFrame = (action) =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const at = performance.now();
      action();
      resolve(at);
    }),
  );

let devices = null; // the fleet's entities, in name order
// Both device searches stay mounted, each in its own wrapper; the one not measured is hidden.
let searchers = null; // { widget: { wrapper, root, input }, baseline: { … } }

/**
 * Serves a fleet of `size` devices and mounts both device searches, untimed: the widget with
 * its finder on the Devices tab, the baseline's input (baseline.js deviceSearch).
 */
window.bench.deviceSearchSetup = async (size) => {
  await unmountCurrent();
  devices = fleet(size);
  serveFleet(devices);
  serveInventory(inventoryAnswer(100)); // the finder's software tab, shown first on mount
  const stage = document.getElementById('stage');
  const wrap = () => {
    const wrapper = document.createElement('div');
    const root = document.createElement('div');
    root.className = 'bench-root';
    wrapper.append(root);
    stage.append(wrapper);
    return { wrapper, root };
  };
  const widget = wrap();
  const handle = await mount(widget.root, { token: TOKEN, apiBase: location.origin, finder: true });
  current = { kind: 'device-search', root: widget.root, handle };
  await paintedWhen(() => widget.root.querySelector('[data-testid="finder-devices"]') !== null);
  widget.root.querySelector('[data-testid="finder-devices"]').click();
  await paintedWhen(() => widget.root.querySelector('[data-testid="find-device"]') !== null);
  widget.input = widget.root.querySelector('[data-testid="find-device"]');
  const baseline = wrap();
  baseline.input = deviceSearch(baseline.root, location.origin, TOKEN);
  searchers = { widget, baseline };
  return { devices: devices.length };
};

/** What a search for `prefix` shows: how many devices, and the first one's name. */
function expectedMatches(prefix) {
  const matching = devices.filter((device) => device.computerDnsName.startsWith(prefix));
  return { count: Math.min(matching.length, SEARCH_TOP), first: matching[0]?.computerDnsName };
}

/**
 * Types `prefix` into `kind`'s device search one key at a time, `paceMs` apart, at the start of
 * a frame each; then, with `how` 'pause', waits for the debounced search, or with 'enter'
 * presses Enter `paceMs` after the last key. Resolves with the ms from the last keystroke (or
 * from Enter) to the frame that paints the matches, and how many searches were sent for this
 * whole typing (counted once the last keystroke's pause has passed, so a search a stray timer
 * sent would be counted).
 */
window.bench.deviceSearch = async (kind, prefix, how, paceMs) => {
  for (const [name, { wrapper }] of Object.entries(searchers)) wrapper.style.display = name === kind ? '' : 'none';
  const { root, input } = searchers[kind];
  const expected = expectedMatches(prefix);
  if (!expected.count) throw new Error(`no device's name starts with ${prefix}`);
  await paintedWhen(() => true);
  const sentBefore = deviceSearches.length;
  let lastKey = 0;
  for (let typed = 1; typed <= prefix.length; typed++) {
    await sleep(paceMs);
    lastKey = await inNextFrame(() => {
      input.value = prefix.slice(0, typed);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
  let start = lastKey;
  if (how === 'enter') {
    await sleep(paceMs);
    start = await inNextFrame(() =>
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })),
    );
  }
  const rows = root.getElementsByClassName('mkb-software');
  const status = root.querySelector('[data-testid="device-search-status"]');
  const painted = await paintedWhen(
    () =>
      rows.length === expected.count &&
      rows[0].querySelector('[data-testid="device-option-name"]')?.textContent === expected.first &&
      status.textContent.startsWith('Devices found'),
  );
  // Past the last keystroke's pause: any search its timer sent is in the count.
  await sleep(Math.max(0, lastKey + 800 - performance.now()));
  const sent = deviceSearches.slice(sentBefore);
  const wanted = `startswith(computerDnsName,'${prefix}')`;
  if (sent.at(-1) !== wanted) throw new Error(`${kind} searched ${JSON.stringify(sent)}, not ${wanted}`);
  return { ms: painted - start, requests: sent.length };
};

const DEVICE_INDEX = 4242;
let deviceExpected = null;

/** Serves a device that misses `count` KBs, with its facts. */
window.bench.useDevice = (count) => {
  const body = deviceMissingKbsAnswer(count);
  serveDevice(body, fleet(DEVICE_INDEX + 1)[DEVICE_INDEX]);
  const kbs = readAnswer(body);
  deviceExpected = { count: Math.min(kbs.length, MAX_CARDS), first: `KB${kbs[0].id}` };
  return { bytes: body.length, count: deviceExpected.count };
};

/**
 * Shows the device afresh with `kind`: the widget mounted with its machineId, or the baseline
 * (baseline.js showDevice). ms from the mount (or the baseline's call) to the first card, to all
 * cards, and to the device's facts painted.
 */
window.bench.deviceView = async (kind) => {
  await unmountCurrent();
  const root = freshRoot();
  const started = performance.now();
  const first = paintedWhen(() => cardsIn(root) > 0);
  const all = paintedWhen(() => cardsIn(root) === deviceExpected.count);
  const facts = paintedWhen(() => root.querySelector('[data-testid="device-facts"]') !== null);
  const id = machineIdOf(DEVICE_INDEX);
  if (kind === 'widget') {
    const handle = await mount(root, { machineId: id, token: TOKEN, apiBase: location.origin });
    current = { kind, root, handle };
  } else {
    await showDevice(root, location.origin, id, TOKEN);
    current = { kind, root };
  }
  const [firstAt, allAt, factsAt] = await Promise.all([first, all, facts]);
  if (firstLabel(root) !== deviceExpected.first)
    throw new Error(`${kind}: first card is ${firstLabel(root)}, not ${deviceExpected.first}`);
  return { first: firstAt - started, all: allAt - started, facts: factsAt - started };
};
