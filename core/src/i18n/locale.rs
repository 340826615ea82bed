//! The languages the widget speaks, and which one it speaks for a page.

use std::sync::OnceLock;

use super::catalogue::{read_catalogue, CatalogEntry, Catalogued, MissingText};
use super::en::{EN, EN_LATER};
use super::texts::{LaterTexts, Texts};

/// The languages of the getmissingkbs documentation, which the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    English,
    Japanese,
    TraditionalChinese,
    Swedish,
    French,
    BrazilianPortuguese,
}

impl Locale {
    pub const ALL: [Locale; 6] = [
        Locale::English,
        Locale::Japanese,
        Locale::TraditionalChinese,
        Locale::Swedish,
        Locale::French,
        Locale::BrazilianPortuguese,
    ];

    /// The BCP 47 tag, for `lang` attributes and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::English => "en",
            Locale::Japanese => "ja",
            Locale::TraditionalChinese => "zh-Hant",
            Locale::Swedish => "sv",
            Locale::French => "fr",
            Locale::BrazilianPortuguese => "pt-BR",
        }
    }

    /// The language's own name, for a language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::English => "English",
            Locale::Japanese => "日本語",
            Locale::TraditionalChinese => "繁體中文",
            Locale::Swedish => "Svenska",
            Locale::French => "Français",
            Locale::BrazilianPortuguese => "Português (Brasil)",
        }
    }

    /// The first supported language among `requested` (a `locale` option, then
    /// `navigator.languages`), falling back to English.
    ///
    /// ```
    /// use missing_kbs_core::Locale;
    ///
    /// assert_eq!(Locale::negotiate(["de-DE", "fr-CA", "en"]), Locale::French);
    /// assert_eq!(Locale::negotiate(["zh-TW"]), Locale::TraditionalChinese);
    /// assert_eq!(Locale::negotiate(["zh-CN"]), Locale::English);
    /// ```
    pub fn negotiate<'a>(requested: impl IntoIterator<Item = &'a str>) -> Locale {
        requested.into_iter().find_map(Locale::from_tag).unwrap_or_default()
    }

    fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let language = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        Some(match language {
            "en" => Locale::English,
            "ja" => Locale::Japanese,
            "sv" => Locale::Swedish,
            "fr" => Locale::French,
            // Brazilian Portuguese is the Portuguese the widget has; closer than English for pt-PT too.
            "pt" => Locale::BrazilianPortuguese,
            // Traditional script: zh-Hant, or the regions that write it (Taiwan, Hong Kong, Macao).
            "zh" if rest.iter().any(|part| matches!(*part, "hant" | "tw" | "hk" | "mo")) => Locale::TraditionalChinese,
            _ => return None,
        })
    }

    /// The language's texts: English until its catalogue is installed (see `is_ready`).
    pub fn texts(self) -> &'static Texts {
        installed(self, &INSTALLED).and_then(OnceLock::get).unwrap_or(&EN)
    }

    /// Whether the widget can speak the language: English always, the others once installed.
    pub fn is_ready(self) -> bool {
        installed(self, &INSTALLED).is_none_or(|texts| texts.get().is_some())
    }

    /// Installs the language's texts from its catalogue (`web/i18n/<tag>.js`): `entry(key)`
    /// gives a key's value. Fails with the first key that is missing or has the wrong shape.
    /// Installing twice keeps the first.
    /// The texts of the parts that load later are installed apart (`install_later_texts`).
    pub fn install_texts(self, entry: impl Fn(&str) -> Option<CatalogEntry>) -> Result<(), MissingText> {
        install(self, &INSTALLED, entry)
    }

    /// The texts of the parts that load later: English until installed. The parts ask
    /// `language_catalogue::later_texts` in the widget's crate, which installs them first.
    pub fn later_texts_or_english(self) -> &'static LaterTexts {
        installed(self, &INSTALLED_LATER).and_then(OnceLock::get).unwrap_or(&EN_LATER)
    }

    /// Whether `later_texts_or_english` gives the language's own texts (always for English).
    pub fn later_texts_are_ready(self) -> bool {
        installed(self, &INSTALLED_LATER).is_none_or(|texts| texts.get().is_some())
    }

    /// Installs the texts of the parts that load later from the language's catalogue, as
    /// `install_texts` does the others. Their code calls it, so that neither their English nor
    /// their catalogue keys are in the first download.
    pub fn install_later_texts(self, entry: impl Fn(&str) -> Option<CatalogEntry>) -> Result<(), MissingText> {
        install(self, &INSTALLED_LATER, entry)
    }
}

/// The languages' installed texts of one kind, in the order of `installed`.
type Installed<T> = [OnceLock<T>; 5];
static INSTALLED: Installed<Texts> = [const { OnceLock::new() }; 5];
static INSTALLED_LATER: Installed<LaterTexts> = [const { OnceLock::new() }; 5];

/// Where `locale`'s installed texts are among `all`; English, which is built in, has none.
fn installed<T>(locale: Locale, all: &'static Installed<T>) -> Option<&'static OnceLock<T>> {
    let index = match locale {
        Locale::English => return None,
        Locale::Japanese => 0,
        Locale::TraditionalChinese => 1,
        Locale::Swedish => 2,
        Locale::French => 3,
        Locale::BrazilianPortuguese => 4,
    };
    Some(&all[index])
}

/// Reads `locale`'s texts of one kind from its catalogue into their place among `all`, once.
fn install<T: Catalogued>(
    locale: Locale,
    all: &'static Installed<T>,
    entry: impl Fn(&str) -> Option<CatalogEntry>,
) -> Result<(), MissingText> {
    let Some(slot) = installed(locale, all) else { return Ok(()) };
    if slot.get().is_none() {
        let _ = slot.set(read_catalogue(locale, entry)?);
    }
    Ok(())
}
