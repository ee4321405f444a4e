//! JSON read in order, and the shape checks of MongoDB's commands, validators and indexes.

use super::*;

/// A JSON object with its keys in file order (MongoDB reads a command's name from its
/// first key; serde_json's map may sort them).
pub(super) struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a command document (object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    entries.push((k, v));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
}

pub(super) fn json_of(code: &str) -> Result<Value, String> {
    serde_json::from_str(code).map_err(|e| format!("not valid JSON: {e}"))
}

pub(super) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Keys of `object` not in `allowed`, as problems.
pub(super) fn unknown_keys(
    what: &str,
    object: &Map<String, Value>,
    allowed: &[&str],
) -> Vec<String> {
    object
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| {
            format!(
                "{what}: unknown field `{k}` (allowed: {})",
                allowed.join(", ")
            )
        })
        .collect()
}

pub(super) fn is_non_negative_integer(v: &Value) -> bool {
    v.as_u64().is_some()
}

pub(super) const MONGO_CREATE_FIELDS: &[&str] = &[
    "create",
    "capped",
    "size",
    "max",
    "timeseries",
    "expireAfterSeconds",
    "clusteredIndex",
    "changeStreamPreAndPostImages",
    "validator",
    "validationLevel",
    "validationAction",
    "collation",
    "viewOn",
    "pipeline",
    "storageEngine",
    "indexOptionDefaults",
    "writeConcern",
    "comment",
];
pub(super) const MONGO_COLLMOD_FIELDS: &[&str] = &[
    "collMod",
    "validator",
    "validationLevel",
    "validationAction",
    "index",
    "expireAfterSeconds",
    "changeStreamPreAndPostImages",
    "timeseries",
    "viewOn",
    "pipeline",
    "cappedSize",
    "cappedMax",
    "writeConcern",
    "comment",
];
pub(super) const MONGO_CREATE_INDEXES_FIELDS: &[&str] = &[
    "createIndexes",
    "indexes",
    "writeConcern",
    "commitQuorum",
    "comment",
];
pub(super) const MONGO_INSERT_FIELDS: &[&str] = &[
    "insert",
    "documents",
    "ordered",
    "writeConcern",
    "bypassDocumentValidation",
    "comment",
];
pub(super) const MONGO_INDEX_FIELDS: &[&str] = &[
    "key",
    "name",
    "unique",
    "sparse",
    "partialFilterExpression",
    "expireAfterSeconds",
    "hidden",
    "collation",
    "weights",
    "default_language",
    "language_override",
    "textIndexVersion",
    "2dsphereIndexVersion",
    "bits",
    "min",
    "max",
    "wildcardProjection",
    "storageEngine",
    "background",
    "v",
];
pub(super) const MONGO_INDEX_KINDS: &[&str] = &["text", "2dsphere", "2d", "hashed"];
/// The `$jsonSchema` keywords MongoDB supports; it rejects any other (`format`,
/// `$ref`, `default`, …).
pub(super) const JSON_SCHEMA_KEYWORDS: &[&str] = &[
    "bsonType",
    "type",
    "enum",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependencies",
    "items",
    "additionalItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "title",
    "description",
    "encrypt",
];
pub(super) const BSON_TYPES: &[&str] = &[
    "double",
    "string",
    "object",
    "array",
    "binData",
    "objectId",
    "bool",
    "date",
    "null",
    "regex",
    "javaScript",
    "int",
    "timestamp",
    "long",
    "decimal",
    "minKey",
    "maxKey",
    "number",
];
/// JSON Schema `type` names MongoDB accepts (no `integer`: use `bsonType`).
pub(super) const JSON_TYPES: &[&str] = &["object", "array", "number", "boolean", "string", "null"];

