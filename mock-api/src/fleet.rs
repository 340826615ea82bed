//! The organisation's devices: one fleet, from which every answer about a device is made, so
//! that a device's KBs and a KB's devices always agree.
//!
//! **The model.** A device has one operating system, which puts it in a group with its name
//! prefix (`wks-00012.contoso.com`), and the other software its group has:
//!
//! | group | OS (software id)                   | devices | other software                           |
//! |-------|------------------------------------|---------|------------------------------------------|
//! | `wks` | `microsoft-_-windows_10` desktops  | 10,000  | Edge, Internet Explorer, Office, .NET, Chrome |
//! | `lap` | `microsoft-_-windows_11` laptops   | 2,000   | Edge, Office, .NET, Chrome               |
//! | `srv` | `microsoft-_-windows_server_2019`  | 200     | .NET                                     |
//! | `app` | `microsoft-_-windows_server_2022`  | 160     | .NET                                     |
//! | `lab` | `microsoft-_-windows_server_2016`  | 2,500   | (the scale fixture's 5,000 KBs)          |
//!
//! 14,860 devices, made on demand, none stored. Each software counts its devices in the
//! order of [`SOFTWARE`] (its groups one after the other, each by number), and a KB of the
//! fixtures that misses on N devices misses on the first N devices of its software. A KB
//! several fixtures list (the .NET updates, KB4556799 of Edge and Internet Explorer) belongs
//! to the first software of [`fixtures::known_ids`] that lists it, its *owner*, whose devices
//! it misses on; the software lists are laid out so that those devices have every software
//! that lists the KB (a test holds it).
//!
//! So the first devices of each group miss the most (`wks-00000` misses 15 KBs, `lab-00000`
//! some 5,000), and the last ones none (`wks-09999`, `lap-01999`). A device id is 40
//! hexadecimal digits, as Defender's are: a hash of its OS's software id, then its number.
//!
//! Besides the KBs, the first [`CHROME_OUTDATED`] devices with Chrome have CVEs that no KB
//! fixes (a browser's own update does), as real Defender reports them: rows whose
//! `fixingKbId` is null or absent.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::fixtures;

/// The devices of one operating system.
pub struct OsGroup {
    /// The OS's software id, as in the fixtures.
    pub software: &'static str,
    /// The first part of its devices' names.
    pub prefix: &'static str,
    pub count: usize,
    /// As Defender's machine entity says it: `osPlatform`, `version`, `osBuild`.
    pub platform: &'static str,
    pub version: &'static str,
    pub build: u64,
    /// The device groups (`rbacGroupName`) its devices are in, one after the other.
    pub teams: &'static [&'static str],
    /// People's devices (joined to Microsoft Entra), rather than servers.
    pub workstations: bool,
}

const WKS: usize = 0;
const LAP: usize = 1;
const SRV: usize = 2;
const APP: usize = 3;
const LAB: usize = 4;

pub const OS_GROUPS: [OsGroup; 5] = [
    OsGroup {
        software: "microsoft-_-windows_10",
        prefix: "wks",
        count: 10_000,
        platform: "Windows10",
        version: "22H2",
        build: 19045,
        teams: &["Finance", "Engineering", "Kiosks", "Sales"],
        workstations: true,
    },
    OsGroup {
        software: "microsoft-_-windows_11",
        prefix: "lap",
        count: 2_000,
        platform: "Windows11",
        version: "23H2",
        build: 22631,
        teams: &["Engineering", "Sales", "Finance"],
        workstations: true,
    },
    OsGroup {
        software: "microsoft-_-windows_server_2019",
        prefix: "srv",
        count: 200,
        platform: "WindowsServer2019",
        version: "1809",
        build: 17763,
        teams: &["Servers"],
        workstations: false,
    },
    OsGroup {
        software: "microsoft-_-windows_server_2022",
        prefix: "app",
        count: 160,
        platform: "WindowsServer2022",
        version: "21H2",
        build: 20348,
        teams: &["Servers"],
        workstations: false,
    },
    OsGroup {
        software: fixtures::SCALE_ID,
        prefix: "lab",
        count: 2_500,
        platform: "WindowsServer2016",
        version: "1607",
        build: 14393,
        teams: &["Lab"],
        workstations: false,
    },
];

