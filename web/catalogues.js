// Imports a language catalogue of the widget, i18n/<name>.js beside the module (EMBEDDING.md).
// Each catalogue is named here once, in a literal `import('./i18n/….js')`: the one form of a
// module's URL that a portal's bundler (Vite, webpack, Rollup) reads at build time, so that it
// copies the catalogue, with a hash in its name, and rewrites the import to find it. A URL made
// at run time would leave the catalogue behind, and the widget speaking English.
// scripts/check-asset-urls.mjs fails the build when a catalogue of i18n/ is not named here, or
// when the shipped module imports anything by a computed URL.

/**
 * The catalogue module `name`: a language's tag (`fr`) for the texts of the first download, or
 * `<tag>.later` (`fr.later`) for those of the parts that load later.
 * @param {string} name
 * @returns {Promise<{ default: object }>}
 */
export function importCatalogue(name) {
  switch (name) {
    case 'fr':
      return import('./i18n/fr.js');
    case 'fr.later':
      return import('./i18n/fr.later.js');
    case 'ja':
      return import('./i18n/ja.js');
    case 'ja.later':
      return import('./i18n/ja.later.js');
    case 'pt-BR':
      return import('./i18n/pt-BR.js');
    case 'pt-BR.later':
      return import('./i18n/pt-BR.later.js');
    case 'sv':
      return import('./i18n/sv.js');
    case 'sv.later':
      return import('./i18n/sv.later.js');
    case 'zh-Hant':
      return import('./i18n/zh-Hant.js');
    case 'zh-Hant.later':
      return import('./i18n/zh-Hant.later.js');
    default:
      return Promise.reject(new Error(`missing-kbs: there is no catalogue "${name}"`));
  }
}
