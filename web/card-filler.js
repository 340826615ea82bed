// The per-card half of src/shell/kb_card.rs, imported by the wasm's glue (a wasm-bindgen
// snippet, bundled with the glue into missing-kbs.js and standalone.js). The wasm builds one
// template card and computes each KB's values; this fills the template's blanks and clones it.
// A card's texts cross from wasm to JavaScript as one string, decoded once: a string per blank
// cost more decoding than the DOM work itself (bench/results.md). Text goes in as
// textContent, so nothing from the network becomes markup.

/** The texts of one card, in this order, as `CardFiller.card` receives them. */
const FIELDS = 9;

export class CardFiller {
  /**
   * @param {Element} item the template card's list item
   * @param {HTMLElement[]} blanks its title, name, machines, bar fill, CVEs, products, link,
   *   link context, Details button and details panel
   * @param {string} locale the language tag numbers are written for
   * @param {string} unknown what an unknown count shows
   */
  constructor(item, blanks, locale, unknown) {
    this.item = item;
    this.blanks = blanks;
    this.numbers = new Intl.NumberFormat(locale);
    this.unknown = unknown;
  }

  /**
   * The card of one KB, in a new list item.
   *
   * @param {string} packed the lengths of the texts (UTF-16 code units, comma-separated), a
   *   colon, then the texts one after the other: title, name, bar width, products, link, link
   *   context, KB number, panel id, panel label (the last four empty when the KB has none)
   * @param {number | undefined} machines machines missing it, when known
   * @param {number | undefined} cves CVEs it addresses, when known
   */
  card(packed, machines, cves) {
    const texts = unpack(packed);
    const [title, name, machinesText, barFill, cvesText, products, link, linkContext, details, panel] = this.blanks;
    const [label, kbName, width, productsText, href, context, kb, panelId, panelLabel] = texts;
    title.textContent = label;
    name.textContent = kbName;
    machinesText.textContent = this.count(machines);
    if (machines == null) machinesText.removeAttribute('data-value');
    else machinesText.setAttribute('data-value', String(machines));
    barFill.style.setProperty('width', width);
    cvesText.textContent = this.count(cves);
    products.textContent = productsText;
    if (href) {
      link.setAttribute('href', href);
      linkContext.textContent = context;
    }
    if (kb) {
      details.setAttribute('data-kb', kb);
      details.setAttribute('aria-controls', panelId);
      panel.setAttribute('id', panelId);
      panel.setAttribute('aria-label', panelLabel);
    }
    return this.item.cloneNode(true);
  }

  /** @param {number | undefined} value */
  count(value) {
    return value == null ? this.unknown : this.numbers.format(value);
  }
}

/** @param {string} packed */
function unpack(packed) {
  const colon = packed.indexOf(':');
  const lengths = colon < 0 ? [] : packed.slice(0, colon).split(',');
  if (lengths.length !== FIELDS)
    throw new Error(`missing-kbs: a card came with ${lengths.length} texts, not ${FIELDS}`);
  const texts = [];
  let at = colon + 1;
  for (const length of lengths) {
    const end = at + Number(length);
    texts.push(packed.slice(at, end));
    at = end;
  }
  // The lengths must account for every character: a text that took another's would misplace them all.
  if (at !== packed.length) throw new Error('missing-kbs: the texts of a card do not add up');
  return texts;
}
