// What both benchmark pages share: the stubbed fetch that hands over the in-memory answer,
// and timing to the frame that paints a change.

export const TOKEN = 'bench-token';
let answerBody = null;
// The inventory's entries, and each page asked for so far as text (by "$top $skip"), made once.
let inventory = null;
let answerReadyAt = 0;
// The device side: the fleet in name order, one device's getmissingkbs text and its entity's
// text, and the searches asked so far (their $filter, in order).
let devices = [];
let deviceKbsBody = null;
let deviceBody = null;
export const deviceSearches = [];

/** Every getmissingkbs fetch from now on gets `body`. */
export function serveAnswer(body) {
  answerBody = body;
}

/** Every inventory fetch (GET /api/Software?$top=…&$skip=…) from now on gets its page of `body`, as Defender pages it. */
export function serveInventory(body) {
  inventory = { entries: JSON.parse(body).value, pages: new Map() };
}

/** Every GET /api/machines?$filter=startswith(computerDnsName,'…') from now on searches `entities` (in name order). */
export function serveFleet(entities) {
  devices = entities;
}

/** Every GET /api/machines/{id}/getmissingkbs gets `kbsBody`, and every GET /api/machines/{id} gets `entity`. */
export function serveDevice(kbsBody, entity) {
  deviceKbsBody = kbsBody;
  deviceBody = JSON.stringify({ '@odata.context': 'x', ...entity });
}

/** When the last answer was handed over: the "response body available" moment. */
export const answerTime = () => answerReadyAt;

// The widget and the baseline both fetch; the answer is already in memory, so "response body
// available" is the moment this fetch hands it over.
const browserFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input.url, location.href);
  const json = (body) => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  if (url.pathname === '/api/machines') return json(deviceSearch(url.searchParams));
  if (url.pathname.startsWith('/api/machines/')) {
    if (!url.pathname.endsWith('/getmissingkbs')) return json(deviceBody);
    answerReadyAt = performance.now();
    return json(deviceKbsBody);
  }
  if (url.pathname.endsWith('/getmissingkbs')) {
    answerReadyAt = performance.now();
    return json(answerBody);
  }
  if (url.pathname === '/api/Software') return json(inventoryPage(url.searchParams));
  if (url.pathname.startsWith('/api/Software/')) {
    return json(
      JSON.stringify({ id: 'bench', name: 'windows_server_2019', vendor: 'microsoft', exposedMachines: 5000 }),
    );
  }
  // The widget's own files (its wasm) come from the server as usual.
  return browserFetch(input, init);
};

/** Resolves with the time of the first paint after `condition()` holds, checking once per frame. */
export function paintedWhen(condition) {
  return new Promise((resolve) => {
    const check = () => (condition() ? afterThisFrame().then(resolve) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
}

/** Called in a frame callback: resolves with the time once that frame is painted. */
export function afterThisFrame() {
  return new Promise((resolve) => {
    // A message posted from a frame callback is handled after that frame is painted.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  });
}

function inventoryPage(query) {
  const top = Number(query.get('$top') ?? 10_000);
  const skip = Number(query.get('$skip') ?? 0);
  const key = `${top} ${skip}`;
  if (!inventory.pages.has(key)) {
    inventory.pages.set(
      key,
      JSON.stringify({ '@odata.context': 'x', value: inventory.entries.slice(skip, skip + top) }),
    );
  }
  return inventory.pages.get(key);
}

/**
 * Answers a device search as Defender does: the devices whose name starts with the OData
 * literal of `startswith(computerDnsName,'…')` (a `''` in it is a `'`), in name order, at most
 * `$top`. Records the filter, so the benchmark can count the requests each renderer sent.
 */
function deviceSearch(query) {
  const filter = query.get('$filter') ?? '';
  deviceSearches.push(filter);
  const literal = /^startswith\(computerDnsName,'((?:[^']|'')*)'\)$/.exec(filter);
  if (!literal) throw new Error(`the benchmark answers only startswith on the name, not ${filter}`);
  const prefix = literal[1].replaceAll("''", "'");
  const top = Number(query.get('$top') ?? 10_000);
  // The fleet is in name order: the matches are the run that starts where the prefix would.
  let low = 0;
  let high = devices.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (devices[middle].computerDnsName < prefix) low = middle + 1;
    else high = middle;
  }
  const value = [];
  for (let i = low; i < devices.length && value.length < top && devices[i].computerDnsName.startsWith(prefix); i++) {
    value.push(devices[i]);
  }
  return JSON.stringify({ '@odata.context': 'https://api.security.microsoft.com/api/$metadata#Machines', value });
}
