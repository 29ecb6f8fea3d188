//! Places in a text file, for error messages: "FILE:LINE:COLUMN", and TOML parser messages
//! in the words of the file's reader.

use std::path::Path;

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where in a file: `path:line:column`, or only the path when the problem has no place in
/// the file (line 0: it could not be read at all).
pub fn place(path: &Path, line: usize, column: usize) -> String {
    if line == 0 {
        path.display().to_string()
    } else {
        format!("{}:{line}:{column}", path.display())
    }
}

/// A TOML parser's message in the words of the file's reader rather than of Rust's types:
/// "expected usize" becomes "expected a whole number", "a sequence" "a list [\"…\"]".
pub fn plain_toml_message(message: &str) -> String {
    let mut out = message.trim().to_string();
    for (rust, plain) in [
        ("expected a sequence", "expected a list, such as [\"…\"]"),
        ("expected usize", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected bool", "expected true or false"),
    ] {
        out = out.replace(rust, plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\nmäx = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('"').unwrap_or(0)), (2, 7));
        assert_eq!(line_column(text, 1000), (3, 1));
    }

    #[test]
    fn toml_messages_speak_of_lists_and_numbers() {
        assert_eq!(
            plain_toml_message("invalid type: string \"72\", expected usize"),
            "invalid type: string \"72\", expected a whole number"
        );
        assert!(plain_toml_message("invalid type: string, expected a sequence").contains("a list"));
    }

    #[test]
    fn a_place_without_a_line_is_only_the_path() {
        let path = Path::new("/tmp/a.toml");
        assert_eq!(place(path, 3, 7), "/tmp/a.toml:3:7");
        assert_eq!(place(path, 0, 0), "/tmp/a.toml");
    }
}