pub(super) fn check_mongodb(code: &str) -> Vec<String> {
    let value = match json_of(code) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let Value::Array(items) = &value else {
        return vec![format!(
            "must be a JSON array of command documents, not {}",
            type_name(&value)
        )];
    };
    if items.is_empty() {
        return vec!["an empty array: no command".into()];
    }
    let ordered: Vec<Ordered> = match serde_json::from_str(code) {
        Ok(docs) => docs,
        Err(e) => return vec![format!("every element must be a command document: {e}")],
    };
    let mut problems = Vec::new();
    for (i, (doc, value)) in ordered.iter().zip(items).enumerate() {
        let at = format!("command {}", i + 1);
        let (Some((command, collection)), Some(fields)) = (doc.0.first(), value.as_object()) else {
            problems.push(format!("{at}: an empty document"));
            continue;
        };
        if collection.as_str().is_none_or(str::is_empty) {
            problems.push(format!(
                "{at}: `{command}` must name a collection (a non-empty string), not {}",
                type_name(collection)
            ));
        }
        let at = format!("{at} ({command})");
        match command.as_str() {
            "create" => {
                problems.extend(unknown_keys(&at, fields, MONGO_CREATE_FIELDS));
                problems.extend(check_mongo_validation(&at, fields));
                if let Some(ts) = fields.get("timeseries") {
                    match ts.as_object() {
                        Some(ts) => {
                            if !ts.get("timeField").is_some_and(Value::is_string) {
                                problems
                                    .push(format!("{at}: timeseries needs a `timeField` string"));
                            }
                            if let Some(g) = ts.get("granularity") {
                                if !matches!(g.as_str(), Some("seconds" | "minutes" | "hours")) {
                                    problems.push(format!(
                                        "{at}: timeseries granularity must be seconds, minutes or hours"
                                    ));
                                }
                            }
                            problems.extend(unknown_keys(
                                &format!("{at} timeseries"),
                                ts,
                                &[
                                    "timeField",
                                    "metaField",
                                    "granularity",
                                    "bucketMaxSpanSeconds",
                                    "bucketRoundingSeconds",
                                ],
                            ));
                        }
                        None => problems.push(format!("{at}: timeseries must be an object")),
                    }
                }
                if fields.get("capped") == Some(&Value::Bool(true))
                    && !fields.get("size").is_some_and(is_non_negative_integer)
                {
                    problems.push(format!("{at}: a capped collection needs `size` (bytes)"));
                }
                if let Some(ttl) = fields.get("expireAfterSeconds") {
                    if !is_non_negative_integer(ttl) {
                        problems.push(format!(
                            "{at}: expireAfterSeconds must be a non-negative integer"
                        ));
                    }
                }
            }
            "collMod" => {
                problems.extend(unknown_keys(&at, fields, MONGO_COLLMOD_FIELDS));
                problems.extend(check_mongo_validation(&at, fields));
            }
            "createIndexes" => {
                problems.extend(unknown_keys(&at, fields, MONGO_CREATE_INDEXES_FIELDS));
                problems.extend(check_mongo_indexes(&at, fields.get("indexes")));
            }
            "insert" => {
                problems.extend(unknown_keys(&at, fields, MONGO_INSERT_FIELDS));
                match fields.get("documents").and_then(Value::as_array) {
                    Some(docs) if !docs.is_empty() => {
                        for (j, d) in docs.iter().enumerate() {
                            if !d.is_object() {
                                problems.push(format!(
                                    "{at}: documents[{j}] must be an object, not {}",
                                    type_name(d)
                                ));
                            }
                        }
                    }
                    _ => problems.push(format!("{at}: needs `documents`, a non-empty array")),
                }
            }
            other => problems.push(format!(
                "{at}: the first key `{other}` is not a command this test knows \
                 (create, createIndexes, insert, collMod)"
            )),
        }
    }
    problems
}

pub(super) fn check_mongo_validation(at: &str, fields: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(level) = fields.get("validationLevel") {
        if !matches!(level.as_str(), Some("off" | "strict" | "moderate")) {
            problems.push(format!(
                "{at}: validationLevel must be off, strict or moderate"
            ));
        }
    }
    if let Some(action) = fields.get("validationAction") {
        if !matches!(action.as_str(), Some("error" | "warn" | "errorAndLog")) {
            problems.push(format!("{at}: validationAction must be error or warn"));
        }
    }
    if let Some(validator) = fields.get("validator") {
        match validator.as_object() {
            None => problems.push(format!("{at}: validator must be an object")),
            Some(v) => {
                if let Some(schema) = v.get("$jsonSchema") {
                    check_json_schema(&format!("{at} $jsonSchema"), schema, &mut problems);
                }
            }
        }
    }
    problems
}

