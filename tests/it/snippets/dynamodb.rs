//! The shape checks of DynamoDB's table definitions and Elasticsearch's mappings.

use super::*;

pub(super) const DYNAMODB_FIELDS: &[&str] = &[
    "TableName",
    "KeySchema",
    "AttributeDefinitions",
    "BillingMode",
    "ProvisionedThroughput",
    "OnDemandThroughput",
    "GlobalSecondaryIndexes",
    "LocalSecondaryIndexes",
    "StreamSpecification",
    "SSESpecification",
    "Tags",
    "TableClass",
    "DeletionProtectionEnabled",
    "ResourcePolicy",
    "WarmThroughput",
];

pub(super) fn check_dynamodb(code: &str) -> Vec<String> {
    let value = match json_of(code) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let Some(table) = value.as_object() else {
        return vec![format!(
            "must be a CreateTable input (an object), not {}",
            type_name(&value)
        )];
    };
    let mut problems = unknown_keys("CreateTable", table, DYNAMODB_FIELDS);
    match table.get("TableName").and_then(Value::as_str) {
        Some(name)
            if (3..=255).contains(&name.len())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) => {}
        _ => problems.push("TableName must be 3–255 characters of a-z A-Z 0-9 _ . -".into()),
    }
    let mut used = BTreeSet::new();
    let table_keys = check_key_schema("table", table.get("KeySchema"), &mut used, &mut problems);

    let provisioned = match table.get("BillingMode").map(|m| m.as_str()) {
        Some(Some("PAY_PER_REQUEST")) => false,
        None | Some(Some("PROVISIONED")) => true,
        Some(_) => {
            problems.push("BillingMode must be PAY_PER_REQUEST or PROVISIONED".into());
            false
        }
    };
    check_throughput(
        "table",
        table.get("ProvisionedThroughput"),
        provisioned,
        &mut problems,
    );

    let mut index_names = BTreeSet::new();
    for (list, global) in [
        ("GlobalSecondaryIndexes", true),
        ("LocalSecondaryIndexes", false),
    ] {
        let Some(indexes) = table.get(list) else {
            continue;
        };
        let Some(indexes) = indexes.as_array().filter(|i| !i.is_empty()) else {
            problems.push(format!("{list} must be a non-empty array"));
            continue;
        };
        for (i, index) in indexes.iter().enumerate() {
            let Some(index) = index.as_object() else {
                problems.push(format!("{list}[{i}] must be an object"));
                continue;
            };
            let name = index.get("IndexName").and_then(Value::as_str).unwrap_or("");
            let at = format!("{list}[{i}] {name}");
            if name.len() < 3 {
                problems.push(format!("{at}: IndexName must be at least 3 characters"));
            } else if !index_names.insert(name.to_string()) {
                problems.push(format!("{at}: IndexName used twice"));
            }
            let mut allowed = vec!["IndexName", "KeySchema", "Projection"];
            if global {
                allowed.extend([
                    "ProvisionedThroughput",
                    "OnDemandThroughput",
                    "WarmThroughput",
                ]);
            }
            problems.extend(unknown_keys(&at, index, &allowed));
            let keys = check_key_schema(&at, index.get("KeySchema"), &mut used, &mut problems);
            if !global {
                if keys.0.is_some() && keys.0 != table_keys.0 {
                    problems.push(format!(
                        "{at}: a local secondary index must have the table's HASH key"
                    ));
                }
                if keys.1.is_none() {
                    problems.push(format!("{at}: a local secondary index needs a RANGE key"));
                }
                if table_keys.1.is_none() {
                    problems.push(format!(
                        "{at}: local secondary indexes need a table with a composite key"
                    ));
                }
            } else {
                check_throughput(
                    &at,
                    index.get("ProvisionedThroughput"),
                    provisioned,
                    &mut problems,
                );
            }
            check_projection(&at, index.get("Projection"), &mut problems);
        }
    }

    let mut defined = BTreeSet::new();
    match table.get("AttributeDefinitions").and_then(Value::as_array) {
        Some(defs) if !defs.is_empty() => {
            for (i, def) in defs.iter().enumerate() {
                let name = def.get("AttributeName").and_then(Value::as_str);
                let kind = def.get("AttributeType").and_then(Value::as_str);
                match (name, kind) {
                    (Some(name), Some("S" | "N" | "B")) => {
                        if !defined.insert(name.to_string()) {
                            problems.push(format!("AttributeDefinitions: `{name}` defined twice"));
                        }
                    }
                    _ => problems.push(format!(
                        "AttributeDefinitions[{i}] needs AttributeName and AttributeType S, N or B"
                    )),
                }
                if let Some(def) = def.as_object() {
                    problems.extend(unknown_keys(
                        &format!("AttributeDefinitions[{i}]"),
                        def,
                        &["AttributeName", "AttributeType"],
                    ));
                }
            }
        }
        _ => problems.push("AttributeDefinitions must be a non-empty array".into()),
    }
    for extra in defined.difference(&used) {
        problems.push(format!(
            "AttributeDefinitions defines `{extra}`, which no KeySchema uses \
             (DynamoDB rejects attributes that are not keys of the table or an index)"
        ));
    }
    for missing in used.difference(&defined) {
        problems.push(format!(
            "`{missing}` is a key attribute but not in AttributeDefinitions"
        ));
    }
    if let Some(stream) = table.get("StreamSpecification") {
        let enabled = stream.get("StreamEnabled").and_then(Value::as_bool);
        let view = stream.get("StreamViewType").and_then(Value::as_str);
        if enabled.is_none() {
            problems.push("StreamSpecification needs StreamEnabled (true or false)".into());
        }
        if enabled == Some(true)
            && !matches!(
                view,
                Some("NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES" | "KEYS_ONLY")
            )
        {
            problems.push(
                "StreamSpecification: StreamViewType must be NEW_IMAGE, OLD_IMAGE, \
                 NEW_AND_OLD_IMAGES or KEYS_ONLY"
                    .into(),
            );
        }
    }
    problems
}

