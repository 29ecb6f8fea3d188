//! Styles by role, from the configured colours; `NO_COLOR` keeps only bold, italic,
//! underline and reverse.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeConfig;

#[derive(Debug, Clone)]
pub struct Theme {
    pub title: Style,
    pub lead: Style,
    pub heading: Style,
    pub paragraph: Style,
    pub quote: Style,
    pub quote_bar: Style,
    pub aside: Style,
    pub aside_label: Style,
    pub aside_bar: Style,
    pub credit: Style,
    pub rule: Style,
    pub code: Style,
    pub border: Style,
    pub border_focused: Style,
    pub muted: Style,
    pub status: Style,
    pub status_error: Style,
    pub search_match: Style,
    pub search_current: Style,
    pub selected: Style,
    /// Glossary terms in the text.
    pub term: Style,
    /// The word cursor.
    pub cursor: Style,
    /// A hint label over a word (`f`).
    pub hint: Style,
    pub label: Style,
    /// A passage with a note: tinted.
    pub note: Style,
    /// The marker in the margin of a paragraph with notes.
    pub note_marker: Style,
    /// The selected span.
    pub selection: Style,
    /// Words by status (new, learning 1-5), when status colours are on.
    pub status_new: Style,
    pub status_learning: [Style; 5],
}

impl Theme {
    pub fn new(c: &ThemeConfig, no_color: bool) -> Theme {
        let fg = |color: Color| {
            if no_color {
                Style::default()
            } else {
                Style::default().fg(color)
            }
        };
        let bold = Modifier::BOLD;
        let italic = Modifier::ITALIC;
        let (search_match, search_current) = if no_color {
            (
                Style::default().add_modifier(Modifier::UNDERLINED),
                Style::default().add_modifier(Modifier::REVERSED),
            )
        } else {
            (
                Style::default().bg(c.search_match).fg(Color::Black),
                Style::default()
                    .bg(c.accent)
                    .fg(Color::Black)
                    .add_modifier(bold),
            )
        };
        Theme {
            title: fg(c.title).add_modifier(bold),
            lead: fg(c.lead).add_modifier(bold),
            heading: fg(c.heading).add_modifier(bold),
            paragraph: Style::default(),
            quote: fg(c.quote).add_modifier(italic),
            quote_bar: fg(c.quote),
            aside: fg(c.aside),
            aside_label: fg(c.aside).add_modifier(bold),
            aside_bar: fg(c.aside),
            credit: fg(c.muted).add_modifier(italic),
            rule: fg(c.muted),
            code: fg(c.muted),
            border: fg(c.muted),
            border_focused: fg(c.accent).add_modifier(bold),
            muted: fg(c.muted),
            status: Style::default().add_modifier(Modifier::REVERSED),
            status_error: if no_color {
                Style::default().add_modifier(bold | Modifier::REVERSED)
            } else {
                Style::default()
                    .bg(c.error)
                    .fg(Color::Black)
                    .add_modifier(bold)
            },
            search_match,
            search_current,
            selected: Style::default().add_modifier(Modifier::REVERSED),
            term: fg(c.term).add_modifier(Modifier::UNDERLINED),
            cursor: Style::default().add_modifier(Modifier::REVERSED),
            hint: if no_color {
                Style::default().add_modifier(bold | Modifier::REVERSED)
            } else {
                Style::default()
                    .bg(Color::Yellow)
                    .fg(Color::Black)
                    .add_modifier(bold)
            },
            label: fg(c.muted).add_modifier(bold),
            note: if no_color {
                Style::default().add_modifier(italic)
            } else {
                Style::default().bg(c.note)
            },
            note_marker: fg(c.accent).add_modifier(bold),
            status_new: Style::default()
                .add_modifier(Modifier::UNDERLINED)
                .patch(fg(Color::LightBlue)),
            status_learning: if no_color {
                [Style::default().add_modifier(Modifier::REVERSED); 5]
            } else {
                [
                    Color::Red,
                    Color::LightRed,
                    Color::Yellow,
                    Color::LightGreen,
                    Color::Green,
                ]
                .map(|c| Style::default().bg(c).fg(Color::Black))
            },
            selection: if no_color {
                Style::default().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
            } else {
                Style::default().bg(c.selection).fg(Color::Black)
            },
        }
    }

    /// `NO_COLOR` set to anything non-empty turns colours off (no-color.org).
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn no_color_keeps_structure_without_colours() {
        let colours = Config::builtin().theme;
        let theme = Theme::new(&colours, true);
        for style in [
            theme.title,
            theme.heading,
            theme.quote,
            theme.search_match,
            theme.status_error,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(theme.heading.add_modifier.contains(Modifier::BOLD));
        assert!(
            theme
                .search_match
                .add_modifier
                .contains(Modifier::UNDERLINED)
        );
        let coloured = Theme::new(&colours, false);
        assert!(coloured.heading.fg.is_some());
    }
}
