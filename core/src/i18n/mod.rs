//! Every text the widget shows, in its six languages, and how the language is chosen.
//!
//! Each language is one `Texts` value, and one `LaterTexts` value for the parts
//! of the widget that load later (their English is in those parts' code, not
//! in the first download). English is built in; the other languages are
//! catalogues that the page loads only when the widget speaks them
//! (`web/i18n/<tag>.js` for the `Texts`, which `Locale::install_texts` reads, and
//! `web/i18n/<tag>.later.js` for the `LaterTexts`, which
//! `Locale::install_later_texts` reads). A text missing in a catalogue fails the
//! install of its kind (the widget then speaks English, or, for the later texts
//! only, speaks English in the parts that load later), and the tests install
//! every catalogue.
//! Texts with values are templates with named holes (`{id}`), which the
//! methods of `Texts` fill: one small function for every text and language,
//! instead of a formatting function each. Numbers come already formatted for
//! the locale (the browser's `Intl.NumberFormat`); a count's raw value picks
//! its plural form.

//!
//! - `locale`: which languages there are, and which one the widget speaks;
//! - `texts`: the `Texts` and `LaterTexts` of one language and the functions that fill them;
//! - `catalogue`: reading a language's texts from its catalogue;
//! - `en`: the English texts, the one place they are written.

mod catalogue;
mod en;
mod locale;
#[cfg(test)]
pub(crate) mod tests;
mod texts;

pub use catalogue::{CatalogEntry, MissingText};
pub use locale::Locale;
pub use texts::{fill, Count, LaterTexts, PageTexts, Texts};
