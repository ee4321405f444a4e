//! A pattern shown for MySQL writes its example queries without PostgreSQL's numbered
//! placeholders (`$1`): MySQL's drivers take `?`, and a record for a MySQL shop that
//! says `WHERE email = $1` gives it another engine's idiom. Examples use literal values.

use dbadvise::kb::KnowledgeBase;

/// `$` followed by a digit: PostgreSQL's numbered parameter.
fn numbered_placeholder(text: &str) -> Option<&str> {
    let at = text
        .as_bytes()
        .windows(2)
        .position(|w| w[0] == b'$' && w[1].is_ascii_digit())?;
    Some(&text[at.saturating_sub(30)..(at + 2).min(text.len())])
}

#[test]
fn patterns_for_mysql_use_no_numbered_placeholders() {
    let kb = KnowledgeBase::embedded();
    let mysql = kb.engine("mysql").unwrap();
    let mut shown = 0;
    for p in kb.patterns.iter().filter(|p| p.applies.to(mysql)) {
        shown += 1;
        let texts = [&p.summary, &p.when, &p.why].into_iter();
        for text in texts.chain(p.pitfalls.iter()) {
            if let Some(around) = numbered_placeholder(text) {
                panic!("{}: …{around}", p.id);
            }
        }
    }
    assert!(shown > 20, "only {shown} patterns apply to MySQL");
}
