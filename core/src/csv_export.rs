//! The list as CSV, safe to open in a spreadsheet.

use crate::catalog_link::UpdateCatalogLink;
use crate::missing_kb::MissingKb;

/// Spreadsheets treat a cell starting with one of these as a formula (CSV injection);
/// OWASP lists tab and carriage return too.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The column headings, in the reader's language:
/// KB, name, products, machines missing, CVEs addressed, Update Catalog link.
pub type CsvHeadings<'a> = [&'a str; 6];

/// The KBs at `indices`, in that order, as RFC 4180 CSV (CRLF line ends) with a
/// UTF-8 byte order mark, so spreadsheet programs read non-ASCII names right.
///
/// ```
/// use missing_kbs_core::{kbs_to_csv, MissingKb};
///
/// let kb = MissingKb { id: Some("4540673".into()), name: Some("=HYPERLINK(\"x\")".into()), ..Default::default() };
/// let csv = kbs_to_csv(&[kb], &[0], ["KB", "Name", "Products", "Machines", "CVEs", "Link"]);
/// assert!(csv.contains("KB4540673,\"'=HYPERLINK(\"\"x\"\")\""));
/// ```
pub fn kbs_to_csv(kbs: &[MissingKb], indices: &[usize], headings: CsvHeadings<'_>) -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, headings.iter().map(|h| (*h).to_owned()));
    for &index in indices {
        let kb = &kbs[index];
        let count = |value: Option<u64>| value.map(|n| n.to_string()).unwrap_or_default();
        push_row(
            &mut out,
            [
                kb.kb_label().unwrap_or_default(),
                kb.name.clone().unwrap_or_default(),
                kb.products_names.as_deref().unwrap_or_default().join("; "),
                count(kb.machine_missed_on),
                count(kb.cve_addressed),
                UpdateCatalogLink::for_kb(kb).map(|link| link.as_str().to_owned()).unwrap_or_default(),
            ],
        );
    }
    out
}

/// The devices that miss a KB, as [`kbs_to_csv`] writes KBs: name (or id), device id, OS
/// platform, device group, under `headings` in the reader's language.
///
/// ```
/// use missing_kbs_core::{devices_to_csv, MachineId, MissingDevice};
///
/// let device = MissingDevice { id: MachineId::parse("m1").unwrap(), name: Some("@SUM(A1)".into()), os_platform: None, group: None };
/// let csv = devices_to_csv(&[&device], ["Device", "ID", "OS platform", "Device group"]);
/// assert!(csv.ends_with("\"'@SUM(A1)\",m1,,\r\n"));
/// ```
pub fn devices_to_csv(devices: &[&crate::kb_details::MissingDevice], headings: [&str; 4]) -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, headings.iter().map(|h| (*h).to_owned()));
    for device in devices {
        push_row(
            &mut out,
            [
                device.shown_name().to_owned(),
                device.id.as_str().to_owned(),
                device.os_platform.clone().unwrap_or_default(),
                device.group.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (position, cell) in cells.into_iter().enumerate() {
        if position > 0 {
            out.push(',');
        }
        push_cell(out, &cell);
    }
    out.push_str("\r\n");
}

fn push_cell(out: &mut String, cell: &str) {
    let neutralised = starts_a_formula(cell);
    let quoted = neutralised || cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ');
    if quoted {
        out.push('"');
    }
    if neutralised {
        out.push('\'');
    }
    out.push_str(&cell.replace('"', "\"\""));
    if quoted {
        out.push('"');
    }
}

/// Whether a spreadsheet would read `cell` as a formula.
fn starts_a_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS)
}

/// The KB numbers at `indices`, one per line, for the clipboard.
pub fn kb_numbers(kbs: &[MissingKb], indices: &[usize]) -> String {
    indices.iter().filter_map(|&index| kbs[index].kb_label()).collect::<Vec<_>>().join("\n")
}

