//! The DOM-free core of the missing-kbs widget.
//!
//! Everything here is plain Rust, tested natively with `cargo test`: what a
//! software ID may be, where a request may go and what it carries, how the
//! Defender answer is read, and what a failed call means for the person who
//! asked. The widget's components only turn these values into markup.
//!
//! ```
//! use missing_kbs_core::{AccessToken, ApiBase, SoftwareId, missing_kbs_request};
//!
//! let base = ApiBase::parse("https://api.security.microsoft.com", "https://portal.example").unwrap();
//! let id = SoftwareId::parse("microsoft-_-edge").unwrap();
//! let token = AccessToken::new("eyJ0eXAi...").unwrap();
//! let request = missing_kbs_request(&base, &id, &token);
//! assert_eq!(
//!     request.url,
//!     "https://api.security.microsoft.com/api/Software/microsoft-_-edge/getmissingkbs"
//! );
//! ```

mod access_token;
mod answer_limits;
mod api_base;
mod api_error;
mod body_text;
mod card_order;
mod catalog_link;
mod csv_export;
mod device;
mod host_config;
mod i18n;
mod kb_details;
mod kb_view;
mod lenient;
mod list_subject;
mod missing_kb;
mod paging;
mod request;
mod retry_policy;
mod software_id;
mod software_info;
mod software_inventory;
mod standalone_config;

pub use access_token::{AccessToken, AccessTokenError, ClaimSource, TokenClaims, TokenProblem};
pub use answer_limits::{MAX_ANSWER_BYTES, MAX_ANSWER_MEGABYTES, MAX_KBS_SHOWN};
pub use api_base::{ApiBase, ApiBaseError, DEFENDER_API_HOSTS};
pub use api_error::{classify_response, ApiError, ErrorKind, ServiceError};
pub use body_text::decode_utf8;
pub use card_order::{card_groups, card_update, CardUpdate, CARDS_PER_GROUP};
pub use catalog_link::UpdateCatalogLink;
pub use csv_export::{clipboard_text, devices_to_csv, kb_numbers, kbs_to_csv, CsvHeadings};
pub use device::{
    device_missing_kbs_request, device_request, device_rows_request, device_search_request, missing_kbs_from_rows,
    parse_device, parse_devices, worst_fixable_severity, DeviceInfo, DeviceNameError, DeviceNamePrefix,
    DEVICE_SEARCH_TOP, MAX_DEVICE_NAME_PREFIX, MAX_DEVICE_ROW_PAGES,
};
pub use host_config::ConfigProblem;
pub use i18n::{fill, CatalogEntry, Count, LaterTexts, Locale, MissingText, PageTexts, Texts};
pub use kb_details::{
    defender_cve_link, fixed_cves, kb_details, kb_details_paged, machine_references_request, missing_devices,
    msrc_cve_link, parse_machine_references, parse_vulnerability_rows, parse_vulnerability_rows_page,
    vulnerability_rows_page_request, vulnerability_rows_request, CardCounts, CveId, DeviceRef, DeviceRows,
    DeviceSearch, FixedCve, KbDetails, KbNumber, MachineId, MissingDevice, RowQuery, Severity, VulnerabilityRow,
    DETAILS_PAGE_SIZE, MAX_DEVICE_PAGES, MAX_DEVICE_ROWS,
};
pub use kb_view::{bar_width, product_names, totals, visible_kbs, KbTotals, KbViewOptions, ShownKbs, SortKey};
pub use list_subject::ListSubject;
pub use missing_kb::{
    missing_kbs_request, parse_missing_kbs_page, read_missing_kbs_page, MissingKb, MissingKbList, MissingKbsPage,
};
pub use paging::{next_page_url, PagingError, MAX_PAGES};
pub use request::{page_request, ApiRequest};
pub use retry_policy::{
    parse_retry_after, retry_decision, RateLimiter, RetryDecision, WaitReason, CALLS_PER_HOUR, CALLS_PER_MINUTE,
    MAX_ATTEMPTS, MAX_RETRY_AFTER,
};
pub use software_id::{SoftwareId, SoftwareIdError, MAX_SOFTWARE_ID_LEN};
pub use software_info::{parse_software_info, software_request, SoftwareInfo};
pub use software_inventory::{
    find_software, inventory_request, next_inventory_request, parse_inventory_page, Inventory, InventoryCut,
    InventoryOrder, InventoryPage, InventorySort, SearchIndex, SoftwareEntry, INVENTORY_PAGE_SIZE, MAX_INVENTORY,
};
pub use standalone_config::{
    Cloud, CloudEndpoints, ConfigError, SignInConfig, StandaloneConfig, MOCK_DEVELOPMENT_TOKEN,
};

/// Puts a text in lower case, in the whole of Unicode, where what is typed must find names
/// people wrote (a device's, a group's): `str::to_lowercase` natively; in the widget, the
/// browser's `toLowerCase`, the same mapping, so that the wasm does not carry its tables.
pub type LowerCase = fn(&str) -> String;
