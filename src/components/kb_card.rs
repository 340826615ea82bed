//! One missing KB as a card: what it is, how many machines lack it, and where to get it.

use leptos::prelude::*;
use missing_kbs_core::{MissingKb, UpdateCatalogLink};

const UNKNOWN: &str = "unknown";

#[component]
pub fn KbCard(kb: MissingKb) -> impl IntoView {
    let label = kb.kb_label().unwrap_or_else(|| "Unknown KB".to_owned());
    let link = UpdateCatalogLink::for_kb(&kb);
    let count = |value: Option<u64>| value.map_or_else(|| UNKNOWN.to_owned(), |n| n.to_string());
    let products = match &kb.products_names {
        Some(names) if !names.is_empty() => names.join(", "),
        Some(_) => "none listed".to_owned(),
        None => UNKNOWN.to_owned(),
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
                "Open in Update Catalog"
                <span class="mkb-visually-hidden">{format!(" for {label} (opens in a new tab)")}</span>
            </a>
        }
        .into_any(),
        None => view! { <p class="mkb-card__no-link">"No Update Catalog link for this KB."</p> }.into_any(),
    };

    view! {
        <article class="mkb-card" data-testid="kb-card">
            <h3 class="mkb-card__title" data-testid="kb-number">{label.clone()}</h3>
            <p class="mkb-card__name" data-testid="kb-name">{kb.name.unwrap_or_else(|| "Name unknown".to_owned())}</p>
            <dl class="mkb-card__facts">
                <div class="mkb-card__fact mkb-card__fact--machines">
                    <dt>"Machines missing it"</dt>
                    <dd data-testid="machines-missing">{count(kb.machine_missed_on)}</dd>
                </div>
                <div class="mkb-card__fact">
                    <dt>"CVEs addressed"</dt>
                    <dd data-testid="cves-addressed">{count(kb.cve_addressed)}</dd>
                </div>
                <div class="mkb-card__fact mkb-card__fact--wide">
                    <dt>"Products"</dt>
                    <dd data-testid="products">{products}</dd>
                </div>
                {kb.os_build.map(|build| view! {
                    <div class="mkb-card__fact">
                        <dt>"OS build"</dt>
                        <dd>{build.to_string()}</dd>
                    </div>
                })}
            </dl>
            {link_view}
        </article>
    }
}
