// The hand-written baseline: the widget's KB cards built with document.createElement and no
// framework, from the same answer, with the same markup and CSS classes (style/missing-kbs.css).
// It does the work the widget does: reads the answer defensively, ranks the KBs, formats the
// numbers with Intl, checks catalog links, and sorts and filters by moving existing cards.

const CATALOG_ORIGIN = 'https://catalog.update.microsoft.com/';
const numbers = new Intl.NumberFormat('en');

const text = (value) => (typeof value === 'string' ? value : null);
const count = (value) => (Number.isSafeInteger(value) && value >= 0 ? value : null);
const digitsOf = (id) => {
  const digits = id?.replace(/^kb/i, '') ?? '';
  return /^\d{1,12}$/.test(digits) ? digits : null;
};
const catalogLink = (kb) => {
  if (
    kb.url &&
    kb.url.length > CATALOG_ORIGIN.length &&
    kb.url.slice(0, CATALOG_ORIGIN.length).toLowerCase() === CATALOG_ORIGIN &&
    /^[\x21-\x7e]+$/.test(kb.url) &&
    !/["'<>\\`]/.test(kb.url)
  ) {
    return CATALOG_ORIGIN + kb.url.slice(CATALOG_ORIGIN.length);
  }
  const digits = digitsOf(kb.id);
  return digits ? `${CATALOG_ORIGIN}v7/site/Search.aspx?q=KB${digits}` : null;
};
// Most first, unknown last; then CVEs; then KB id: the widget's triage order.
const mostFirst = (a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
const triage = (a, b) =>
  mostFirst(a.machines, b.machines) || mostFirst(a.cves, b.cves) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reads an answer's text into KB records, ranked; fields of the wrong type read as unknown. */
export function readAnswer(body) {
  const answer = JSON.parse(body);
  const value = Array.isArray(answer?.value) ? answer.value : [];
  const kbs = [];
  for (const raw of value) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const products = Array.isArray(raw.productsNames) ? raw.productsNames.filter((p) => typeof p === 'string') : null;
    kbs.push({
      id: text(raw.id) ?? (count(raw.id) !== null ? String(raw.id) : null),
      name: text(raw.name),
      products,
      url: text(raw.url),
      machines: count(raw.machineMissedOn),
      cves: count(raw.cveAddressed),
    });
  }
  return kbs.sort(triage);
}

function element(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) node.append(child);
  return node;
}

function fact(className, term, value, testId) {
  const dd = element('dd', null, [value]);
  if (testId) dd.setAttribute('data-testid', testId);
  return [element('div', className, [element('dt', null, [term]), dd]), dd];
}

