//! Lenient reading of service answers: a value of the wrong type reads as `None`
//! instead of failing the whole answer, without buffering anything.
//!
//! serde's usual tool for this, an untagged enum, first copies every value into
//! an intermediate tree and then tries each variant on it. Here each value is
//! read once, straight from the parser (serde_json from text, or
//! serde-wasm-bindgen from `JSON.parse`), by one visitor that accepts any type
//! and hands the value on only when it is the expected one. Arrays and objects
//! of the wrong type are read to their end and dropped.
//!
//! Every answer and `config.json` is read this way, never by a derived
//! `Deserialize`: serde_json's type errors, which derived code can reach,
//! format their floats, and that formatting alone is 7 KB gzip of wasm.
//! Objects are read key by key (`from_object`, with a `field_identifier` enum
//! of the keys), and a repeated key keeps its last value, as in `JSON.parse`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::answer_limits::MAX_KBS_SHOWN;

/// A value read leniently: `None` when it was null or not of type `T` (or, with
/// `#[serde(default)]`, missing).
pub(crate) struct Lenient<T>(pub(crate) Option<T>);

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Self(None)
    }
}

/// What a JSON value can be read as. Each kind of value the type does not take reads as `None`.
pub(crate) trait LenientValue: Sized {
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }

    fn from_text(_text: &str) -> Option<Self> {
        None
    }

    fn from_owned_text(text: String) -> Option<Self> {
        Self::from_text(&text)
    }

    fn from_count(_count: u64) -> Option<Self> {
        None
    }

    /// A negative or fractional number.
    fn from_other_number() -> Option<Self> {
        None
    }

    fn from_array<'de, A: SeqAccess<'de>>(array: A) -> Result<Option<Self>, A::Error> {
        skip_array(array).map(|()| None)
    }

    fn from_object<'de, A: MapAccess<'de>>(object: A) -> Result<Option<Self>, A::Error> {
        skip_object(object).map(|()| None)
    }
}

/// A scalar as sent. Every text, count or flag field is read as one and then converted,
/// so the wasm holds one copy of the parser's dispatch for all of them rather than one per
/// type. An array or object where a scalar belongs reads as `Other`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    Flag(bool),
    Count(u64),
    Text(String),
    /// A negative or fractional number, an array or an object.
    Other,
}

impl Scalar {
    pub(crate) fn into_text(self) -> Option<String> {
        match self {
            Scalar::Text(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn into_count(self) -> Option<u64> {
        match self {
            Scalar::Count(count) => Some(count),
            _ => None,
        }
    }
}

impl LenientValue for Scalar {
    fn from_bool(value: bool) -> Option<Self> {
        Some(Scalar::Flag(value))
    }

    fn from_text(text: &str) -> Option<Self> {
        Some(Scalar::Text(text.to_owned()))
    }

    fn from_owned_text(text: String) -> Option<Self> {
        Some(Scalar::Text(text))
    }

    fn from_count(count: u64) -> Option<Self> {
        Some(Scalar::Count(count))
    }

    fn from_other_number() -> Option<Self> {
        Some(Scalar::Other)
    }

    fn from_array<'de, A: SeqAccess<'de>>(array: A) -> Result<Option<Self>, A::Error> {
        skip_array(array).map(|()| Some(Scalar::Other))
    }

    fn from_object<'de, A: MapAccess<'de>>(object: A) -> Result<Option<Self>, A::Error> {
        skip_object(object).map(|()| Some(Scalar::Other))
    }
}

/// The next value of `object` as a scalar; `None` when it is null.
pub(crate) fn next_scalar<'de, A: MapAccess<'de>>(object: &mut A) -> Result<Option<Scalar>, A::Error> {
    Ok(object.next_value::<Lenient<Scalar>>()?.0)
}

/// The next value of `object` if it is a text.
pub(crate) fn next_text<'de, A: MapAccess<'de>>(object: &mut A) -> Result<Option<String>, A::Error> {
    Ok(next_scalar(object)?.and_then(Scalar::into_text))
}

/// The next value of `object` if it is a count (a whole number from 0).
pub(crate) fn next_count<'de, A: MapAccess<'de>>(object: &mut A) -> Result<Option<u64>, A::Error> {
    Ok(next_scalar(object)?.and_then(Scalar::into_count))
}

/// The most elements of one array that are kept: one more than a list may hold, so a
/// reader can tell an array was too long, while the rest is read and dropped and the
/// memory an answer takes stays bounded (an array of a million `{}` would otherwise
/// take gigabytes once read).
pub(crate) const MAX_ARRAY_ITEMS_KEPT: usize = MAX_KBS_SHOWN + 1;

/// An array whose elements are each read leniently; at most [`MAX_ARRAY_ITEMS_KEPT`] are kept.
impl<T: LenientValue> LenientValue for Vec<Lenient<T>> {
    fn from_array<'de, A: SeqAccess<'de>>(mut array: A) -> Result<Option<Self>, A::Error> {
        let mut items = Vec::with_capacity(array.size_hint().unwrap_or(0).min(4_096));
        while items.len() < MAX_ARRAY_ITEMS_KEPT {
            match array.next_element()? {
                Some(item) => items.push(item),
                None => return Ok(Some(items)),
            }
        }
        skip_array(array)?;
        Ok(Some(items))
    }
}

/// A page of an OData collection, as the API sends every list: `value` (read leniently,
/// entry by entry) and, when it pages, `@odata.nextLink`. Read only from a JSON object:
/// serde would also read a struct from an array of its fields, turning `[[]]` into a page.
pub(crate) struct ODataPage<T> {
    pub(crate) value: Option<Vec<Lenient<T>>>,
    pub(crate) next_link: Option<String>,
}

/// The keys of a page the widget reads (matched without copying them).
#[derive(serde::Deserialize)]
#[serde(field_identifier)]
enum ODataPageKey {
    #[serde(rename = "value")]
    Value,
    #[serde(rename = "@odata.nextLink")]
    NextLink,
    #[serde(other)]
    Other,
}

impl<T: LenientValue> LenientValue for ODataPage<T> {
    fn from_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<Option<Self>, A::Error> {
        let mut page = ODataPage { value: None, next_link: None };
        while let Some(key) = object.next_key()? {
            match key {
                ODataPageKey::Value => page.value = object.next_value::<Lenient<_>>()?.0,
                ODataPageKey::NextLink => page.next_link = next_text(&mut object)?,
                ODataPageKey::Other => drop(object.next_value::<IgnoredAny>()?),
            }
        }
        Ok(Some(page))
    }
}

/// Reads the rest of an array, dropping it.
pub(crate) fn skip_array<'de, A: SeqAccess<'de>>(mut array: A) -> Result<(), A::Error> {
    while array.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads the rest of an object, dropping it.
pub(crate) fn skip_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<(), A::Error> {
    while object.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

impl<'de, T: LenientValue> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyValue(PhantomData)).map(Lenient)
    }
}

struct AnyValue<T>(PhantomData<T>);

impl<'de, T: LenientValue> Visitor<'de> for AnyValue<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok(T::from_bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
        Ok(match u64::try_from(value) {
            Ok(count) => T::from_count(count),
            Err(_) => T::from_other_number(),
        })
    }

    fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
        Ok(T::from_count(value))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(T::from_other_number())
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(T::from_text(value))
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok(T::from_owned_text(value))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Lenient::deserialize(deserializer).map(|Lenient(value)| value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, array: A) -> Result<Self::Value, A::Error> {
        T::from_array(array)
    }

    fn visit_map<A: MapAccess<'de>>(self, object: A) -> Result<Self::Value, A::Error> {
        T::from_object(object)
    }
}
