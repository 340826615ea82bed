//! What a list of missing KBs is for: a software (`softwareId`) or one device (`machineId`).

use std::fmt;

use crate::kb_details::MachineId;
use crate::software_id::SoftwareId;

/// The software or the device whose missing KBs a list shows. A host gives one or the other,
/// never both (`ConfigProblem::SoftwareAndMachine`).
///
/// ```
/// use missing_kbs_core::{ListSubject, MachineId, SoftwareId};
///
/// let software = ListSubject::Software(SoftwareId::parse("microsoft-_-edge").unwrap());
/// let device = ListSubject::Device(MachineId::parse("ac233fa6208e1579620bf44207c4006ed7cc4501").unwrap());
/// assert_eq!((software.field(), software.as_str()), ("softwareId", "microsoft-_-edge"));
/// assert_eq!(device.field(), "machineId");
/// // Their keys (in the session's memory) never meet: a software ID always holds `-_-`.
/// assert_eq!(device.to_string(), "machines/ac233fa6208e1579620bf44207c4006ed7cc4501");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ListSubject {
    Software(SoftwareId),
    Device(MachineId),
}

impl ListSubject {
    /// The ID as the host and the API write it.
    pub fn as_str(&self) -> &str {
        match self {
            ListSubject::Software(id) => id.as_str(),
            ListSubject::Device(id) => id.as_str(),
        }
    }

    /// The name of its ID in the host's options and events: `softwareId` or `machineId`.
    pub fn field(&self) -> &'static str {
        match self {
            ListSubject::Software(_) => "softwareId",
            ListSubject::Device(_) => "machineId",
        }
    }

    pub fn software(&self) -> Option<&SoftwareId> {
        match self {
            ListSubject::Software(id) => Some(id),
            ListSubject::Device(_) => None,
        }
    }

    pub fn device(&self) -> Option<&MachineId> {
        match self {
            ListSubject::Software(_) => None,
            ListSubject::Device(id) => Some(id),
        }
    }
}

impl fmt::Display for ListSubject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListSubject::Software(id) => f.write_str(id.as_str()),
            ListSubject::Device(id) => write!(f, "machines/{}", id.as_str()),
        }
    }
}
