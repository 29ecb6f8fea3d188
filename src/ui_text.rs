//! Small text helpers shared by the state and the drawing code.

/// The text on one line (whitespace squashed), cut to `max` characters with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    let squashed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if squashed.chars().count() <= max {
        return squashed;
    }
    let cut: String = squashed.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_by_characters() {
        assert_eq!(shorten("Größe  und\nmehr", 20), "Größe und mehr");
        assert_eq!(shorten("Wettbewerbsvorteil", 6), "Wettb…");
    }
}
