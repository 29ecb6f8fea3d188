//! Key chords ("Ctrl-d", "Shift-Tab", "G") and the keymap from commands to keys.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use super::layers::{Binding, EDITOR_COMMANDS, Layer};

/// A key with its modifiers, normalised so that "G" and "Shift-g" are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// A key name that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key name {0:?} (examples: \"j\", \"G\", \"Ctrl-d\", \"Shift-Tab\", \"PageDown\", \"F1\")"
)]
pub struct UnknownKey(pub String);

impl KeyChord {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let (code, mut modifiers) = match code {
            KeyCode::BackTab => (KeyCode::BackTab, modifiers - KeyModifiers::SHIFT),
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                (KeyCode::BackTab, modifiers - KeyModifiers::SHIFT)
            }
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                let upper: Vec<char> = c.to_uppercase().collect();
                let c = if upper.len() == 1 { upper[0] } else { c };
                (KeyCode::Char(c), modifiers - KeyModifiers::SHIFT)
            }
            other => (other, modifiers),
        };
        modifiers &= KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        KeyChord { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        KeyChord::new(event.code, event.modifiers)
    }

    /// Parse a name such as "j", "Ctrl-d", "Shift-Tab", "PageDown", "F5", "Space".
    pub fn parse(name: &str) -> Result<Self, UnknownKey> {
        let unknown = || UnknownKey(name.to_string());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break; // "Ctrl-" alone: the key is "-"? no: fall through to the name check.
            }
            modifiers |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=24).contains(&n) => KeyCode::F(n),
                    _ => return Err(unknown()),
                },
                _ => return Err(unknown()),
            },
        };
        Ok(KeyChord::new(code, modifiers))
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Commands and their keys: the reader's (configurable) and the layers of prompts, forms
/// and dialogs.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    by_key: HashMap<KeyChord, Command>,
    by_command: BTreeMap<Command, Vec<KeyChord>>,
    layers: HashMap<Layer, HashMap<KeyChord, Binding>>,
}

impl Keymap {
    /// Build from (command, keys) pairs; a later pair that binds a key already bound takes
    /// the key over, so a user's binding replaces the default one.
    pub fn from_bindings(bindings: &[(Command, Vec<KeyChord>)]) -> Self {
        let mut map = Keymap::default();
        for (command, keys) in bindings {
            map.bind(*command, keys);
        }
        for layer in Layer::ALL {
            map.layers.insert(layer, layer.keys().into_iter().collect());
        }
        map
    }

    /// What `key` does in `layer`, if the layer binds it. The editor keeps the reader's
    /// keys of a few commands (and of quitting, with Ctrl or Alt: a plain letter is text).
    pub fn in_layer(&self, layer: Layer, key: &KeyChord) -> Option<Binding> {
        if layer == Layer::Editor {
            let with_modifier = key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            return self
                .command(key)
                .filter(|c| EDITOR_COMMANDS.contains(c) || (*c == Command::Quit && with_modifier))
                .map(Binding::Command);
        }
        self.layers.get(&layer)?.get(key).copied()
    }

    /// Replace the keys of `command`.
    pub fn bind(&mut self, command: Command, keys: &[KeyChord]) {
        if let Some(old) = self.by_command.remove(&command) {
            for k in old {
                self.by_key.remove(&k);
            }
        }
        for key in keys {
            if let Some(previous) = self.by_key.insert(*key, command)
                && let Some(list) = self.by_command.get_mut(&previous)
            {
                list.retain(|k| k != key);
            }
        }
        let mut unique: Vec<KeyChord> = Vec::new();
        for k in keys {
            if !unique.contains(k) {
                unique.push(*k);
            }
        }
        self.by_command.insert(command, unique);
    }

    pub fn command(&self, key: &KeyChord) -> Option<Command> {
        self.by_key.get(key).copied()
    }

    pub fn keys(&self, command: Command) -> &[KeyChord] {
        self.by_command.get(&command).map_or(&[], Vec::as_slice)
    }

    /// The keys of a command as "j, Down", or "unbound".
    pub fn describe(&self, command: Command) -> String {
        let keys = self.keys(command);
        if keys.is_empty() {
            "unbound".to_string()
        } else {
            keys.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_key_names() {
        for name in [
            "j",
            "G",
            "Ctrl-d",
            "Shift-Tab",
            "PageDown",
            "F1",
            "Space",
            "?",
            "{",
            "Alt-x",
        ] {
            let chord = KeyChord::parse(name).expect(name);
            assert_eq!(chord.to_string(), name);
        }
        assert_eq!(KeyChord::parse("Shift-g"), KeyChord::parse("G"));
        assert_eq!(KeyChord::parse("PgDn"), KeyChord::parse("PageDown"));
        assert!(KeyChord::parse("Hyper-q").is_err());
        assert!(KeyChord::parse("F99").is_err());
    }

    #[test]
    fn crossterm_events_normalise() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            KeyChord::from_event(&shifted),
            KeyChord::parse("G").expect("G")
        );
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            KeyChord::from_event(&backtab),
            KeyChord::parse("Shift-Tab").expect("backtab")
        );
    }

    #[test]
    fn a_later_binding_takes_the_key_over() {
        let j = KeyChord::parse("j").expect("j");
        let mut map = Keymap::from_bindings(&[(Command::ScrollDown, vec![j])]);
        map.bind(Command::Quit, &[j]);
        assert_eq!(map.command(&j), Some(Command::Quit));
        assert!(map.keys(Command::ScrollDown).is_empty());
        assert_eq!(map.describe(Command::ScrollDown), "unbound");
    }
}