function card(kb, mostMissed) {
  const digits = digitsOf(kb.id);
  const label = kb.id === null ? 'Unknown KB' : digits ? `KB${digits}` : kb.id;
  const title = element('h3', 'mkb-card__title', [label]);
  title.setAttribute('data-testid', 'kb-number');
  const name = element('p', 'mkb-card__name', [kb.name ?? 'Name unknown']);
  name.setAttribute('data-testid', 'kb-name');

  const [machines, machinesValue] = fact(
    'mkb-card__fact mkb-card__fact--machines',
    'Machines missing it',
    kb.machines === null ? 'unknown' : numbers.format(kb.machines),
    'machines-missing',
  );
  if (kb.machines !== null) machinesValue.setAttribute('data-value', String(kb.machines));
  const fill = element('div', 'mkb-card__bar-fill');
  // The widget's rounding (core bar_width): tenths of a percent, to the nearest.
  const tenths =
    mostMissed > 0 && kb.machines !== null
      ? Math.floor((Math.min(kb.machines, mostMissed) * 1000 + Math.floor(mostMissed / 2)) / mostMissed)
      : 0;
  fill.style.width = `${Math.floor(tenths / 10)}.${tenths % 10}%`;
  const bar = element('div', 'mkb-card__bar', [fill]);
  bar.setAttribute('aria-hidden', 'true');
  machines.append(bar);
  const [cves] = fact(
    'mkb-card__fact',
    'CVEs addressed',
    kb.cves === null ? 'unknown' : numbers.format(kb.cves),
    'cves-addressed',
  );
  const productText = kb.products === null ? 'unknown' : kb.products.length ? kb.products.join(', ') : 'none listed';
  const [products] = fact('mkb-card__fact mkb-card__fact--wide', 'Products', productText, 'products');

  const href = catalogLink(kb);
  let link;
  if (href) {
    link = element('a', 'mkb-card__link', [
      'Open in Update Catalog',
      element('span', 'mkb-visually-hidden', [` for ${label} (opens in a new tab)`]),
    ]);
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.setAttribute('data-testid', 'catalog-link');
  } else {
    link = element('p', 'mkb-card__no-link', ['No Update Catalog link for this KB.']);
  }

  // The Details button and its empty, hidden panel, as the widget's template card has them.
  const details = [];
  if (digits) {
    const panelId = `mkb1-details-${digits}`;
    const button = element('button', 'mkb-button mkb-button--subtle mkb-card__details', ['Details']);
    button.setAttribute('data-testid', 'details-toggle');
    button.setAttribute('type', 'button');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('data-kb', digits);
    button.setAttribute('aria-controls', panelId);
    const panel = element('div', 'mkb-details');
    panel.setAttribute('data-testid', 'details-panel');
    panel.setAttribute('role', 'region');
    panel.hidden = true;
    panel.id = panelId;
    panel.setAttribute('aria-label', `Details of ${label}`);
    details.push(button, panel);
  }

  const article = element('article', 'mkb-card', [
    title,
    name,
    element('dl', 'mkb-card__facts', [machines, cves, products]),
    link,
    ...details,
  ]);
  article.setAttribute('data-testid', 'kb-card');
  const item = element('div', 'mkb-grid__item', [article]);
  item.setAttribute('role', 'listitem');
  return item;
}

// The widget's markup: the list is a column of groups of this many cards, each a grid.
const CARDS_PER_GROUP = 840;

/** Puts `cards` into `list`, in groups, reusing the groups it holds. */
function fillGroups(list, cards) {
  const groups = [];
  for (let start = 0; start < cards.length; start += CARDS_PER_GROUP) {
    const group = list.children[groups.length] ?? element('div', 'mkb-grid');
    group.setAttribute('role', 'none');
    const groupCards = cards.slice(start, start + CARDS_PER_GROUP);
    group.replaceChildren(...groupCards);
    // Its size while skipped before it was ever shown, as the widget estimates it.
    group.style.containIntrinsicSize = `auto ${Math.ceil(groupCards.length / 3) * 256}px`;
    groups.push(group);
  }
  list.replaceChildren(...groups);
}

/** Renders `kbs` into `root` as the widget's list; returns the sort and filter controls. */
export function renderList(root, kbs, header = []) {
  const mostMissed = kbs.reduce((most, kb) => Math.max(most, kb.machines ?? 0), 0);
  const cards = kbs.map((kb) => card(kb, mostMissed));
  const list = element('div', 'mkb-cards');
  list.setAttribute('role', 'list');
  fillGroups(list, cards);
  const section = element('section', 'mkb', [...header, list]);
  root.replaceChildren(section);

  let order = kbs.map((_, index) => index);
  let needle = '';
  const show = () => {
    const shown = needle ? order.filter((index) => matches(kbs[index], needle)) : order;
    fillGroups(
      list,
      shown.map((index) => cards[index]),
    );
  };
  return {
    sortByKbNumber() {
      const number = (kb) => (digitsOf(kb.id) === null ? null : Number(digitsOf(kb.id)));
      order = kbs
        .map((_, index) => index)
        .sort((a, b) => mostFirst(number(kbs[a]), number(kbs[b])) || triage(kbs[a], kbs[b]));
      show();
    },
    sortByMachines() {
      order = kbs.map((_, index) => index);
      show();
    },
    filter(value) {
      needle = value.trim().toLowerCase();
      show();
    },
  };
}

