//! Any bytes as a getmissingkbs answer: the parser and everything the view does
//! with what it returns must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use missing_kbs_core::{
    classify_response, kbs_to_csv, parse_retry_after, parse_missing_kbs_page, visible_kbs, KbViewOptions, SoftwareId, SortKey, UpdateCatalogLink,
};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let _ = classify_response(503, parse_retry_after(body, 0, |_| None), body);
    let _ = SoftwareId::parse(body);
    if let Ok(page) = parse_missing_kbs_page(body) {
        for kb in &page.kbs {
            if let Some(link) = UpdateCatalogLink::for_kb(kb) {
                assert!(link.as_str().starts_with("https://catalog.update.microsoft.com/"));
            }
        }
        for sort in SortKey::ALL {
            let shown = visible_kbs(&page.kbs, &KbViewOptions { sort, text: "kb".into(), ..KbViewOptions::default() });
            let _ = kbs_to_csv(&page.kbs, &shown, ["KB", "Name", "Products", "Machines", "CVEs", "Link"]);
        }
    }
});
