//! "Did you mean …?" for ids typed by people.

/// The closest of `candidates` to `wrong`, if any is close enough to be a typo.
pub fn nearest<'a>(wrong: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
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
