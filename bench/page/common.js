// What both benchmark pages share: the stubbed fetch that hands over the in-memory answer,
// and timing to the frame that paints a change.

export const TOKEN = 'bench-token';
let answerBody = null;
// The inventory's entries, and each page asked for so far as text (by "$top $skip"), made once.
let inventory = null;
let answerReadyAt = 0;

/** Every getmissingkbs fetch from now on gets `body`. */
export function serveAnswer(body) {
  answerBody = body;
}

/** Every inventory fetch (GET /api/Software?$top=…&$skip=…) from now on gets its page of `body`, as Defender pages it. */
export function serveInventory(body) {
  inventory = { entries: JSON.parse(body).value, pages: new Map() };
}

/** When the last answer was handed over: the "response body available" moment. */
export const answerTime = () => answerReadyAt;

// The widget and the baseline both fetch; the answer is already in memory, so "response body
// available" is the moment this fetch hands it over.
const browserFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input.url, location.href);
  const json = (body) => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
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
