//! The help screen: each part of the app lists the commands it offers, and the help shows
//! them under the part's name, with their keys from the keymap.

use super::App;
use crate::keys::Command;

/// What the reader (the text and its viewport) offers.
pub const READER_COMMANDS: &[Command] = {
    use Command::*;
    &[
        ScrollDown,
        ScrollUp,
        PageDown,
        PageUp,
        HalfPageDown,
        HalfPageUp,
        ScrollLeft,
        ScrollRight,
        Top,
        Bottom,
        GoToPercent,
        NextParagraph,
        PreviousParagraph,
        NextSection,
        PreviousSection,
        TableOfContents,
        Search,
        NextMatch,
        PreviousMatch,
        NextWord,
        PreviousWord,
        Hints,
        FocusNext,
        FocusPrevious,
        ToggleGlossary,
        ToggleNotes,
        Zoom,
    ]
};

/// What works everywhere: in the reader, the panes, every prompt, form and dialog.
pub const EVERYWHERE: &[Command] = &[
    Command::Help,
    Command::Confirm,
    Command::Cancel,
    Command::Quit,
    Command::Suspend,
];

/// The parts, in the order the help lists them.
pub const SECTIONS: [(&str, &[Command]); 5] = [
    ("Reading", READER_COMMANDS),
    ("Glossary and lookup", super::glossary_pane::COMMANDS),
    ("Notes", super::notes_pane::COMMANDS),
    ("Words and review", super::vocab_keys::COMMANDS),
    ("Everywhere", EVERYWHERE),
];

/// One row of the help: a part's name, or one of its commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    Command(Command),
}

/// Every row of the help, in order.
pub fn rows() -> Vec<HelpRow> {
    rows_with(0)
}

/// Every row of the help, with the user's `tools` lookup commands after the lookup's own.
pub fn rows_with(tools: usize) -> Vec<HelpRow> {
    SECTIONS
        .iter()
        .flat_map(|(name, commands)| {
            let own = if *name == "Glossary and lookup" {
                tools
            } else {
                0
            };
            std::iter::once(HelpRow::Heading(name))
                .chain(commands.iter().map(|c| HelpRow::Command(*c)))
                .chain(
                    (0..own.min(256))
                        .map(|i| HelpRow::Command(Command::Tool(u8::try_from(i).unwrap_or(0)))),
                )
        })
        .collect()
}

impl App {
    /// What a command does, for the help: a tool of the user's by its name.
    pub fn command_description(&self, c: Command) -> String {
        match c {
            Command::Tool(i) => match self.config.tools.get(usize::from(i)) {
                Some(t) => format!("Your lookup command „{}“ on the word", t.name),
                None => c.description().to_string(),
            },
            _ => c.description().to_string(),
        }
    }
}

impl App {
    /// How many screen rows a help row takes (a command's description may wrap, and in a
    /// narrow terminal its keys take a row of their own).
    pub fn help_row_height(&self, row: HelpRow) -> usize {
        match row {
            HelpRow::Heading(_) => 1,
            HelpRow::Command(c) => {
                self.help_lines(c).len() + usize::from(!self.help_side_by_side())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_tools_are_in_the_help_by_name() {
        let rows = rows_with(2);
        assert_eq!(rows.len(), super::rows().len() + 2);
        assert!(rows.contains(&HelpRow::Command(Command::Tool(1))));
        let mut config = crate::config::Config::builtin();
        config.tools.push(crate::tools::Tool {
            name: "sdcv".into(),
            command: vec!["sdcv".into()],
            timeout: crate::tools::DEFAULT_TIMEOUT,
        });
        let app = App::new(crate::document::bundled(), config, 120, 40);
        assert_eq!(
            app.command_description(Command::Tool(0)),
            "Your lookup command „sdcv“ on the word"
        );
    }

    #[test]
    fn every_command_is_in_the_help() {
        let rows = rows();
        for c in Command::ALL {
            assert!(
                rows.contains(&HelpRow::Command(c)),
                "{} is in no part's list",
                c.name()
            );
        }
    }
}
