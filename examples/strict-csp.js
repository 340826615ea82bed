// The smallest embedding, against the mock API on this origin with its development token.
// A real portal passes getToken (see portal.js) and its API base instead.
import { mount } from '../missing-kbs.js';

await mount(document.getElementById('widget'), {
  softwareId: 'microsoft-_-edge',
  token: 'mock-development-token',
  apiBase: '',
});