function matches(kb, needle) {
  const digits = digitsOf(kb.id);
  const label = (kb.id === null ? '' : digits ? `KB${digits}` : kb.id).toLowerCase();
  return (
    label.includes(needle) ||
    (kb.name ?? '').toLowerCase().includes(needle) ||
    (kb.products ?? []).some((product) => product.toLowerCase().includes(needle))
  );
}

/** The baseline's whole job for one answer: fetch it (the same stubbed fetch as the widget's), read, render. */
export async function showMissingKbs(root, url, token) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return renderList(root, readAnswer(await response.text()));
}

// ---- The device side ---------------------------------------------------------------------------

const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** How long ago an ISO time was, as the widget words it (src/intl.rs relative_age); null if unreadable. */
function age(iso) {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) return null;
  const seconds = (Date.now() - ms) / 1000;
  const [value, unit] =
    seconds < 60
      ? [0, 'second']
      : seconds < 3600
        ? [Math.floor(seconds / 60), 'minute']
        : seconds < 48 * 3600
          ? [Math.floor(seconds / 3600), 'hour']
          : [Math.floor(seconds / 86_400), 'day'];
  return relativeTime.format(-value, unit);
}

/** A machine entity's facts, each null when missing or of the wrong type. */
function readDevice(raw) {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const id = text(raw.id);
  const platform = text(raw.osPlatform);
  const version = text(raw.osVersion) ?? text(raw.version);
  return {
    id: id && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : null,
    name: text(raw.computerDnsName)?.slice(0, 200) ?? null,
    os: platform && version ? `${platform} ${version}` : (platform ?? version),
    lastSeen: age(raw.lastSeen),
    health: text(raw.healthStatus),
    exposure: text(raw.exposureLevel),
    risk: text(raw.riskScore),
    group: text(raw.rbacGroupName),
    tags: Array.isArray(raw.machineTags) ? raw.machineTags.filter((tag) => typeof tag === 'string').slice(0, 20) : [],
  };
}

/** Only the facts a device has, as `<div><dt>…</dt><dd>…</dd></div>`, with an optional test id on each dd. */
function deviceFacts(className, facts) {
  const list = element('dl', className);
  for (const [term, value, testId] of facts) {
    if (value === null || value === undefined) continue;
    const dd = element('dd', null, [value]);
    if (testId) dd.setAttribute('data-testid', testId);
    list.append(element('div', null, [element('dt', null, [term]), dd]));
  }
  return list;
}

/**
 * One search result, with the widget's markup (src/components/device_finder.rs): its button
 * carries `index`, the device's place in the answer, which the list's one click handler reads.
 */
function deviceRow(device, index) {
  const name = element('span', 'mkb-software__name', [device.name ?? device.id ?? '']);
  name.setAttribute('data-testid', 'device-option-name');
  const choose = element('button', 'mkb-software__choose', [name]);
  choose.setAttribute('type', 'button');
  choose.setAttribute('data-device', String(index));
  const row = element('li', 'mkb-software', [
    choose,
    deviceFacts('mkb-software__facts', [
      ['Operating system', device.os],
      ['Device group', device.group],
      ['Last seen', device.lastSeen],
      ['Exposure level', device.exposure],
    ]),
  ]);
  row.setAttribute('data-testid', 'device-option');
  row.setAttribute('data-machine-id', device.id);
  return row;
}

const SEARCH_TOP = 50;
const TYPING_PAUSE_MS = 600;
/** An OData string literal's text, percent-encoded but for RFC 3986's unreserved characters. */
const queryValue = (text) =>
  encodeURIComponent(text.replaceAll("'", "''")).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The widget's device search, by hand: an input whose typing is debounced (a search is sent once
 * it has paused 600 ms, and at once on Enter), GET /api/machines?$filter=startswith(…)&$top=50,
 * and the matches as the widget lists them. Returns the input.
 */
