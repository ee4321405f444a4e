//! "Did you mean …?" for ids typed by people.

const MAX_TYPO_LEN: usize = 100;
const MAX_CANDIDATES: usize = 10_000;

/// The closest of `candidates` to `wrong`, if any is close enough to be a typo.
pub fn nearest<'a>(wrong: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // Bounded, so that a hostile file cannot make each suggestion cost much: no id is
    // this long, and no knowledge base has this many ids of one kind.
    if wrong.len() > MAX_TYPO_LEN {
        return None;
    }
    let wrong_lower = wrong.to_lowercase();
    candidates
        .take(MAX_CANDIDATES)
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_a_close_id_and_nothing_for_a_far_one() {
        let ids = ["prompt", "section", "options"];
        assert_eq!(nearest("promt", ids.iter().copied()), Some("prompt"));
        assert_eq!(nearest("Sectoin", ids.iter().copied()), Some("section"));
        assert_eq!(nearest("zzz", ids.iter().copied()), None);
    }
}
