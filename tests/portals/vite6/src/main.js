// The Vite 6 portal of issue 30, laid out as `npm create vite` does (src/main.js, no
// vite.config.js): the widget from the npm package, imported as EMBEDDING.md's
// "With a bundler" shows. Two widgets, against the mock API of the portal tests on this origin
// with its development token: a software finder, and a list. ?locale=fr asks for French.
import { mount } from 'missing-kbs';
import 'missing-kbs/missing-kbs.css';

const query = new URLSearchParams(location.search);
const options = {
  token: 'mock-development-token',
  apiBase: '',
  locale: query.get('locale') ?? 'en',
};
mount(/** @type {HTMLElement} */ (document.getElementById('finder')), { ...options, finder: true });
mount(/** @type {HTMLElement} */ (document.getElementById('list')), {
  ...options,
  softwareId: 'microsoft-_-windows_10',
});