/// `text` made safe to paste into a spreadsheet, as the CSV export's cells are:
/// tabs and carriage returns (which a paste splits into cells) become spaces, and
/// a line that would start a formula, after any spaces, starts with `'`.
///
/// ```
/// assert_eq!(missing_kbs_core::clipboard_text("=cmd|' /C calc'!A0\nKB1\tx"), "'=cmd|' /C calc'!A0\nKB1 x");
/// ```
pub fn clipboard_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let line = line.replace(['\t', '\r'], " ");
        if starts_a_formula(line.trim_start()) {
            out.push('\'');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADINGS: CsvHeadings<'static> =
        ["KB", "Name", "Products", "Machines missing", "CVEs addressed", "Update Catalog link"];

    fn kb(id: &str, name: &str, products: &[&str], machines: u64, cves: Option<u64>) -> MissingKb {
        MissingKb {
            id: Some(id.into()),
            name: Some(name.into()),
            products_names: Some(products.iter().map(|p| (*p).to_owned()).collect()),
            machine_missed_on: Some(machines),
            cve_addressed: cves,
            ..MissingKb::default()
        }
    }

    #[test]
    fn writes_a_header_and_one_row_per_kb_in_the_given_order() {
        let kbs =
            vec![kb("1", "First", &["edge"], 5, Some(2)), kb("2", "Second", &["windows_10", "windows_11"], 9, None)];
        let csv = kbs_to_csv(&kbs, &[1, 0], HEADINGS);
        assert_eq!(
            csv,
            "\u{FEFF}KB,Name,Products,Machines missing,CVEs addressed,Update Catalog link\r\n\
             KB2,Second,windows_10; windows_11,9,,https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB2\r\n\
             KB1,First,edge,5,2,https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB1\r\n"
        );
    }

    #[test]
    fn quotes_commas_quotes_and_line_breaks() {
        let kbs = vec![kb("1", "Update, \"critical\"\nsecond line", &[], 0, None)];
        let csv = kbs_to_csv(&kbs, &[0], HEADINGS);
        assert!(csv.contains("KB1,\"Update, \"\"critical\"\"\nsecond line\",,0,,"), "{csv}");
    }

    #[test]
    fn neutralises_cells_a_spreadsheet_would_run_as_formulas() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let name = format!("{start}cmd|' /C calc'!A0");
            let csv = kbs_to_csv(&[kb("1", &name, &[start], 0, None)], &[0], HEADINGS);
            let row = csv.split("\r\n").nth(1).unwrap();
            let cells: Vec<&str> = row.splitn(3, ',').collect();
            assert!(cells[1].starts_with("\"'"), "{start:?}: {row}");
            assert!(cells[2].starts_with("\"'"), "{start:?}: {row}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let csv = kbs_to_csv(&[kb("1", "2024-10 Cumulative Update (KB1)", &["edge"], 3, Some(1))], &[0], HEADINGS);
        assert!(csv.contains("\r\nKB1,2024-10 Cumulative Update (KB1),edge,3,1,https://"), "{csv}");
    }

    #[test]
    fn kb_numbers_one_per_line() {
        let kbs = vec![kb("1", "a", &[], 0, None), MissingKb::default(), kb("3", "c", &[], 0, None)];
        assert_eq!(kb_numbers(&kbs, &[2, 1, 0]), "KB3\nKB1");
    }

    #[test]
    fn nothing_copied_can_start_a_formula_or_a_new_cell() {
        for formula in ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            let copied = clipboard_text(formula);
            assert!(copied.starts_with('\''), "{formula:?} -> {copied:?}");
            assert!(!copied.contains(['\t', '\r']), "{copied:?}");
        }
        assert_eq!(clipboard_text("b5d8f12a-4c1e\n=x"), "b5d8f12a-4c1e\n'=x");
        assert_eq!(clipboard_text("KB1\nKB2"), "KB1\nKB2");
    }
}
