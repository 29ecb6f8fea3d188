//! HTML's white space: runs of it are one space.

/// White space collapsed to single spaces, trimmed.
pub fn collapse(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`collapse`], keeping `s` if it is collapsed already (most labels and titles are).
pub fn collapse_owned(s: String) -> String {
    let mut last_space = true;
    let collapsed = s.chars().all(|c| {
        let space = is_space(c);
        let ok = !(space && (last_space || c != ' '));
        last_space = space;
        ok
    }) && !last_space;
    if collapsed { s } else { collapse(&s) }
}

/// HTML's white space (not the no-break space, which is text).
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_owned_is_collapse() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\nb",
            "Stra\u{a0}ße",
            "x y z",
        ] {
            assert_eq!(collapse_owned(s.to_string()), collapse(s), "{s:?}");
        }
    }
}
