// The cross-engine smoke suite: each case drives the release build against the mock API through
// the Engine interface alone, so the same case runs in Gecko and in WebKit (run.mjs runs them).
// Where an engine cannot do something a case needs, the case says so and checks what it can.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  attribute,
  fill,
  missingKbsRequests,
  mountOnHost,
  selectOption,
  testId,
  texts,
  waitFor,
  waitForCount,
  waitForText,
} from './page-checks.mjs';
/** @import { Engine } from './engine' */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '/examples/host.html';
const TOKEN = 'mock-development-token';

/** @typedef {{ id: string, name: string, machineMissedOn: number, cveAddressed: number }} FixtureKb */
/** @param {string} softwareId @returns {FixtureKb[]} */
const fixture = (softwareId) =>
  JSON.parse(readFileSync(path.join(repo, 'mock-api/fixtures', `${softwareId}.json`), 'utf8')).value;
/** @param {FixtureKb[]} kbs @param {'machineMissedOn' | 'cveAddressed'} field */
const sum = (kbs, field) => kbs.reduce((total, kb) => total + kb[field], 0);
const WINDOWS_10 = fixture('microsoft-_-windows_10');
const EDGE_COUNT = fixture('microsoft-_-edge').length;

/** A KB number as a card shows it, from a fixture's KB. @param {FixtureKb} kb */
const kbNumber = (kb) => `KB${kb.id}`;

/**
 * Opens the suite's host page (site/host.html), which records from its first script on.
 * @param {Engine} engine
 */
async function openHost(engine) {
  await engine.goto(HOST);
  await waitFor(engine, 'the host page', () => Array.isArray(window.pageErrors), []);
}

/**
 * Checks that nothing went wrong unseen on the host page: no uncaught error, and nothing the
 * strict policy refused.
 * @param {Engine} engine
 */
async function expectQuietPage(engine) {
  const { errors, violations } = await engine.evaluate(() => ({
    errors: window.pageErrors,
    violations: window.violations,
  }));
  assert.deepEqual(errors, [], 'uncaught errors on the page');
  assert.deepEqual(violations, [], 'what the Content Security Policy refused');
}

/**
 * Where a case saves a screenshot the README links to: docs/screenshots/<engine>-<what>.png,
 * taken on every run, as the Chromium suite takes its own.
 * @param {Engine} engine
 * @param {string} what
 */
const docsScreenshot = (engine, what) => path.join(repo, 'docs/screenshots', `${engine.name}-${what}.png`);

const AXE_SOURCE = readFileSync(path.join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core's WCAG 2.2 AA rules over the page and fails on any violation.
 * @param {Engine} engine
 * @param {string} label
 */
async function expectNoViolations(engine, label) {
  await engine.addScript(AXE_SOURCE);
  const { violations, passes } = await engine.evaluate(async (tags) => {
    const axe = /** @type {any} */ (window).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      violations: results.violations.map(
        (/** @type {any} */ v) =>
          `${v.id} (${v.impact}): ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`,
      ),
      passes: results.passes.length,
    };
  }, WCAG);
  assert.deepEqual(violations, [], label);
  // The scan really ran over the widget: many rules were checked and passed.
  assert.ok(passes > 15, `${label}: only ${passes} rules passed`);
}

/**
 * @typedef {{ name: string, run: (engine: Engine) => Promise<void> }} Case
 * @type {Case[]}
 */