/// Every software of the fixtures and the groups that have it, in the order it counts its devices.
const SOFTWARE: [(&str, &[usize]); 10] = [
    ("microsoft-_-windows_10", &[WKS]),
    ("microsoft-_-windows_11", &[LAP]),
    ("microsoft-_-windows_server_2019", &[SRV]),
    ("microsoft-_-windows_server_2022", &[APP]),
    (fixtures::SCALE_ID, &[LAB]),
    ("microsoft-_-edge", &[WKS, LAP]),
    ("microsoft-_-internet_explorer", &[WKS]),
    ("microsoft-_-office", &[LAP, WKS]),
    ("microsoft-_-.net_framework", &[WKS, LAP, SRV, APP]),
    ("google-_-chrome", &[WKS, LAP]),
];

/// How many of Chrome's first devices have an outdated Chrome, with CVEs no KB fixes.
pub const CHROME_OUTDATED: usize = 300;
/// The CVEs of an outdated Chrome.
pub const CHROME_CVES: usize = 3;

/// One device of the fleet: its group in [`OS_GROUPS`] and its number there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Device {
    pub group: usize,
    pub index: usize,
}

impl Device {
    pub fn os(self) -> &'static OsGroup {
        &OS_GROUPS[self.group]
    }

    /// 40 hexadecimal digits: a hash of the OS's software id, then the number.
    pub fn id(self) -> String {
        format!("{:08x}{:032x}", seed(self.os().software), self.index)
    }

    /// The device an id names, if the fleet has it (in lower case, as [`Device::id`] writes it).
    pub fn parse(id: &str) -> Option<Device> {
        if id.len() != 40 || !id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return None;
        }
        let group = OS_GROUPS.iter().position(|os| format!("{:08x}", seed(os.software)) == id[..8])?;
        let index = usize::from_str_radix(&id[8..], 16).ok()?;
        (index < OS_GROUPS[group].count).then_some(Device { group, index })
    }

    /// `wks-00012.contoso.com`.
    pub fn name(self) -> String {
        format!("{}-{:05}.contoso.com", self.os().prefix, self.index)
    }

    /// Whether it reported lately: one in 23 has been away for eight weeks.
    pub fn is_active(self) -> bool {
        (self.index + self.group * 7) % 23 != 22
    }

    /// When it last sent a full report (`lastSeen`).
    pub fn last_seen(self) -> &'static str {
        if self.is_active() {
            "2026-11-27T08:15:00Z"
        } else {
            "2026-10-02T17:40:00Z"
        }
    }

    pub fn team(self) -> &'static str {
        let teams = self.os().teams;
        teams[self.index % teams.len()]
    }

    /// Its place in the list of `software`'s devices, if it has the software.
    pub fn position_in(self, software: &str) -> Option<usize> {
        let mut before = 0;
        for &group in groups_of(software)? {
            if group == self.group {
                return Some(before + self.index);
            }
            before += OS_GROUPS[group].count;
        }
        None
    }

    /// How many KBs it misses (as [`missing_kbs`] lists them), without listing them.
    pub fn missed_count(self) -> usize {
        SOFTWARE
            .iter()
            .filter_map(|(software, _)| {
                let position = self.position_in(software)?;
                let counts = owned_counts().get(software)?;
                Some(counts.partition_point(|&machines| machines > position))
            })
            .sum()
    }
}

/// FNV-1a, 32 bits.
fn seed(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

fn groups_of(software: &str) -> Option<&'static [usize]> {
    SOFTWARE.iter().find(|(id, _)| *id == software).map(|(_, groups)| *groups)
}

/// Every device, group after group.
pub fn all_devices() -> impl Iterator<Item = Device> + Clone {
    OS_GROUPS.iter().enumerate().flat_map(|(group, os)| (0..os.count).map(move |index| Device { group, index }))
}

/// The device at `position` in the list of `software`'s devices.
pub fn nth_device(software: &str, mut position: usize) -> Option<Device> {
    for &group in groups_of(software)? {
        if position < OS_GROUPS[group].count {
            return Some(Device { group, index: position });
        }
        position -= OS_GROUPS[group].count;
    }
    None
}

