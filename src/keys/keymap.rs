//! The keymap: commands to key chords and back, and the layers' keys.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::KeyModifiers;

use super::chord::KeyChord;
use super::command::Command;
use super::layers::{Binding, EDITOR_COMMANDS, Layer};

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
    use crossterm::event::{KeyCode, KeyEvent};

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
