//! `Text`: a string the knowledge base shares with every `Advice` built from it.
//!
//! An advice repeats the knowledge base's ids, titles and reasons many times over (each
//! pattern, trace and alternative names them). Cloning a `Text` bumps a reference count
//! instead of copying the string, which keeps `advise` allocation-light. It reads like a
//! `&str` (`Deref`), compares with string literals, and (de)serialises as a plain string.
//!
//! A `Text` can also borrow a string that lives as long as the program: the embedded
//! knowledge base's MessagePack and files. Parsed from it (`parse_static_msgpack`), a
//! string is not copied at all, which is most of what a start used to cost.

use std::borrow::Borrow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    /// Part of a string compiled into the binary.
    Static(&'static str),
    Shared(Arc<str>),
}

impl Text {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// A string compiled into the binary, borrowed rather than copied.
    pub fn from_static(s: &'static str) -> Text {
        Text(Repr::Static(s))
    }
}

thread_local! {
    /// The bytes compiled into the binary that `parse_static_msgpack` is parsing, if it
    /// is.
    static BORROWABLE: Cell<Option<&'static [u8]>> = const { Cell::new(None) };
}

/// Parses MessagePack compiled into the binary, its `Text`s borrowing their strings from
/// it rather than copying them.
pub fn parse_static_msgpack<T: Deserialize<'static>>(
    bytes: &'static [u8],
) -> Result<T, rmp_serde::decode::Error> {
    BORROWABLE.with(|b| b.set(Some(bytes)));
    let parsed = rmp_serde::from_slice(bytes);
    BORROWABLE.with(|b| b.set(None));
    parsed
}

/// `part` as a slice of the bytes `parse_static_msgpack` is parsing, when that is where
/// it lies: the same bytes, found by their address, so the slice lives as long as they do.
fn borrowable(part: &str) -> Option<&'static str> {
    let source: &'static [u8] = BORROWABLE.with(Cell::get)?;
    let start = (part.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    let bytes = source.get(start..start.checked_add(part.len())?)?;
    // SAFETY: `bytes` are `part`'s own bytes (the same address and length), and `part`
    // is a `str`, so they are UTF-8; proving it again cost a tenth of a start.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

impl Default for Text {
    fn default() -> Self {
        Text(Repr::Static(""))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

// As a `str` hashes, so that a set of `Text`s is looked up by `&str` (`Borrow`).
impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::from(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text, E> {
        Ok(borrowable(v).map_or_else(|| Text::from(v), Text::from_static))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::from(v))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Repr::Shared(s.into()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Repr::Shared(s.into()))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_shares_the_string_and_it_reads_and_compares_like_one() {
        let a = Text::from("postgresql");
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "shared, not copied");
        assert_eq!(a, "postgresql");
        assert_eq!("postgresql", a);
        assert_eq!(a, String::from("postgresql"));
        assert_eq!(a.len(), 10);
        assert_eq!(format!("{a} {a:?}"), "postgresql \"postgresql\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"postgresql\"");
        let back: Text = serde_json::from_str("\"mysql\"").unwrap();
        assert_eq!(back, "mysql");
        assert_eq!(Text::default(), "");
        assert_eq!(
            Text::from_static("postgresql"),
            a,
            "equal whatever holds the string"
        );
        let mut set = std::collections::HashSet::new();
        set.insert(a);
        assert!(set.contains("postgresql"), "looked up by &str");
    }

    #[test]
    fn parsed_from_the_borrowable_source_a_string_is_borrowed() {
        let bytes = rmp_serde::to_vec(&["postgresql", "two\nlines"]).unwrap();
        let source: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let parsed: Vec<Text> = parse_static_msgpack(source).unwrap();
        assert_eq!(parsed, ["postgresql", "two\nlines"]);
        let at = source.windows(10).position(|w| w == b"postgresql").unwrap();
        assert!(std::ptr::eq(parsed[0].as_ptr(), &source[at]));
        assert!(
            parsed.iter().all(|t| matches!(t.0, Repr::Static(_))),
            "borrowed, not copied"
        );
        // Parsed any other way, the same bytes are copied.
        let copied: Vec<Text> = rmp_serde::from_slice(source).unwrap();
        assert!(matches!(copied[0].0, Repr::Shared(_)));
    }
}
