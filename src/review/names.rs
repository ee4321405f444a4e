//! The name patterns rules give their detectors (`'*_price_*'`, `tenant_*_id`), and
//! identifiers written back as SQL.

use super::parse::Dialect;

/// The words of a name, in lower case: `unit_price` and `unitPrice` are `unit`, `price`.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            previous_lower = false;
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Whether `name` fits `pattern`: the pattern's words, separated by `_`, must be the
/// name's words, where `*` stands for any number of words, none included.
pub fn fits(pattern: &str, name: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('_').filter(|w| !w.is_empty()).collect();
    let name = words(name);
    fits_words(&pattern, &name)
}

fn fits_words(pattern: &[&str], name: &[String]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((&"*", rest)) => (0..=name.len()).any(|skip| fits_words(rest, &name[skip..])),
        Some((word, rest)) => name
            .split_first()
            .is_some_and(|(first, others)| first == word && fits_words(rest, others)),
    }
}

/// Whether a column named `name` is a key that names a row (`payment_id`, `tenantId`),
/// not a value such as an amount.
pub fn is_key(name: &str) -> bool {
    words(name).last().is_some_and(|w| w == "id")
}

/// Whether `name` fits one of `patterns`.
pub fn fits_any(patterns: &[String], name: &str) -> bool {
    patterns.iter().any(|p| fits(p, name))
}

/// A column or index name as the engine must read it: quoted when it is not a plain
/// lower-case word or is a keyword.
pub fn sql_ident(name: &str, dialect: Dialect) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let keyword = sqlparser::keywords::ALL_KEYWORDS
        .binary_search(&name.to_uppercase().as_str())
        .is_ok();
    if plain && !keyword {
        return name.to_string();
    }
    match dialect {
        Dialect::PostgreSql => format!("\"{}\"", name.replace('"', "\"\"")),
        Dialect::MySql => format!("`{}`", name.replace('`', "``")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_snake_and_camel_case() {
        assert_eq!(words("unit_price"), ["unit", "price"]);
        assert_eq!(words("tenantId"), ["tenant", "id"]);
        assert_eq!(words("StepRun"), ["step", "run"]);
        assert_eq!(words("ID"), ["id"]);
    }

    #[test]
    fn a_star_stands_for_any_number_of_words() {
        assert!(fits("*_price_*", "price"));
        assert!(fits("*_price_*", "unit_price_eur"));
        assert!(!fits("*_price_*", "priceless"));
        assert!(fits("tenant_*_id", "tenant_id"));
        assert!(fits("tenant_*_id", "tenant_record_id"));
        assert!(fits("tenant_*_id", "tenantId"));
        assert!(!fits("tenant_*_id", "tenant_name"));
        assert!(fits("value", "value"));
        assert!(!fits("value", "max_value"));
    }

    #[test]
    fn identifiers_are_quoted_when_needed() {
        assert_eq!(sql_ident("price", Dialect::PostgreSql), "price");
        assert_eq!(sql_ident("tenantId", Dialect::PostgreSql), "\"tenantId\"");
        assert_eq!(sql_ident("order", Dialect::MySql), "`order`");
    }
}
