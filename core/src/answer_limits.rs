//! How much one load may read, so that a broken or hostile service (or a proxy in
//! front of it) cannot freeze or exhaust the page.
//!
//! Both bounds are far above any real answer. A getmissingkbs list names the
//! security updates one software still misses: a few hundred for Windows in a
//! large tenant. The widget is tested with 100,000 KBs (the hostile corpus'
//! `hundred-thousand-kbs`, about 30 MB as Defender writes them), twice that is
//! the KB bound, and the byte bound leaves room for that list with long names.
//! Without them a single answer of a million KBs (200 MB) blocked the page for
//! two seconds, and 50 linked pages of 88 MB grew the wasm memory to its 4 GB
//! limit and stopped the widget.

/// The most bytes one load reads, all pages and error bodies together, counted as they arrive.
pub const MAX_ANSWER_BYTES: usize = MAX_ANSWER_MEGABYTES * 1024 * 1024;
/// [`MAX_ANSWER_BYTES`] in MiB, as the error message says it.
pub const MAX_ANSWER_MEGABYTES: usize = 64;
/// The most KBs one list may hold, all pages together.
pub const MAX_KBS_SHOWN: usize = 200_000;
