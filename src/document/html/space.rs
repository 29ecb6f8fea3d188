//! HTML's white space: runs of it are one space.

/// White space collapsed to single spaces, trimmed.
pub fn collapse(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// HTML's white space (not the no-break space, which is text).
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}
