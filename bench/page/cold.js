// Cold start: a fresh page loads the renderer's code (for the widget, its module and wasm) and
// shows the first card of an in-memory answer. bench/run.mjs opens cold.html?kind=...&size=...
// in a new browser context per run, so nothing is cached, and reads window.coldStart.

import { missingKbsAnswer } from './data.js';
import { TOKEN, paintedWhen, serveAnswer } from './common.js';

const params = new URLSearchParams(location.search);
const kind = params.get('kind');
serveAnswer(missingKbsAnswer(Number(params.get('size'))));
const root = document.getElementById('stage');
const cards = root.getElementsByTagName('article');

window.coldStart = (async () => {
  const start = performance.now();
  if (kind === 'widget') {
    const { mount } = await import('/missing-kbs.js');
    await mount(root, { softwareId: 'bench-cold', token: TOKEN, apiBase: location.origin });
  } else {
    const { showMissingKbs } = await import('./baseline.js');
    await showMissingKbs(root, `${location.origin}/api/Software/bench/getmissingkbs`, TOKEN);
  }
  return (await paintedWhen(() => cards.length > 0)) - start;
})();