/// How many devices have `software`.
#[cfg(test)]
fn device_count(software: &str) -> usize {
    groups_of(software).map_or(0, |groups| groups.iter().map(|&group| OS_GROUPS[group].count).sum())
}

/// A distinct KB of the fixtures, with the software it belongs to.
pub struct Kb {
    pub id: String,
    /// The first software that lists it: it misses on that software's first `machines` devices.
    pub owner: &'static str,
    pub machines: usize,
    pub cves: usize,
    /// Its entry in its owner's getmissingkbs answer.
    pub entry: serde_json::Value,
}

impl Kb {
    /// The devices that miss it, in its owner's order.
    pub fn devices(&self) -> impl Iterator<Item = Device> + '_ {
        (0..self.machines).filter_map(|position| nth_device(self.owner, position))
    }

    pub fn is_missing_on(&self, device: Device) -> bool {
        device.position_in(self.owner).is_some_and(|position| position < self.machines)
    }
}

/// Every distinct KB of the fixtures, in the order of the fixtures, made once.
pub fn catalogue() -> &'static [Kb] {
    static CATALOGUE: OnceLock<Vec<Kb>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut kbs: Vec<Kb> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for software in fixtures::known_ids() {
            let answer: serde_json::Value =
                serde_json::from_str(&fixtures::missing_kbs(software).expect("a known id has an answer"))
                    .expect("the fixtures are JSON");
            for entry in answer["value"].as_array().into_iter().flatten() {
                let id = entry["id"].as_str().unwrap_or_default().to_owned();
                if seen.insert(id.clone()) {
                    kbs.push(Kb {
                        id,
                        owner: software,
                        machines: entry["machineMissedOn"].as_u64().unwrap_or(0) as usize,
                        cves: entry["cveAddressed"].as_u64().unwrap_or(0) as usize,
                        entry: entry.clone(),
                    });
                }
            }
        }
        kbs
    })
}

/// The KB with this number, if the fixtures have it.
pub fn find_kb(id: &str) -> Option<&'static Kb> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| catalogue().iter().enumerate().map(|(at, kb)| (kb.id.as_str(), at)).collect());
    index.get(id).map(|&at| &catalogue()[at])
}

/// The device counts of the KBs each software owns, most first.
fn owned_counts() -> &'static HashMap<&'static str, Vec<usize>> {
    static COUNTS: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    COUNTS.get_or_init(|| {
        let mut counts: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for kb in catalogue() {
            counts.entry(kb.owner).or_default().push(kb.machines);
        }
        counts.values_mut().for_each(|list| list.sort_unstable_by(|a, b| b.cmp(a)));
        counts
    })
}

/// The KBs `device` misses, in the order of the fixtures.
pub fn missing_kbs(device: Device) -> impl Iterator<Item = &'static Kb> {
    catalogue().iter().filter(move |kb| kb.is_missing_on(device))
}

/// The devices that miss one of the KBs `software`'s answer lists, by name; `None` for a
/// software the fixtures do not have.
pub fn exposed_devices(software: &str) -> Option<Vec<Device>> {
    let answer: serde_json::Value = serde_json::from_str(&fixtures::missing_kbs(software)?).ok()?;
    // The first N devices of an owner hold its first M for M < N: keep the largest N of each.
    let mut reach: HashMap<&'static str, usize> = HashMap::new();
    for kb in answer["value"].as_array()?.iter().filter_map(|entry| find_kb(entry["id"].as_str()?)) {
        let most = reach.entry(kb.owner).or_default();
        *most = (*most).max(kb.machines);
    }
    let mut devices: Vec<Device> = reach
        .into_iter()
        .flat_map(|(owner, machines)| (0..machines).filter_map(move |position| nth_device(owner, position)))
        .collect();
    devices.sort_by_key(|device| device.name());
    devices.dedup();
    Some(devices)
}