export function deviceSearch(root, apiBase, token) {
  const input = element('input', 'mkb-form__input');
  Object.assign(input, { id: 'bench-find-device', type: 'search', autocomplete: 'off', spellcheck: false });
  input.setAttribute('aria-describedby', 'bench-find-device-hint');
  input.setAttribute('data-testid', 'find-device');
  const label = element('label', 'mkb-form__label', ['Device name starts with']);
  label.htmlFor = input.id;
  const hint = element('p', 'mkb-form__hint', ["Type the beginning of a device's name, such as wks-01."]);
  hint.id = 'bench-find-device-hint';
  const status = element('p', 'mkb-note');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('data-testid', 'device-search-status');
  const results = element('div');
  root.replaceChildren(
    element('section', 'mkb', [
      element('div', 'mkb-toolbar', [element('div', 'mkb-toolbar__field', [label, input, hint])]),
      status,
      results,
    ]),
  );

  let typed = 0; // which keystroke's pause is awaited, and which search's answer is shown
  const search = async (raw) => {
    const prefix = raw.trim().toLowerCase();
    const mine = typed;
    if (!prefix) {
      status.textContent = '';
      results.replaceChildren();
      return;
    }
    status.textContent = 'Searching devices…';
    results.replaceChildren();
    const url = `${apiBase}/api/machines?$filter=startswith(computerDnsName,'${queryValue(prefix)}')&$top=${SEARCH_TOP}`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const answer = JSON.parse(await response.text());
    if (mine !== typed) return; // a newer search was asked for meanwhile
    const found = (Array.isArray(answer?.value) ? answer.value : []).map(readDevice).filter((device) => device?.id);
    if (!found.length) {
      status.textContent = `No device's name starts with “${prefix}”.`;
      return;
    }
    status.textContent =
      `Devices found: ${numbers.format(found.length)}` +
      (found.length >= SEARCH_TOP ? ` Only the first ${SEARCH_TOP} are shown: type more of the name.` : '');
    const list = element('ul', 'mkb-software-list', found.map(deviceRow));
    list.setAttribute('data-testid', 'device-list');
    results.replaceChildren(list);
  };
  input.addEventListener('input', () => {
    const mine = ++typed;
    setTimeout(() => mine === typed && search(input.value), TYPING_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    typed++;
    search(input.value);
  });
  return input;
}

/** A device's header: its name and facts, with the widget's markup (src/components/device_header.rs). */
function deviceHeader(device, id) {
  const title = element('h2', 'mkb-device__name', [device?.name ?? id]);
  title.setAttribute('data-testid', 'device-title');
  title.tabIndex = -1;
  const facts = device
    ? [
        deviceFacts('mkb-device__facts', [
          ['Operating system', device.os, 'device-os'],
          ['Last seen', device.lastSeen, 'device-last-seen'],
          ['Health', device.health, 'device-health'],
          ['Exposure level', device.exposure, 'device-exposure'],
          ['Risk', device.risk, 'device-risk'],
          ['Device group', device.group, 'device-group'],
          ['Tags', device.tags.length ? device.tags.join(', ') : null, 'device-tags'],
        ]),
      ]
    : [];
  facts[0]?.setAttribute('data-testid', 'device-facts');
  const header = element('div', 'mkb-device', [element('p', 'mkb-device__kind', ['Device']), title, ...facts]);
  header.setAttribute('data-testid', 'device-header');
  return header;
}

/**
 * The baseline's whole job for one device: fetch its missing KBs and its facts at once (the same
 * stubbed fetch as the widget's), read them, and render its header above the same cards.
 */
export async function showDevice(root, apiBase, id, token) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  const facts = fetch(`${apiBase}/api/machines/${id}`, { headers })
    .then((response) => (response.ok ? response.text() : null))
    .then((body) => (body === null ? null : readDevice(JSON.parse(body))))
    .catch(() => null);
  const response = await fetch(`${apiBase}/api/machines/${id}/getmissingkbs`, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const kbs = readAnswer(await response.text());
  return renderList(root, kbs, [deviceHeader(await facts, id)]);
}
