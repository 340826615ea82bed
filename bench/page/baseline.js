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
export function renderList(root, kbs) {
  const mostMissed = kbs.reduce((most, kb) => Math.max(most, kb.machines ?? 0), 0);
  const cards = kbs.map((kb) => card(kb, mostMissed));
  const list = element('div', 'mkb-cards');
  list.setAttribute('role', 'list');
  fillGroups(list, cards);
  const section = element('section', 'mkb', [list]);
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