pub(super) fn check_json_schema(at: &str, schema: &Value, problems: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        problems.push(format!(
            "{at}: must be an object, not {}",
            type_name(schema)
        ));
        return;
    };
    for key in schema.keys() {
        if !JSON_SCHEMA_KEYWORDS.contains(&key.as_str()) {
            problems.push(format!(
                "{at}: MongoDB's $jsonSchema does not support the keyword `{key}`"
            ));
        }
    }
    let names = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().unwrap_or("?").to_string())
                .collect(),
            _ => vec!["?".into()],
        }
    };
    if let Some(t) = schema.get("bsonType") {
        for name in names(t) {
            if !BSON_TYPES.contains(&name.as_str()) {
                problems.push(format!("{at}: bsonType `{name}` is not a BSON type alias"));
            }
        }
    }
    if let Some(t) = schema.get("type") {
        for name in names(t) {
            if !JSON_TYPES.contains(&name.as_str()) {
                problems.push(format!(
                    "{at}: type `{name}` is not supported by MongoDB (use bsonType)"
                ));
            }
        }
    }
    if let Some(required) = schema.get("required") {
        let ok = required
            .as_array()
            .is_some_and(|r| !r.is_empty() && r.iter().all(Value::is_string));
        if !ok {
            problems.push(format!(
                "{at}: required must be a non-empty array of field names"
            ));
        }
    }
    if let Some(props) = schema.get("properties") {
        match props.as_object() {
            Some(props) => {
                for (name, sub) in props {
                    check_json_schema(&format!("{at}.{name}"), sub, problems);
                }
            }
            None => problems.push(format!("{at}: properties must be an object")),
        }
    }
    match schema.get("items") {
        Some(Value::Array(items)) => {
            for (i, sub) in items.iter().enumerate() {
                check_json_schema(&format!("{at}[{i}]"), sub, problems);
            }
        }
        Some(sub) => check_json_schema(&format!("{at}[]"), sub, problems),
        None => {}
    }
    for combinator in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = schema.get(combinator) {
            match list.as_array() {
                Some(list) if !list.is_empty() => {
                    for (i, sub) in list.iter().enumerate() {
                        check_json_schema(&format!("{at} {combinator}[{i}]"), sub, problems);
                    }
                }
                _ => problems.push(format!("{at}: {combinator} must be a non-empty array")),
            }
        }
    }
    if let Some(Value::Object(_)) = schema.get("additionalProperties") {
        check_json_schema(
            &format!("{at} additionalProperties"),
            &schema["additionalProperties"],
            problems,
        );
    }
    if let Some(e) = schema.get("enum") {
        if e.as_array().is_none_or(Vec::is_empty) {
            problems.push(format!("{at}: enum must be a non-empty array"));
        }
    }
}

pub(super) fn check_mongo_indexes(at: &str, indexes: Option<&Value>) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(indexes) = indexes.and_then(Value::as_array).filter(|i| !i.is_empty()) else {
        return vec![format!("{at}: needs `indexes`, a non-empty array")];
    };
    let mut names = BTreeSet::new();
    for (i, index) in indexes.iter().enumerate() {
        let at = format!("{at} index {}", i + 1);
        let Some(index) = index.as_object() else {
            problems.push(format!("{at}: must be an object"));
            continue;
        };
        problems.extend(unknown_keys(&at, index, MONGO_INDEX_FIELDS));
        match index.get("name").and_then(Value::as_str) {
            Some(name) if !name.is_empty() => {
                if !names.insert(name.to_string()) {
                    problems.push(format!("{at}: the name `{name}` is used twice"));
                }
            }
            _ => problems.push(format!("{at}: needs `name`, a string")),
        }
        let mut kinds = Vec::new();
        match index.get("key").and_then(Value::as_object) {
            Some(key) if !key.is_empty() => {
                for (field, kind) in key {
                    let ok = match kind {
                        Value::Number(n) => matches!(n.as_i64(), Some(1 | -1)),
                        Value::String(s) => MONGO_INDEX_KINDS.contains(&s.as_str()),
                        _ => false,
                    };
                    if ok {
                        kinds.push(kind.clone());
                    } else {
                        problems.push(format!(
                            "{at}: key `{field}`: {kind} is not 1, -1 or one of {}",
                            MONGO_INDEX_KINDS.join(", ")
                        ));
                    }
                }
            }
            _ => problems.push(format!(
                "{at}: needs `key`, a non-empty object of field → 1 | -1 | index kind"
            )),
        }
        for flag in ["unique", "sparse", "hidden", "background"] {
            if index.get(flag).is_some_and(|v| !v.is_boolean()) {
                problems.push(format!("{at}: {flag} must be true or false"));
            }
        }
        if let Some(ttl) = index.get("expireAfterSeconds") {
            if !is_non_negative_integer(ttl) {
                problems.push(format!(
                    "{at}: expireAfterSeconds must be a non-negative integer"
                ));
            }
        }
        if index
            .get("partialFilterExpression")
            .is_some_and(|v| !v.is_object())
        {
            problems.push(format!("{at}: partialFilterExpression must be an object"));
        }
        if index.get("unique") == Some(&Value::Bool(true))
            && kinds.iter().any(|k| k.as_str() == Some("hashed"))
        {
            problems.push(format!("{at}: a hashed index cannot be unique"));
        }
    }
    problems
}
