//! Reading the two forms of an answer and of a condition. Each is told apart by what
//! the file holds (a string or a list, a map or a list), in one pass: an untagged enum
//! would buffer every value to try each form in turn, which was a tenth of loading the
//! embedded base, and its error named neither the line nor what was expected.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::model::{AnswerValue, Condition};

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option id (or text), or a list of option ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue::One(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<AnswerValue, E> {
                Ok(AnswerValue::One(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<AnswerValue, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(AnswerValue::Many)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Condition;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a map of question ids to option ids (every one must hold), \
                     or a list of such maps (any one holds)",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Condition, A::Error> {
                BTreeMap::deserialize(MapAccessDeserializer::new(map)).map(Condition::All)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Condition, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(Condition::Any)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(yaml: &str) -> Result<Condition, String> {
        serde_yaml::from_str(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn each_form_is_read_as_itself() {
        let all = condition("{volume: [large, huge], team: no-ops}").unwrap();
        let Condition::All(map) = &all else {
            panic!("{all:?}")
        };
        assert_eq!(map["team"], AnswerValue::One("no-ops".into()));
        assert_eq!(
            map["volume"],
            AnswerValue::Many(vec!["large".into(), "huge".into()])
        );
        let any = condition("[{team: no-ops}, {volume: huge}]").unwrap();
        assert!(
            matches!(&any, Condition::Any(maps) if maps.len() == 2),
            "{any:?}"
        );
        // JSON, as the build writes the embedded base, reads back the same.
        let json = serde_json::to_string(&any).unwrap();
        assert_eq!(serde_json::from_str::<Condition>(&json).unwrap(), any);
    }

    #[test]
    fn a_wrong_form_says_what_was_expected_and_where() {
        let err = condition("{volume: {large: 1}}").unwrap_err();
        assert!(
            err.contains("expected an option id (or text), or a list of option ids"),
            "{err}"
        );
        assert!(err.contains("line 1"), "{err}");
        let err = condition("5").unwrap_err();
        assert!(err.contains("a map of question ids to option ids"), "{err}");
        // A number is not an option id, as before.
        assert!(serde_yaml::from_str::<AnswerValue>("5").is_err());
    }
}
