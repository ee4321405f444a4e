//! Where an item applies: the engines a pattern, a checklist line or a consequence is
//! written for, as written (`Check`) and as resolved bits (`Applies`).

use serde::{Deserialize, Serialize};

use super::model::Engine;
use super::Text;

/// The engines an item applies to, by their positions in `KnowledgeBase::engines`,
/// resolved once when the knowledge base is indexed so that `advise` tests a bit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applies {
    /// One bit per engine; None: every engine (the item declares nothing).
    bits: Option<Box<[u64]>>,
}

impl Applies {
    /// Applies everywhere.
    pub fn everywhere() -> Applies {
        Applies::default()
    }

    /// Applies to the engines at these positions (of `count` engines).
    pub fn to_positions(count: usize, positions: impl IntoIterator<Item = usize>) -> Applies {
        let mut bits = vec![0u64; count.div_ceil(64)];
        for i in positions {
            bits[i / 64] |= 1 << (i % 64);
        }
        Applies {
            bits: Some(bits.into()),
        }
    }

    /// Whether the item applies to every engine (it declares nothing).
    pub fn is_everywhere(&self) -> bool {
        self.bits.is_none()
    }

    /// Whether the item applies to this engine.
    pub fn to(&self, engine: &Engine) -> bool {
        match &self.bits {
            None => true,
            Some(bits) => bits
                .get(engine.position / 64)
                .is_some_and(|word| word >> (engine.position % 64) & 1 == 1),
        }
    }
}

/// The placeholder a checklist item may carry for the engine's own way of showing a
/// query plan (its catalog `explain`): the item applies only to engines that have one.
pub const EXPLAIN_PLACEHOLDER: &str = "{explain}";

/// A line of an outcome (a checklist item or a consequence) and where it applies. Written
/// as a plain string when it applies to every engine, or as a map:
/// `{text: …, engines: [mysql], needs: [job-queue]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    pub text: Text,
    /// As `Pattern::engines`.
    pub engines: Vec<Text>,
    /// As `Pattern::needs`.
    pub needs: Vec<Text>,
    /// Resolved when the knowledge base is indexed (with `{explain}`, only engines that
    /// have one).
    pub applies: Applies,
}

impl Check {
    /// Whether the text names the engine's plan tool (`{explain}`).
    pub fn names_explain(&self) -> bool {
        self.text.contains(EXPLAIN_PLACEHOLDER)
    }
}

impl AsRef<str> for Check {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<&str> for Check {
    fn from(text: &str) -> Self {
        Check {
            text: text.into(),
            ..Check::default()
        }
    }
}

/// The map form of a `Check`, with the field names users write.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct CheckFields {
    text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    engines: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    needs: Vec<Text>,
}

impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.engines.is_empty() && self.needs.is_empty() {
            return self.text.serialize(serializer);
        }
        CheckFields {
            text: self.text.clone(),
            engines: self.engines.clone(),
            needs: self.needs.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Check;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a checklist line, or a map with `text` and `engines` or `needs`")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Check, E> {
                Ok(Check::from(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Check, A::Error> {
                let fields =
                    CheckFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Check {
                    text: fields.text,
                    engines: fields.engines,
                    needs: fields.needs,
                    applies: Applies::default(),
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