export const cases = [
  {
    name: 'the standalone page lists the KBs with their summary; sort and filter change the cards',
    async run(engine) {
      await engine.goto('/?softwareId=microsoft-_-windows_10');
      await waitForCount(engine, testId('kb-card'), WINDOWS_10.length);
      const byMachines = [...WINDOWS_10].sort((a, b) => b.machineMissedOn - a.machineMissedOn);
      assert.deepEqual(await texts(engine, testId('kb-number')), byMachines.map(kbNumber));
      await waitForText(engine, testId('summary'), `${WINDOWS_10.length} missing KBs for microsoft-_-windows_10`);
      assert.equal(
        (await texts(engine, testId('total-machines')))[0],
        sum(WINDOWS_10, 'machineMissedOn').toLocaleString('en'),
      );
      assert.equal(
        (await texts(engine, testId('total-cves')))[0],
        sum(WINDOWS_10, 'cveAddressed').toLocaleString('en'),
      );

      // The list's tools are a part of the code that loads later.
      await waitForCount(engine, testId('sort'), 1);
      await selectOption(engine, testId('sort'), 'cves');
      const byCves = [...WINDOWS_10].sort((a, b) => b.cveAddressed - a.cveAddressed);
      await waitFor(
        engine,
        'the cards sorted by CVEs',
        (selector, expected) =>
          JSON.stringify([...document.querySelectorAll(selector)].map((e) => e.textContent?.trim())) === expected,
        [testId('kb-number'), JSON.stringify(byCves.map(kbNumber))],
      );

      await fill(engine, testId('filter'), 'servicing stack');
      const servicing = WINDOWS_10.filter((kb) => kb.name.toLowerCase().includes('servicing stack'));
      assert.ok(servicing.length > 0 && servicing.length < WINDOWS_10.length);
      await waitForCount(engine, testId('kb-card'), servicing.length);
      await waitForText(
        engine,
        testId('total-machines'),
        `^${sum(servicing, 'machineMissedOn').toLocaleString('en')}$`,
      );
      await fill(engine, testId('filter'), 'nothing like this');
      await waitForCount(engine, testId('no-match'), 1);
      await fill(engine, testId('filter'), '');
      await waitForCount(engine, testId('kb-card'), WINDOWS_10.length);
      assert.match((await engine.url()) ?? '', /sort=cves/);
    },
  },
  {
    name: 'Export CSV saves the shown list and Copy KB numbers puts it on the clipboard',
    async run(engine) {
      await engine.goto('/?softwareId=microsoft-_-windows_10');
      await waitForCount(engine, testId('export-csv'), 1);
      await fill(engine, testId('filter'), 'cumulative update for windows');
      const shown = await waitFor(
        engine,
        'a filtered list',
        (selector, all) => {
          const numbers = [...document.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '');
          return numbers.length > 0 && numbers.length < all ? numbers : null;
        },
        [testId('kb-number'), WINDOWS_10.length],
      );
      // What the widget hands the browser: the Blob behind the download's link (caught as its URL
      // is made, since the widget revokes the URL right after the click), and the clipboard's text.
      await engine.evaluate(() => {
        window.savedFiles = [];
        const createObjectURL = URL.createObjectURL;
        URL.createObjectURL = (blob) => {
          if (blob instanceof Blob) {
            const saved = { name: '', text: '' };
            window.savedFiles?.push(saved);
            // As bytes, so that the byte order mark a spreadsheet needs is kept.
            blob
              .arrayBuffer()
              .then((bytes) => (saved.text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
          }
          return createObjectURL(blob);
        };
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
          const saved = window.savedFiles?.at(-1);
          if (this.download && saved) saved.name = this.download;
          click.call(this);
        };
        window.copiedTexts = [];
        const writeText = navigator.clipboard.writeText.bind(navigator.clipboard);
        navigator.clipboard.writeText = (text) => {
          const copied = writeText(text);
          copied.then(
            () => window.copiedTexts?.push(text),
            (error) => window.copiedTexts?.push(`refused: ${error}`),
          );
          return copied;
        };
      });
      await engine.click(testId('export-csv'));
      const [file] = await waitFor(
        engine,
        'the CSV handed to the browser',
        () => (window.savedFiles?.length && window.savedFiles[0].text ? window.savedFiles : null),
        [],
      );
      assert.match(file.name, /^missing-kbs-microsoft-_-windows_10.*\.csv$/);
      const rows = file.text.trim().split(/\r?\n/);
      assert.equal(rows.length, shown.length + 1);
      assert.deepEqual(
        rows.slice(1).map((row) => row.split(',')[0]),
        shown,
      );
      // The browser saved it: the same text, in a file of that name.
      const savedPath = path.join(engine.downloadsDir, file.name);
      const deadline = Date.now() + 5_000;
      while (!existsSync(savedPath) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(
        existsSync(savedPath),
        `no ${file.name} in ${engine.downloadsDir}: ${readdirSync(engine.downloadsDir)}`,
      );
      assert.equal(readFileSync(savedPath, 'utf8'), file.text);

      await engine.click(testId('copy-kbs'));
      await waitForText(engine, testId('copy-kbs'), '^KB numbers copied$');
      const [copied] = await waitFor(
        engine,
        'the clipboard write to settle',
        () => (window.copiedTexts?.length ? window.copiedTexts : null),
        [],
      );
      assert.equal(copied, shown.join('\n'));
    },
  },
  {
    name: 'mount() under the strict policy, with the page’s own module and no inline script or style',
    async run(engine) {
      // The repository's smallest embedding, as it is.
      await engine.goto('/examples/strict-csp.html');
      await waitForCount(engine, testId('kb-card'), EDGE_COUNT);
      // The suite's host page: mounted through the handle, watched for refusals from the first byte.
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-windows_10', token: TOKEN, apiBase: '' });
      await waitForCount(engine, testId('kb-card', '#a'), WINDOWS_10.length);
      await waitFor(
        engine,
        'the loaded event',
        () => window.widgetEvents.some((e) => e.type === 'missingkbs:loaded'),
        [],
      );
      await expectQuietPage(engine);
    },
  },
  {
    name: 'the cards stay where they are when the list’s tools arrive',
    async run(engine) {
      await openHost(engine);
      // Each frame, from the first card on: how far below the summary it is, and whether the
      // tools (a part that loads later) are there. From the summary, since the software's name,
      // a request of its own, can add a line to the summary in any frame.
      await engine.evaluate(() => {
        window.cardTops = [];
        const frame = () => {
          const card = document.querySelector('#a [data-testid="kb-card"]');
          const summary = document.querySelector('#a .mkb-summary');
          const tools = document.querySelector('#a [data-testid="filter"]') !== null;
          if (card && summary) {
            const top = card.getBoundingClientRect().top - summary.getBoundingClientRect().bottom;
            window.cardTops?.push({ top, tools });
          }
          if ((window.cardTops ?? []).filter((frame) => frame.tools).length < 10) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-windows_10', token: TOKEN, apiBase: '' });
      const frames = await waitFor(
        engine,
        'ten frames with the tools',
        () => ((window.cardTops ?? []).filter((frame) => frame.tools).length >= 10 ? window.cardTops : null),
        [],
      );
      // The frames before the tools came and those after: the same place.
      const arrival = frames.findIndex((frame) => frame.tools);
      assert.ok(arrival > 0, `the tools came with the first cards, so nothing was measured: ${JSON.stringify(frames)}`);
      assert.ok(
        frames.every((frame) => frame.top === frames[0].top),
        `the first card's distance below the summary, frame by frame: ${JSON.stringify(frames)}`,
      );
    },
  },
  {
    name: 'a KB’s details load their part of the code when opened, with the CVEs and the devices',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-windows_10', token: TOKEN, apiBase: '' });
      await waitForCount(engine, testId('kb-card'), WINDOWS_10.length);
      const wasmFetched = () =>
        engine.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((entry) => new URL(entry.name).pathname)
            .filter((name) => name.endsWith('.wasm')),
        );
      const before = await wasmFetched();
      const card = `[data-testid="kb-card"][data-kb="5049981"]`;
      const toggle = await engine.evaluate(() => {
        const card = [...document.querySelectorAll('[data-testid="kb-card"]')].find((c) =>
          c.textContent?.includes('KB5049981'),
        );
        card?.setAttribute('data-kb', '5049981');
        return card?.querySelector('[data-testid="details-toggle"]')?.getAttribute('aria-expanded');
      });
      assert.equal(toggle, 'false');
      await engine.click(testId('details-toggle', card));
      await waitForCount(engine, testId('cve', card), 97, 15_000);
      assert.equal(await attribute(engine, testId('details-toggle', card), 'aria-expanded'), 'true');
      assert.equal(await attribute(engine, testId('details-panel', card), 'aria-label'), 'Details of KB5049981');
      await waitForText(engine, testId('severity-summary', card), '^Critical: 10, High: 30, Medium: 48, Low: 9$');
      await waitForText(engine, testId('devices', card), 'Devices missing it \\(2,211\\)');
      await waitForCount(engine, testId('device', card), 200);
      const severities = await texts(engine, testId('cve-severity', card));
      const order = ['Critical', 'High', 'Medium', 'Low'];
      assert.deepEqual(
        severities.map((s) => order.indexOf(s)),
        severities.map((s) => order.indexOf(s)).sort(),
      );
      const after = await wasmFetched();
      assert.ok(after.length > before.length, `no wasm part fetched for the details: ${before} then ${after}`);

      await fill(engine, testId('device-filter', card), 'WKS-01234');
      await waitForCount(engine, testId('device', card), 1);
      assert.deepEqual(await texts(engine, testId('device-name', card)), ['wks-01234.contoso.com']);
      await expectQuietPage(engine);
    },
  },
  {
    name: 'the finder finds software by name; the software ID field is a combobox by keyboard alone',
    async run(engine) {
      await engine.goto('/');
      await waitForText(engine, testId('finder-status'), '^[\\d,]+ results$');
      await waitForCount(engine, testId('software-option'), 50);
      // Show more is the widget's subtle button, as in the list and the details, not the
      // browser's own button, which each engine draws in its own way.
      assert.deepEqual(
        await engine.evaluate((s) => {
          const { backgroundColor, borderTopColor } = getComputedStyle(
            /** @type {Element} */ (document.querySelector(s)),
          );
          return { backgroundColor, borderTopColor };
        }, testId('show-more-software')),
        { backgroundColor: 'rgba(0, 0, 0, 0)', borderTopColor: 'rgb(209, 209, 209)' },
      );
      await engine.click(testId('show-more-software'));
      await waitForCount(engine, testId('software-option'), 100);
      await engine.click(testId('find-software'));
      await fill(engine, testId('find-software'), '10 WINDOWS');
      await waitForText(engine, testId('software-name'), '^Windows 10$');

      await openHost(engine);
      await mountOnHost(engine, 'a', { token: TOKEN, apiBase: '', finder: true });
      const field = testId('software-id', '#a');
      await waitFor(engine, 'the combobox', (s) => document.querySelector(s)?.getAttribute('role') === 'combobox', [
        field,
      ]);
      await engine.click(field);
      await engine.typeText('windows');
      await waitFor(
        engine,
        'the suggestions',
        (s) => document.querySelector(s)?.getAttribute('aria-expanded') === 'true',
        [field],
      );
      const suggestions = await texts(engine, '#a [role="listbox"] [role="option"]');
      assert.equal(suggestions.length, 8);
      assert.equal(await attribute(engine, field, 'aria-activedescendant'), null);
      const active = () =>
        engine.evaluate((field) => {
          const id = document.querySelector(field)?.getAttribute('aria-activedescendant');
          const option = id ? document.getElementById(id) : null;
          return option && { text: option.textContent?.trim(), selected: option.getAttribute('aria-selected') };
        }, field);
      await engine.press('ArrowDown');
      assert.deepEqual(await active(), { text: suggestions[0], selected: 'true' });
      await engine.press('ArrowDown');
      assert.equal((await active())?.text, suggestions[1]);
      await engine.press('ArrowUp');
      assert.equal((await active())?.text, suggestions[0]);
      await engine.press('End');
      assert.equal((await active())?.text, suggestions[7]);
      await engine.press('Home');
      assert.equal((await active())?.text, suggestions[0]);
      await engine.press('Escape');
      assert.equal(await attribute(engine, field, 'aria-expanded'), 'false');
      assert.ok(await engine.evaluate((field) => document.activeElement === document.querySelector(field), field));

      await fill(engine, field, '10 windows');
      await waitForText(engine, '#a [role="listbox"] [role="option"]', 'Windows 10');
      await engine.press('ArrowDown');
      await engine.press('Enter');
      await waitForCount(engine, testId('kb-card', '#a'), WINDOWS_10.length);
      assert.equal(
        await engine.evaluate(
          (field) => /** @type {HTMLInputElement | null} */ (document.querySelector(field))?.value,
          field,
        ),
        'microsoft-_-windows_10',
      );
      await expectQuietPage(engine);
    },
  },
  {
    name: 'a 429 shows its countdown and Cancel; a 503 that outlasts the retries offers Retry, which recovers',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'scenario-_-throttled', token: TOKEN, apiBase: '' });
      const first = await waitForText(engine, testId('countdown', '#a'), 'Trying again in (30|29|28) s');
      await waitFor(
        engine,
        'the countdown to move',
        (selector, first) => document.querySelector(selector)?.textContent?.trim() !== first,
        [testId('countdown', '#a'), first],
        4_000,
      );
      await engine.click(testId('cancel', '#a'));
      await waitFor(
        engine,
        'the throttling error',
        (s) => document.querySelector(s)?.getAttribute('data-error-kind') === 'throttled',
        [testId('error', '#a')],
      );

      // The mock answers a flaky ID 503 three times, then the Edge list.
      const flaky = `scenario-_-flaky-${engine.name}-${Date.now()}`;
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: flaky, token: TOKEN, apiBase: '' });
      await waitForCount(engine, testId('retry', '#a'), 1, 15_000);
      assert.equal(await attribute(engine, testId('error', '#a'), 'data-error-kind'), 'server-error');
      assert.equal((await missingKbsRequests(engine)).length, 3);
      await engine.click(testId('retry', '#a'));
      await waitForCount(engine, testId('kb-card', '#a'), EDGE_COUNT);
      await expectQuietPage(engine);
    },
  },
  {
    name: 'an answer read as it streams in, a few bytes at a time, loads',
    async run(engine) {
      // The mock sends the Edge list a few bytes every 100 ms: the widget reads the body as a
      // stream, counting it against its size bound.
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'scenario-_-drip', token: TOKEN, apiBase: '' });
      await waitForCount(engine, testId('loading', '#a'), 1);
      await waitForCount(engine, testId('kb-card', '#a'), EDGE_COUNT, 15_000);
      await expectQuietPage(engine);
    },
  },
  {
    name: 'after a 401 the widget asks getToken once more and loads',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-edge', apiBase: '' }, ['expired-token', 'fresh-token']);
      await waitForCount(engine, testId('kb-card', '#a'), EDGE_COUNT);
      assert.equal(await engine.evaluate(() => window.tokenCalls.a), 2);
      assert.equal((await missingKbsRequests(engine)).length, 2);
      assert.deepEqual(await engine.evaluate(() => window.widgetEvents.map((e) => e.type)), ['missingkbs:loaded']);
      await expectQuietPage(engine);
    },
  },
  {
    name: '<missing-kbs> mounts on its attributes, follows a changed one, and unmounting leaves nothing',
    async run(engine) {
      await openHost(engine);
      await engine.evaluate(async () => {
        await import(`${location.origin}/missing-kbs.js`);
        const element = /** @type {HTMLElement & { getToken?: () => Promise<string> }} */ (
          document.createElement('missing-kbs')
        );
        element.id = 'element';
        element.setAttribute('software-id', 'microsoft-_-edge');
        element.setAttribute('api-base', '');
        element.getToken = async () => 'mock-development-token';
        document.getElementById('a')?.append(element);
      });
      await waitForCount(engine, testId('kb-card', '#element'), EDGE_COUNT);
      await engine.evaluate(() =>
        document.getElementById('element')?.setAttribute('software-id', 'microsoft-_-windows_10'),
      );
      await waitForCount(engine, testId('kb-card', '#element'), WINDOWS_10.length);
      await engine.evaluate(() => document.getElementById('element')?.remove());
      await waitFor(
        engine,
        'nothing of the widget left',
        () => document.getElementById('a')?.childElementCount === 0 && document.querySelectorAll('.mkb').length === 0,
        [],
      );

      // The same through a handle: unmount() empties its container.
      await mountOnHost(engine, 'b', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '' });
      await waitForCount(engine, testId('kb-card', '#b'), EDGE_COUNT);
      await engine.evaluate(() => window.handles.b.unmount());
      assert.equal(await engine.evaluate(() => document.getElementById('b')?.innerHTML), '');
      await expectQuietPage(engine);
    },
  },
  {
    name: 'six languages: their texts, and numbers and ages as this engine’s Intl writes them',
    async run(engine) {
      const total = sum(WINDOWS_10, 'machineMissedOn');
      /** @type {string[]} */
      const exportLabels = [];
      for (const locale of ['en', 'ja', 'zh-Hant', 'sv', 'fr', 'pt-BR']) {
        await openHost(engine);
        await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-windows_10', token: TOKEN, apiBase: '', locale });
        await waitForCount(engine, testId('kb-card', '#a'), WINDOWS_10.length);
        await waitForCount(engine, testId('loaded-age', '#a'), 1);
        const shown = await engine.evaluate(
          (locale, total) => {
            const text = (/** @type {string} */ id) =>
              document.querySelector(`#a [data-testid="${id}"]`)?.textContent?.trim() ?? '';
            const ages = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
            return {
              lang: document.querySelector('#a section.mkb')?.getAttribute('lang'),
              total: text('total-machines') === new Intl.NumberFormat(locale).format(total),
              age: [0, 1, 2]
                .flatMap((n) => [ages.format(-n, 'second'), ages.format(-n, 'minute')])
                .some((age) => text('loaded-age').includes(age)),
              exportCsv: text('export-csv'),
            };
          },
          locale,
          total,
        );
        assert.deepEqual(
          { ...shown, exportCsv: undefined },
          { lang: locale, total: true, age: true, exportCsv: undefined },
          locale,
        );
        exportLabels.push(shown.exportCsv);
      }
      assert.equal(exportLabels[0], 'Export CSV');
      assert.equal(new Set(exportLabels).size, 6, `the six labels: ${exportLabels}`);
      await expectQuietPage(engine);
    },
  },
  {
    name: 'dark and light themes give the widget their colours',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '', theme: 'dark' });
      await mountOnHost(engine, 'b', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '', theme: 'light' });
      await waitForCount(engine, testId('kb-card'), 2 * EDGE_COUNT);
      const colours = await engine.evaluate(() =>
        ['a', 'b'].map((name) => {
          const card = /** @type {Element} */ (document.querySelector(`#${name} [data-testid="kb-card"]`));
          const { color, backgroundColor } = getComputedStyle(card);
          return { color, backgroundColor };
        }),
      );
      // style/missing-kbs.css: text #ffffff on #292929 in dark, #242424 on #ffffff in light.
      assert.deepEqual(colours, [
        { color: 'rgb(255, 255, 255)', backgroundColor: 'rgb(41, 41, 41)' },
        { color: 'rgb(36, 36, 36)', backgroundColor: 'rgb(255, 255, 255)' },
      ]);
      await engine.screenshot(path.join(repo, 'test-results/engines', engine.name, 'themes.png'));
    },
  },
  {
    name: 'a trap of the wasm shows the reload card in every widget and fires missingkbs:error kind panic',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '' });
      await mountOnHost(engine, 'b', { softwareId: 'microsoft-_-office', token: TOKEN, apiBase: '', locale: 'fr' });
      await waitForCount(engine, testId('kb-card', '#b'), 4);
      // The trap is reported through the widgets and their events, never thrown at the host.
      const thrown = await engine.evaluate(async () => {
        try {
          await (await import(`${location.origin}/missing-kbs.js`)).simulatePanic();
          return null;
        } catch (error) {
          return `${error}\n${error instanceof Error ? error.stack : ''}`;
        }
      });
      assert.equal(thrown, null, 'simulatePanic threw at the host: the trap was not told for the module’s');
      await waitForText(engine, testId('widget-stopped', '#a'), 'Reload the page');
      await waitForText(engine, testId('widget-stopped', '#b'), 'Rechargez la page');
      assert.equal(await engine.evaluate(() => document.querySelectorAll('[data-testid="kb-card"]').length), 0);
      const panics = await engine.evaluate(() =>
        window.widgetEvents
          .filter((e) => e.type === 'missingkbs:error' && 'kind' in e.detail && e.detail.kind === 'panic')
          .map((e) => e.target),
      );
      assert.deepEqual(panics.sort(), ['a', 'b']);
      // The host's own scripts still run, and no error reached the page.
      const clicks = await engine.evaluate(() => {
        const button = document.createElement('button');
        let clicks = 0;
        button.addEventListener('click', () => (clicks += 1));
        document.body.append(button);
        button.click();
        return clicks;
      });
      assert.equal(clicks, 1);
      await expectQuietPage(engine);
    },
  },
  {
    name: 'a host’s own RuntimeError is not taken for the widget’s trap',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '' });
      await waitForCount(engine, testId('kb-card', '#a'), EDGE_COUNT);
      // A wasm module of the host's that traps at once: (func (export "f") unreachable).
      const caught = await engine.evaluate(async () => {
        const bytes = new Uint8Array([
          0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11,
        ]);
        const { instance } = await WebAssembly.instantiate(bytes);
        try {
          /** @type {() => void} */ (instance.exports.f)();
          return 'no trap';
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
          return String(error);
        }
      });
      assert.match(caught, /unreachable/i);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await engine.evaluate(() => document.querySelectorAll('[data-testid="widget-stopped"]').length), 0);
      assert.equal(
        await engine.evaluate(() => document.querySelectorAll('#a [data-testid="kb-card"]').length),
        EDGE_COUNT,
      );
    },
  },
  {
    name: 'axe-core finds no WCAG 2.2 AA violation in the list, a KB’s details and the finder',
    async run(engine) {
      await engine.goto('/?softwareId=microsoft-_-windows_10');
      await waitForCount(engine, testId('kb-card'), WINDOWS_10.length);
      await waitForCount(engine, testId('export-csv'), 1);
      await expectNoViolations(engine, 'the list');
      await engine.screenshot(docsScreenshot(engine, 'list'));
      await engine.click(testId('details-toggle'));
      await waitFor(engine, 'the details', (s) => document.querySelectorAll(s).length > 0, [testId('device')], 15_000);
      await expectNoViolations(engine, 'the details');
      await engine.evaluate((s) => document.querySelector(s)?.scrollIntoView(), testId('details-panel'));
      await engine.screenshot(docsScreenshot(engine, 'details'));
      await engine.goto('/');
      await waitForCount(engine, testId('software-option'), 50);
      await expectNoViolations(engine, 'the finder');
      await engine.screenshot(docsScreenshot(engine, 'finder'));
    },
  },
  {
    name: 'machineId shows a device’s facts and the KBs it misses',
    async run(engine) {
      await openHost(engine);
      await mountOnHost(engine, 'a', {
        machineId: 'ed8484a900000000000000000000000000000000',
        token: TOKEN,
        apiBase: '',
      });
      await waitForText(engine, testId('device-title', '#a'), '^wks-00000\\.contoso\\.com$');
      await waitForCount(engine, testId('kb-card', '#a'), 15);
      await waitForCount(engine, testId('device-facts', '#a'), 1);
      await expectQuietPage(engine);
    },
  },
];
