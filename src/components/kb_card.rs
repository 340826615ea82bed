//! One missing KB as a card: what it is, how many machines lack it, and where to get it.

use leptos::prelude::*;
use missing_kbs_core::{bar_width, MissingKb, Texts, UpdateCatalogLink};

use crate::dom::format_number;

/// The fixed strings every card passes to the DOM: its classes, test IDs and link attributes.
const CARD_STRINGS: [&str; 23] = [
    "mkb-grid__item",
    "mkb-card",
    "kb-card",
    "mkb-card__title",
    "kb-number",
    "mkb-card__name",
    "kb-name",
    "mkb-card__facts",
    "mkb-card__fact mkb-card__fact--machines",
    "machines-missing",
    "mkb-card__bar",
    "mkb-card__bar-fill",
    "mkb-card__fact",
    "cves-addressed",
    "mkb-card__fact mkb-card__fact--wide",
    "products",
    "mkb-card__link",
    "noopener noreferrer",
    "catalog-link",
    "mkb-visually-hidden",
    "_blank",
    "true",
    "width",
];

/// Interns the strings each card repeats (wasm-bindgen's `intern`), so that thousands of
/// cards pass the same JavaScript strings instead of decoding each from wasm memory again.
pub fn intern_card_strings(texts: &'static Texts) {
    let labels = [
        texts.machines_missing_it,
        texts.cves_addressed,
        texts.products,
        texts.open_in_catalog,
        texts.unknown,
        texts.none_listed,
        texts.no_catalog_link,
    ];
    for text in CARD_STRINGS.into_iter().chain(labels) {
        wasm_bindgen::intern(text);
    }
}

#[component]
/// `most_missed` is the largest machine count in the list: each card's bar shows its share of it,
/// so the KBs to deploy first stand out at a glance.
pub fn KbCard(kb: MissingKb, most_missed: u64, texts: &'static Texts) -> impl IntoView {
    let bar_width = bar_width(kb.machine_missed_on, most_missed);
    let label = kb.kb_label().unwrap_or_else(|| texts.unknown_kb.to_owned());
    let link = UpdateCatalogLink::for_kb(&kb);
    let count = |value: Option<u64>| value.map_or_else(|| texts.unknown.to_owned(), |n| format_number(texts.locale, n));
    let products = match &kb.products_names {
        Some(names) if !names.is_empty() => names.join(", "),
        Some(_) => texts.none_listed.to_owned(),
        None => texts.unknown.to_owned(),
    };
    let link_view = match link {
        Some(link) => view! {
            <a
                class="mkb-card__link"
                href=link.as_str().to_owned()
                target="_blank"
                rel="noopener noreferrer"
                data-testid="catalog-link"
            >
                {texts.open_in_catalog}
                <span class="mkb-visually-hidden">{texts.opens_in_new_tab(&label)}</span>
            </a>
        }
        .into_any(),
        None => view! { <p class="mkb-card__no-link">{texts.no_catalog_link}</p> }.into_any(),
    };

    view! {
        <article class="mkb-card" data-testid="kb-card">
            <h3 class="mkb-card__title" data-testid="kb-number">{label.clone()}</h3>
            <p class="mkb-card__name" data-testid="kb-name">{kb.name.unwrap_or_else(|| texts.name_unknown.to_owned())}</p>
            <dl class="mkb-card__facts">
                <div class="mkb-card__fact mkb-card__fact--machines">
                    <dt>{texts.machines_missing_it}</dt>
                    <dd data-testid="machines-missing" data-value=kb.machine_missed_on.map(|n| n.to_string())>
                        {count(kb.machine_missed_on)}
                    </dd>
                    <div class="mkb-card__bar" aria-hidden="true">
                        <div class="mkb-card__bar-fill" style:width=bar_width></div>
                    </div>
                </div>
                <div class="mkb-card__fact">
                    <dt>{texts.cves_addressed}</dt>
                    <dd data-testid="cves-addressed">{count(kb.cve_addressed)}</dd>
                </div>
                <div class="mkb-card__fact mkb-card__fact--wide">
                    <dt>{texts.products}</dt>
                    <dd data-testid="products">{products}</dd>
                </div>
                {kb.os_build.map(|build| view! {
                    <div class="mkb-card__fact">
                        <dt>{texts.os_build}</dt>
                        <dd>{build.to_string()}</dd>
                    </div>
                })}
            </dl>
            {link_view}
        </article>
    }
}