/// Whether `device` has an outdated Chrome, whose CVEs no KB fixes.
pub fn has_outdated_chrome(device: Device) -> bool {
    device.position_in("google-_-chrome").is_some_and(|position| position < CHROME_OUTDATED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_defender_shaped_and_name_one_device_each() {
        let devices: Vec<Device> = all_devices().collect();
        assert_eq!(devices.len(), 14_860);
        let mut ids = std::collections::HashSet::new();
        for &device in devices.iter().step_by(7).chain([devices[0], devices[devices.len() - 1]].iter()) {
            let id = device.id();
            assert!(id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
            assert_eq!(Device::parse(&id), Some(device));
            ids.insert(id);
        }
        assert!(ids.len() > 2_000);
        let first = Device { group: 0, index: 0 };
        assert_eq!(first.name(), "wks-00000.contoso.com");
        assert_eq!(first.team(), "Finance");
        for unknown in [
            "",
            "xyz",
            &first.id().to_uppercase(),
            &format!("{}{:032x}", &first.id()[..8], 10_000),
            "0000000000000000000000000000000000000000",
        ] {
            assert_eq!(Device::parse(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn names_are_distinct_and_ten_thousand_share_a_prefix() {
        let names: std::collections::HashSet<String> = all_devices().map(Device::name).collect();
        assert_eq!(names.len(), 14_860);
        assert_eq!(names.iter().filter(|name| name.starts_with("wks-")).count(), 10_000);
    }

    #[test]
    fn a_kb_several_fixtures_list_has_the_same_device_count_in_each() {
        for software in fixtures::known_ids() {
            let answer: serde_json::Value = serde_json::from_str(&fixtures::missing_kbs(software).unwrap()).unwrap();
            for entry in answer["value"].as_array().unwrap() {
                let kb = find_kb(entry["id"].as_str().unwrap()).unwrap();
                assert_eq!(entry["machineMissedOn"].as_u64(), Some(kb.machines as u64), "{} in {software}", kb.id);
            }
        }
    }

    /// Every device a KB misses on has every software whose answer lists the KB, and each
    /// software has as many devices as its KBs need.
    #[test]
    fn the_devices_of_a_kb_have_every_software_that_lists_it() {
        for software in fixtures::known_ids() {
            let answer: serde_json::Value = serde_json::from_str(&fixtures::missing_kbs(software).unwrap()).unwrap();
            for entry in answer["value"].as_array().unwrap() {
                let kb = find_kb(entry["id"].as_str().unwrap()).unwrap();
                assert!(kb.machines <= device_count(kb.owner), "{}", kb.id);
                assert!(kb.devices().all(|device| device.position_in(software).is_some()), "KB{} of {software}", kb.id);
            }
        }
    }

    #[test]
    fn a_device_misses_exactly_the_kbs_whose_device_lists_hold_it() {
        let devices = [0, 11, 239, 240, 2_210, 9_999].map(|index| Device { group: WKS, index });
        for device in devices.into_iter().chain([Device { group: LAB, index: 0 }, Device { group: SRV, index: 39 }]) {
            let listed: Vec<&str> = missing_kbs(device).map(|kb| kb.id.as_str()).collect();
            let holding: Vec<&str> =
                catalogue().iter().filter(|kb| kb.devices().any(|d| d == device)).map(|kb| kb.id.as_str()).collect();
            assert_eq!(listed, holding, "{}", device.name());
            assert_eq!(device.missed_count(), listed.len(), "{}", device.name());
        }
        assert_eq!(missing_kbs(Device { group: WKS, index: 0 }).count(), 15);
        assert_eq!(missing_kbs(Device { group: WKS, index: 9_999 }).count(), 0);
        assert!(missing_kbs(Device { group: LAB, index: 0 }).count() > 4_900);
    }

    #[test]
    fn a_software_exposes_the_devices_of_its_kbs() {
        let windows_10 = exposed_devices("microsoft-_-windows_10").unwrap();
        assert_eq!(windows_10.len(), 2_211);
        assert_eq!(windows_10[0].name(), "wks-00000.contoso.com");
        let dotnet = exposed_devices("microsoft-_-.net_framework").unwrap();
        assert_eq!(dotnet.len(), 388 + 210 + 40 + 33);
        assert_eq!(exposed_devices("google-_-chrome").unwrap(), Vec::new());
        assert_eq!(exposed_devices("contoso-_-nothing"), None);
    }
}