/// Checks a KeySchema (HASH, then an optional RANGE); returns (hash, range) names and
/// records them as used.
pub(super) fn check_key_schema(
    at: &str,
    schema: Option<&Value>,
    used: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) -> (Option<String>, Option<String>) {
    let Some(elements) = schema.and_then(Value::as_array) else {
        problems.push(format!("{at}: KeySchema must be an array"));
        return (None, None);
    };
    if !(1..=2).contains(&elements.len()) {
        problems.push(format!(
            "{at}: KeySchema must have 1 or 2 elements, not {}",
            elements.len()
        ));
    }
    let mut keys = (None, None);
    for (i, element) in elements.iter().enumerate() {
        let name = element.get("AttributeName").and_then(Value::as_str);
        let kind = element.get("KeyType").and_then(Value::as_str);
        let expected = if i == 0 { "HASH" } else { "RANGE" };
        match (name, kind) {
            (Some(name), Some(kind)) if kind == expected => {
                used.insert(name.to_string());
                if i == 0 {
                    keys.0 = Some(name.to_string());
                } else {
                    keys.1 = Some(name.to_string());
                }
            }
            _ => problems.push(format!(
                "{at}: KeySchema[{i}] must be {{AttributeName, KeyType: {expected}}} \
                 (HASH first, then an optional RANGE)"
            )),
        }
    }
    if keys.0.is_some() && keys.0 == keys.1 {
        problems.push(format!(
            "{at}: the HASH and RANGE keys are the same attribute"
        ));
    }
    keys
}

pub(super) fn check_throughput(
    at: &str,
    throughput: Option<&Value>,
    provisioned: bool,
    problems: &mut Vec<String>,
) {
    match (throughput, provisioned) {
        (None, true) => problems.push(format!(
            "{at}: PROVISIONED billing (the default) needs ProvisionedThroughput; \
             or set BillingMode PAY_PER_REQUEST"
        )),
        (Some(_), false) => problems.push(format!(
            "{at}: ProvisionedThroughput is not allowed with PAY_PER_REQUEST"
        )),
        (Some(t), true) => {
            for unit in ["ReadCapacityUnits", "WriteCapacityUnits"] {
                if t.get(unit).and_then(Value::as_u64).is_none_or(|n| n < 1) {
                    problems.push(format!("{at}: ProvisionedThroughput needs {unit} ≥ 1"));
                }
            }
        }
        (None, false) => {}
    }
}

pub(super) fn check_projection(at: &str, projection: Option<&Value>, problems: &mut Vec<String>) {
    let Some(projection) = projection.and_then(Value::as_object) else {
        problems.push(format!("{at}: needs Projection {{ProjectionType}}"));
        return;
    };
    match projection.get("ProjectionType").and_then(Value::as_str) {
        Some("ALL" | "KEYS_ONLY") => {
            if projection.contains_key("NonKeyAttributes") {
                problems.push(format!(
                    "{at}: NonKeyAttributes only go with ProjectionType INCLUDE"
                ));
            }
        }
        Some("INCLUDE") => {
            if !projection
                .get("NonKeyAttributes")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string))
            {
                problems.push(format!(
                    "{at}: ProjectionType INCLUDE needs NonKeyAttributes"
                ));
            }
        }
        _ => problems.push(format!(
            "{at}: ProjectionType must be ALL, KEYS_ONLY or INCLUDE"
        )),
    }
}

