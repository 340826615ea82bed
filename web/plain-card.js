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
  const heading = document.createElement('h2');
  heading.className = 'mkb-error__title';
  heading.textContent = title;
  const message = document.createElement('p');
  message.className = 'mkb-error__message';
  message.textContent = body;
  const card = document.createElement('div');
  card.className = 'mkb-error';
  card.setAttribute('role', 'alert');
  card.dataset.testid = testid;
  card.append(heading, message);
  const section = document.createElement('section');
  section.className = 'mkb';
  section.lang = tag;
  section.append(card);
  host.replaceChildren(section);
  return card;
}
