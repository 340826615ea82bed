// Cold start: a fresh page loads the renderer's code (for the widget, its module and wasm) and
// shows the first card of an in-memory answer. bench/run.mjs opens cold.html?kind=...&size=...
// in a new browser context per run, so nothing is cached, and reads window.coldStart. Its network
// section opens cold-widget.html or cold-baseline.html?size=... instead, the pages with the
// preload lines a real page carries (the renderer is the page's, in its stage's data-kind), and
// reads window.firstCardPainted.

import { missingKbsAnswer } from './data.js';
import { TOKEN, paintedWhen, serveAnswer } from './common.js';

const params = new URLSearchParams(location.search);
const root = document.getElementById('stage');
const kind = root.dataset.kind ?? params.get('kind');
serveAnswer(missingKbsAnswer(Number(params.get('size'))));
const cards = root.getElementsByTagName('article');

// window.coldStart is from here to the first card painted: the renderer's code, once the page's
// own has run.
const start = performance.now();
// When the first card is painted, in ms since the navigation started (performance.timeOrigin):
// every fetch of the page, the page's own included, counts.
window.firstCardPainted = (async () => {
  if (kind === 'widget') {
    const { mount } = await import('/missing-kbs.js');
    await mount(root, { softwareId: 'bench-cold', token: TOKEN, apiBase: location.origin });
  } else {
    const { showMissingKbs } = await import('./baseline.js');
    await showMissingKbs(root, `${location.origin}/api/Software/bench/getmissingkbs`, TOKEN);
  }
  return paintedWhen(() => cards.length > 0);
})();
window.coldStart = window.firstCardPainted.then((painted) => painted - start);
