//! `Text`: a string the knowledge base shares with every `Advice` built from it.
//!
//! An advice repeats the knowledge base's ids, titles and reasons many times over (each
//! pattern, trace and alternative names them). Cloning a `Text` bumps a reference count
//! instead of copying the string, which keeps `advise` allocation-light. It reads like a
//! `&str` (`Deref`), compares with string literals, and (de)serialises as a plain string.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(Arc<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.into())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(s.into())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == &*other.0
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
        let mut set = std::collections::HashSet::new();
        set.insert(a);
        assert!(set.contains("postgresql"), "looked up by &str");
    }
}
