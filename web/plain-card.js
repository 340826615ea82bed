// The card of the two failures that no wasm can show, made in plain DOM: the module stopped
// (missing-kbs.js), or it could not be loaded (load-failure.js). It looks as the widget's own
// error cards do.

/**
 * Replaces what `host` shows with a card that says `title` and `body`, in language `tag`.
 * @param {HTMLElement} host
 * @param {{ tag: string, title: string, body: string, testid: string }} card
 * @returns {HTMLElement} the card
 */
export function showPlainCard(host, { tag, title, body, testid }) {
  const card = element(
    'div',
    'mkb-error',
    element('h2', 'mkb-error__title', title),
    element('p', 'mkb-error__message', body),
  );
  card.setAttribute('role', 'alert');
  card.dataset.testid = testid;
  const section = element('section', 'mkb', card);
  section.lang = tag;
  host.replaceChildren(section);
  return card;
}

/**
 * A new `tag` element of class `className` that holds `children` (texts are text, not markup).
 * @param {string} tag
 * @param {string} className
 * @param {...(Node | string)} children
 */
function element(tag, className, ...children) {
  const made = document.createElement(tag);
  made.className = className;
  made.append(...children);
  return made;
}
