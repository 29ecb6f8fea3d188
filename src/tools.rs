//! The learner's own lookup and translation commands (`[[tool]]` in the config): what a
//! command is, how its command line and environment are built from the word under the
//! cursor, and how its output is cleaned for the pane. Running one is the runtime's
//! (`runtime::jobs::ToolJob`); here everything is pure.

use std::time::Duration;

/// One external command from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    /// Shown as the pane's heading over the output.
    pub name: String,
    /// The command line, one argument per element: never given to a shell. An element may
    /// hold `{word}`, `{lemma}`, `{pos}`, `{sentence}`, `{paragraph}` or `{title}`,
    /// replaced by the value (as one argument, whatever it contains).
    pub command: Vec<String>,
    /// Killed after this long.
    pub timeout: Duration,
}

/// The default timeout of a command.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// What a command is run on: the word under the cursor and its surroundings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub word: String,
    pub lemma: String,
    /// The word class ("noun", "verb", …), empty when unknown.
    pub pos: String,
    /// The sentence around the word, or the selection.
    pub sentence: String,
    pub paragraph: String,
    pub title: String,
}

impl Context {
    /// The values by name: the placeholders' and (upper-cased, with `LESEPULT_`) the
    /// environment variables'.
    fn fields(&self) -> [(&'static str, &str); 6] {
        [
            ("word", &self.word),
            ("lemma", &self.lemma),
            ("pos", &self.pos),
            ("sentence", &self.sentence),
            ("paragraph", &self.paragraph),
            ("title", &self.title),
        ]
    }
}

/// A command ready to run: its argument vector and the variables added to its
/// environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub id: u64,
    pub name: String,
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    pub timeout: Duration,
}

/// The command line and environment of `tool` for `context`.
pub fn invocation(id: u64, tool: &Tool, context: &Context) -> Invocation {
    let fields = context.fields();
    Invocation {
        id,
        name: tool.name.clone(),
        argv: tool
            .command
            .iter()
            .map(|a| substitute(a, &fields))
            .collect(),
        env: fields
            .iter()
            .map(|(k, v)| (format!("LESEPULT_{}", k.to_uppercase()), (*v).to_string()))
            .collect(),
        timeout: tool.timeout,
    }
}

/// Replace the known `{name}` placeholders of one argument, in one pass (a value that
/// contains `{word}` is not replaced again).
fn substitute(arg: &str, fields: &[(&'static str, &str)]) -> String {
    let mut out = String::with_capacity(arg.len());
    let mut rest = arg;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            fields
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match found {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The most output shown (the rest is cut, with a line saying so).
pub const MAX_OUTPUT: usize = 256 * 1024;

/// A command's output made safe for the terminal: escape sequences (colours, cursor
/// moves, titles) removed, tabs as spaces, carriage returns and every other control
/// character dropped, trailing blank lines gone.
pub fn clean_output(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_OUTPUT)]);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek() {
                // CSI: parameters and intermediates up to a final byte @..~.
                Some('[') => {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS, APC, PM, SOS: up to BEL or ESC \.
                Some(']' | 'P' | '_' | '^' | 'X') => {
                    chars.next();
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                            chars.next();
                            break;
                        }
                    }
                }
                // Two-character sequences (ESC c, ESC 7, …).
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let mut lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    let mut cleaned = lines.join("\n");
    if bytes.len() > MAX_OUTPUT {
        cleaned.push_str("\n… (output cut)");
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(command: &[&str]) -> Tool {
        Tool {
            name: "t".into(),
            command: command.iter().map(ToString::to_string).collect(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    fn context() -> Context {
        Context {
            word: "lädt".into(),
            lemma: "einladen".into(),
            pos: "verb".into(),
            sentence: "Sie lädt uns ein; $(rm -rf ~) `x` \"q\" {word}".into(),
            paragraph: "Absatz.".into(),
            title: "Titel".into(),
        }
    }

    #[test]
    fn the_environment_carries_every_field() {
        let i = invocation(7, &tool(&["sdcv"]), &context());
        let env: std::collections::HashMap<_, _> = i.env.iter().cloned().collect();
        assert_eq!(env["LESEPULT_WORD"], "lädt");
        assert_eq!(env["LESEPULT_LEMMA"], "einladen");
        assert_eq!(env["LESEPULT_POS"], "verb");
        assert_eq!(env["LESEPULT_SENTENCE"], context().sentence);
        assert_eq!(env["LESEPULT_PARAGRAPH"], "Absatz.");
        assert_eq!(env["LESEPULT_TITLE"], "Titel");
        assert_eq!(i.argv, ["sdcv"]);
        assert_eq!(i.id, 7);
    }

    #[test]
    fn placeholders_become_whole_arguments_never_shell_text() {
        let i = invocation(
            1,
            &tool(&[
                "trans",
                "-b",
                "de:en",
                "{sentence}",
                "x{lemma}y",
                "{nope}",
                "{",
            ]),
            &context(),
        );
        assert_eq!(
            i.argv.len(),
            7,
            "one argument per element, however many spaces"
        );
        assert_eq!(
            i.argv[3],
            context().sentence,
            "quotes and $( ) stay as they are"
        );
        assert!(
            i.argv[3].ends_with("{word}"),
            "a value is not substituted again"
        );
        assert_eq!(i.argv[4], "xeinladeny");
        assert_eq!(i.argv[5], "{nope}");
        assert_eq!(i.argv[6], "{");
    }

    #[test]
    fn output_is_cleaned_of_control_characters() {
        let raw = b"\n\x1b[1;31mrot\x1b[0m\tgr\xc3\xbcn\r\n\x1b]0;title\x07ok\x08\x00\x1bc\n\n";
        assert_eq!(clean_output(raw), "rot    grün\nok");
        let long = vec![b'a'; MAX_OUTPUT + 10];
        assert!(clean_output(&long).ends_with("(output cut)"));
    }
}