/// Elasticsearch field types (8.x).
pub(super) const ES_TYPES: &[&str] = &[
    "text",
    "match_only_text",
    "keyword",
    "constant_keyword",
    "wildcard",
    "long",
    "integer",
    "short",
    "byte",
    "double",
    "float",
    "half_float",
    "scaled_float",
    "unsigned_long",
    "date",
    "date_nanos",
    "boolean",
    "binary",
    "object",
    "nested",
    "flattened",
    "join",
    "geo_point",
    "geo_shape",
    "point",
    "shape",
    "ip",
    "version",
    "completion",
    "search_as_you_type",
    "token_count",
    "dense_vector",
    "sparse_vector",
    "semantic_text",
    "rank_feature",
    "rank_features",
    "percolator",
    "alias",
    "integer_range",
    "float_range",
    "long_range",
    "double_range",
    "date_range",
    "ip_range",
    "histogram",
    "aggregate_metric_double",
    "annotated_text",
    "murmur3",
];

pub(super) fn check_elasticsearch(code: &str) -> Vec<String> {
    let value = match json_of(code) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let Some(index) = value.as_object() else {
        return vec![format!(
            "must be an object (index body), not {}",
            type_name(&value)
        )];
    };
    let mut problems = unknown_keys("index", index, &["settings", "mappings", "aliases"]);
    if index.get("settings").is_some_and(|s| !s.is_object()) {
        problems.push("settings must be an object".into());
    }
    let Some(mappings) = index.get("mappings").and_then(Value::as_object) else {
        problems.push("needs `mappings`, an object".into());
        return problems;
    };
    problems.extend(unknown_keys(
        "mappings",
        mappings,
        &[
            "properties",
            "dynamic",
            "dynamic_templates",
            "_source",
            "_routing",
            "_meta",
            "date_detection",
            "numeric_detection",
            "dynamic_date_formats",
            "runtime",
            "enabled",
            "subobjects",
        ],
    ));
    if let Some(dynamic) = mappings.get("dynamic") {
        let ok = matches!(dynamic, Value::Bool(_))
            || matches!(
                dynamic.as_str(),
                Some("true" | "false" | "strict" | "runtime")
            );
        if !ok {
            problems.push("mappings.dynamic must be true, false, strict or runtime".into());
        }
    }
    match mappings.get("properties").and_then(Value::as_object) {
        Some(props) if !props.is_empty() => check_es_properties("", props, &mut problems),
        _ => problems.push("needs `mappings.properties`, a non-empty object".into()),
    }
    problems
}

pub(super) fn check_es_properties(
    prefix: &str,
    props: &Map<String, Value>,
    problems: &mut Vec<String>,
) {
    for (name, field) in props {
        let at = format!("{prefix}{name}");
        let Some(field) = field.as_object() else {
            problems.push(format!("property `{at}` must be an object"));
            continue;
        };
        let kind = field.get("type").and_then(Value::as_str);
        let sub = field.get("properties").and_then(Value::as_object);
        match (kind, sub) {
            (Some(kind), _) if !ES_TYPES.contains(&kind) => {
                problems.push(format!(
                    "property `{at}`: `{kind}` is not an Elasticsearch field type"
                ));
            }
            (Some(_), _) => {}
            // An object field may leave out `type: object` when it lists properties.
            (None, Some(_)) => {}
            (None, None) => problems.push(format!("property `{at}` has no `type`")),
        }
        if let Some(sub) = sub {
            if !matches!(kind, None | Some("object" | "nested")) {
                problems.push(format!(
                    "property `{at}`: only object and nested fields have properties"
                ));
            }
            check_es_properties(&format!("{at}."), sub, problems);
        }
        if let Some(fields) = field.get("fields") {
            match fields.as_object() {
                Some(fields) => {
                    for (sub_name, sub_field) in fields {
                        match sub_field.get("type").and_then(Value::as_str) {
                            Some(k) if ES_TYPES.contains(&k) => {}
                            _ => problems.push(format!(
                                "multi-field `{at}.{sub_name}` needs a valid `type`"
                            )),
                        }
                    }
                }
                None => problems.push(format!("property `{at}`: fields must be an object")),
            }
        }
        match kind {
            Some("scaled_float") if !field.get("scaling_factor").is_some_and(Value::is_number) => {
                problems.push(format!(
                    "property `{at}`: scaled_float needs scaling_factor"
                ));
            }
            Some("alias") if !field.get("path").is_some_and(Value::is_string) => {
                problems.push(format!("property `{at}`: alias needs path"));
            }
            _ => {}
        }
    }
}

// --- Cassandra, Neo4j (form-checked) -------------------------------------------------
