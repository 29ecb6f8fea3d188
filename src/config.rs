//! The configuration: `config/default.toml` built in, the user's file merged over it key by
//! key. Every error names the file, line, column and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::keys::{Command, KeyChord};

/// The built-in configuration file.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

/// A configuration error, located in its file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {key}{message}", crate::location::place(.path.as_path(), *.line, *.column))]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// "key `reading.max_width`: " or empty.
    pub key: String,
    pub message: String,
}

/// Reading settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub max_width: usize,
    pub hyphenation: bool,
    /// The most of a document that is read, in MB (`/dev/zero`, `yes |` end there).
    pub max_input_mb: u64,
}

/// Pane sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutConfig {
    pub article_percent: u16,
    pub glossary_percent: u16,
    pub narrow_below: u16,
}

/// Colours by role.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeConfig {
    pub title: Color,
    pub heading: Color,
    pub lead: Color,
    pub quote: Color,
    pub aside: Color,
    pub muted: Color,
    pub accent: Color,
    pub search_match: Color,
    pub error: Color,
    pub term: Color,
    pub note: Color,
    pub selection: Color,
}

/// The merged configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub reading: Reading,
    pub layout: LayoutConfig,
    pub theme: ThemeConfig,
    /// Key bindings, defaults first, then the user's (which take keys over).
    pub keys: Vec<(Command, Vec<KeyChord>)>,
    /// Extra folders searched for dictd and StarDict dictionaries.
    pub dictionary_folders: Vec<PathBuf>,
    /// Also search /usr/share/dictd, /usr/share/stardict/dic and $XDG_DATA_HOME/stardict/dic.
    pub standard_dictionary_folders: bool,
    /// The user's lookup and translation commands (`[[tool]]`), in the file's order; the
    /// key of each is bound to `Command::Tool(index)` in `keys`.
    pub tools: Vec<crate::tools::Tool>,
    /// The name of the tool that `translate` runs on the sentence (`[translate] tool`).
    pub translator: Option<String>,
    /// Where AnkiConnect listens and the deck it fills (`[anki]`).
    pub anki: AnkiConfig,
}

/// `[anki]`: the AnkiConnect add-on that `lesepult anki sync` and `anki_sync` talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnkiConfig {
    /// `http://host:port` of AnkiConnect.
    pub url: String,
    /// The deck new notes go to.
    pub deck: String,
    /// AnkiConnect's API key, if one is set in its add-on config (`apiKey`).
    pub key: Option<String>,
}

impl Default for AnkiConfig {
    fn default() -> AnkiConfig {
        AnkiConfig {
            url: "http://127.0.0.1:8765".to_string(),
            deck: "lesepult::Vocabulary".to_string(),
            key: None,
        }
    }
}

type Sp<T> = Spanned<T>;
type KeyList = Vec<Sp<String>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    reading: Option<RawReading>,
    layout: Option<RawLayout>,
    theme: Option<BTreeMap<Sp<String>, Sp<String>>>,
    keys: Option<BTreeMap<Sp<String>, Sp<KeyList>>>,
    dictionaries: Option<RawDictionaries>,
    tool: Option<Vec<RawTool>>,
    translate: Option<RawTranslate>,
    anki: Option<RawAnki>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnki {
    url: Option<Sp<String>>,
    deck: Option<Sp<String>>,
    key: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTool {
    name: Sp<String>,
    key: Option<Sp<String>>,
    command: Sp<Vec<String>>,
    timeout_seconds: Option<Sp<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslate {
    tool: Sp<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDictionaries {
    folders: Option<Vec<String>>,
    standard_folders: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    max_width: Option<Sp<usize>>,
    hyphenation: Option<bool>,
    max_input_mb: Option<Sp<u64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    article_percent: Option<Sp<u16>>,
    glossary_percent: Option<Sp<u16>>,
    narrow_below: Option<Sp<u16>>,
}

/// One source file of configuration, for locating errors.
struct Source<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn error(&self, offset: usize, key: &str, message: impl Into<String>) -> ConfigError {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            key: if key.is_empty() {
                String::new()
            } else {
                format!("key `{key}`: ")
            },
            message: message.into(),
        }
    }

    /// The dotted key on the line of `offset` ("reading.max_width"), found from the text.
    fn key_at(&self, offset: usize) -> String {
        let before = &self.text[..offset.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = self.text[line_start..].lines().next().unwrap_or("");
        let key = line.split('=').next().unwrap_or("").trim();
        let table = before
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('[') && l.ends_with(']'))
            .map(|l| l.trim_matches(['[', ']']).trim().to_string());
        match (table, line.contains('=')) {
            (Some(t), true) => format!("{t}.{key}"),
            (None, true) => key.to_string(),
            (Some(t), false) => t,
            (None, false) => String::new(),
        }
    }

    fn parse(&self) -> Result<RawConfig, ConfigError> {
        toml::from_str(self.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = crate::location::plain_toml_message(e.message());
            self.error(offset, &self.key_at(offset), message)
        })
    }
}

/// The `[keys]` table of `config/default.toml`, in its order (see [`Config::builtin`]).
const DEFAULT_KEYS: &[(&str, &[&str])] = &[
    ("scroll_down", &["j", "Down"]),
    ("scroll_up", &["k", "Up"]),
    ("page_down", &["Space", "PageDown"]),
    ("page_up", &["b", "PageUp"]),
    ("half_page_down", &["Ctrl-d"]),
    ("half_page_up", &["Ctrl-u"]),
    ("scroll_left", &["<"]),
    ("scroll_right", &[">"]),
    ("top", &["g", "Home"]),
    ("bottom", &["G", "End"]),
    ("percent", &["%"]),
    ("next_paragraph", &["}"]),
    ("previous_paragraph", &["{"]),
    ("next_section", &["]"]),
    ("previous_section", &["["]),
    ("table_of_contents", &["t"]),
    ("search", &["/"]),
    ("next_match", &["n"]),
    ("previous_match", &["N"]),
    ("help", &["?", "F1"]),
    ("focus_next", &["Tab"]),
    ("focus_previous", &["Shift-Tab"]),
    ("toggle_glossary", &["F2"]),
    ("toggle_notes", &["F3"]),
    ("zoom", &["z"]),
    ("next_word", &["w", "Right"]),
    ("previous_word", &["W", "Left"]),
    ("hints", &["f"]),
    ("lookup", &["l"]),
    ("add_term", &["+"]),
    ("edit", &["e"]),
    ("delete", &["d"]),
    ("add_note", &["a"]),
    ("select", &["v"]),
    ("save_note", &["Ctrl-s"]),
    ("external_editor", &["Ctrl-o"]),
    ("undo_delete", &["u"]),
    ("export", &["x"]),
    ("set_status", &["s"]),
    ("status_1", &[]),
    ("status_2", &[]),
    ("status_3", &[]),
    ("status_4", &[]),
    ("status_5", &[]),
    ("status_known", &["K"]),
    ("status_ignored", &["I"]),
    ("status_new", &[]),
    ("page_known", &["P"]),
    ("status_colours", &["c"]),
    ("stats", &["S"]),
    ("review", &["R"]),
    ("speak", &["p"]),
    ("translate", &["T"]),
    ("copy", &["y"]),
    ("correct_lemma", &["L"]),
    ("mark_part", &["m"]),
    ("anki_sync", &["A"]),
    ("confirm", &["Enter"]),
    ("cancel", &["Esc"]),
    ("quit", &["q", "Ctrl-c"]),
    ("suspend", &["Ctrl-z"]),
];

impl Config {
    /// The built-in configuration: what `config/default.toml` says, built without parsing
    /// TOML, since every start needs it before the first frame. A test checks that the two
    /// agree.
    pub fn builtin() -> Config {
        let keys = DEFAULT_KEYS
            .iter()
            .filter_map(|(name, keys)| {
                let chords = keys.iter().filter_map(|k| KeyChord::parse(k).ok());
                Some((Command::from_name(name)?, chords.collect()))
            })
            .collect();
        Config {
            reading: Reading {
                max_width: 80,
                hyphenation: false,
                max_input_mb: 512,
            },
            layout: LayoutConfig {
                article_percent: 60,
                glossary_percent: 50,
                narrow_below: 100,
            },
            theme: ThemeConfig {
                title: Color::LightYellow,
                heading: Color::LightCyan,
                lead: Color::White,
                quote: Color::LightGreen,
                aside: Color::LightMagenta,
                muted: Color::DarkGray,
                accent: Color::Cyan,
                search_match: Color::Yellow,
                error: Color::LightRed,
                term: Color::LightBlue,
                note: Color::Rgb(0x3a, 0x3a, 0x2a),
                selection: Color::LightCyan,
            },
            keys,
            dictionary_folders: Vec::new(),
            standard_dictionary_folders: true,
            tools: Vec::new(),
            translator: None,
            anki: AnkiConfig::default(),
        }
    }

    /// Load the built-in configuration and merge `user` (if the file exists) over it.
    pub fn load(user: &Path) -> Result<Config, ConfigError> {
        match std::fs::read(user) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| ConfigError {
                    path: user.to_path_buf(),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    message: format!(
                        "not valid UTF-8 (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                })?;
                Config::with_user_file(user, &text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::builtin()),
            Err(e) => Err(ConfigError {
                path: user.to_path_buf(),
                line: 0,
                column: 0,
                key: String::new(),
                message: format!("cannot read: {e}"),
            }),
        }
    }

    /// The user's file (`path`, `text`) merged over the built-in configuration.
    pub fn with_user_file(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut config = Config::builtin();
        let source = Source { path, text };
        config.apply(&source, source.parse()?)?;
        Ok(config)
    }

    fn apply(&mut self, src: &Source<'_>, raw: RawConfig) -> Result<(), ConfigError> {
        if let Some(r) = raw.reading {
            if let Some(w) = r.max_width {
                if *w.get_ref() < 20 {
                    return Err(src.error(
                        w.span().start,
                        "reading.max_width",
                        "must be at least 20 columns",
                    ));
                }
                self.reading.max_width = w.into_inner();
            }
            if let Some(h) = r.hyphenation {
                self.reading.hyphenation = h;
            }
            if let Some(m) = r.max_input_mb {
                if !(1..=1 << 20).contains(m.get_ref()) {
                    return Err(src.error(
                        m.span().start,
                        "reading.max_input_mb",
                        "must be 1 to 1048576 (MB)",
                    ));
                }
                self.reading.max_input_mb = m.into_inner();
            }
        }
        if let Some(l) = raw.layout {
            let check = |v: &Sp<u16>, key: &str, range: std::ops::RangeInclusive<u16>| {
                if range.contains(v.get_ref()) {
                    Ok(*v.get_ref())
                } else {
                    Err(src.error(
                        v.span().start,
                        key,
                        format!("must be between {} and {}", range.start(), range.end()),
                    ))
                }
            };
            if let Some(v) = &l.article_percent {
                self.layout.article_percent = check(v, "layout.article_percent", 20..=90)?;
            }
            if let Some(v) = &l.glossary_percent {
                self.layout.glossary_percent = check(v, "layout.glossary_percent", 10..=90)?;
            }
            if let Some(v) = &l.narrow_below {
                self.layout.narrow_below = check(v, "layout.narrow_below", 0..=1000)?;
            }
        }
        if let Some(theme) = raw.theme {
            for (name, value) in theme {
                let key = format!("theme.{}", name.get_ref());
                let color = parse_color(value.get_ref()).ok_or_else(|| {
                    src.error(
                        value.span().start,
                        &key,
                        format!("unknown colour {:?}", value.get_ref()),
                    )
                })?;
                let slot = match name.get_ref().as_str() {
                    "title" => &mut self.theme.title,
                    "heading" => &mut self.theme.heading,
                    "lead" => &mut self.theme.lead,
                    "quote" => &mut self.theme.quote,
                    "aside" => &mut self.theme.aside,
                    "muted" => &mut self.theme.muted,
                    "accent" => &mut self.theme.accent,
                    "search_match" => &mut self.theme.search_match,
                    "error" => &mut self.theme.error,
                    "term" => &mut self.theme.term,
                    "note" => &mut self.theme.note,
                    "selection" => &mut self.theme.selection,
                    other => {
                        return Err(src.error(
                            name.span().start,
                            &key,
                            format!("unknown theme colour {other:?}"),
                        ));
                    }
                };
                *slot = color;
            }
        }
        if let Some(d) = raw.dictionaries {
            if let Some(folders) = d.folders {
                self.dictionary_folders = folders.iter().map(|f| expand_home(f)).collect();
            }
            if let Some(standard) = d.standard_folders {
                self.standard_dictionary_folders = standard;
            }
        }
        let mut named_at = Vec::new();
        if let Some(keys) = raw.keys {
            for (name, list) in keys {
                let key = format!("keys.{}", name.get_ref());
                let command = Command::from_name(name.get_ref()).ok_or_else(|| {
                    src.error(
                        name.span().start,
                        &key,
                        format!("unknown action {:?}", name.get_ref()),
                    )
                })?;
                named_at.push((command, name.span().start));
                let mut chords = Vec::new();
                for k in list.into_inner() {
                    let chord = KeyChord::parse(k.get_ref())
                        .map_err(|e| src.error(k.span().start, &key, e.to_string()))?;
                    chords.push(chord);
                }
                self.keys.push((command, chords));
            }
        }
        for raw in raw.tool.unwrap_or_default() {
            self.add_tool(src, raw)?;
        }
        if let Some(t) = raw.translate {
            if !self.tools.iter().any(|x| x.name == *t.tool.get_ref()) {
                return Err(src.error(
                    t.tool.span().start,
                    "translate.tool",
                    format!(
                        "no [[tool]] is named {:?} (give the name of one of your tools)",
                        t.tool.get_ref()
                    ),
                ));
            }
            self.translator = Some(t.tool.into_inner());
        }
        if let Some(a) = raw.anki {
            if let Some(url) = a.url {
                if !url.get_ref().trim().starts_with("http://") {
                    return Err(src.error(
                        url.span().start,
                        "anki.url",
                        "give AnkiConnect's http:// address, e.g. \"http://127.0.0.1:8765\"",
                    ));
                }
                self.anki.url = url.into_inner().trim().to_string();
            }
            if let Some(deck) = a.deck {
                if deck.get_ref().trim().is_empty() {
                    return Err(src.error(deck.span().start, "anki.deck", "must not be empty"));
                }
                self.anki.deck = deck.into_inner().trim().to_string();
            }
            if let Some(key) = a.key {
                self.anki.key = Some(key).filter(|k| !k.is_empty());
            }
        }
        self.check_ways_out(src, &named_at)?;
        Ok(())
    }

    /// Refuse keys that leave no way to quit or to close an overlay: `quit` and `cancel`
    /// each keep at least one key that no later binding took over.
    fn check_ways_out(
        &self,
        src: &Source<'_>,
        named_at: &[(Command, usize)],
    ) -> Result<(), ConfigError> {
        let keymap = crate::keys::Keymap::from_bindings(&self.keys);
        for (command, what) in [
            (Command::Quit, "no key would quit lesepult"),
            (Command::Cancel, "no key would close an overlay or a prompt"),
        ] {
            if keymap.keys(command).is_empty() {
                let at = named_at
                    .iter()
                    .find(|(c, _)| *c == command)
                    .map(|(_, at)| *at)
                    .or_else(|| src.text.find("[keys]"))
                    .unwrap_or(0);
                return Err(src.error(
                    at,
                    &format!("keys.{}", command.name()),
                    format!(
                        "{what}: give `{}` a key that no other action takes",
                        command.name()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// One `[[tool]]`: checked, and its key bound.
    fn add_tool(&mut self, src: &Source<'_>, raw: RawTool) -> Result<(), ConfigError> {
        let name = raw.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(src.error(raw.name.span().start, "tool.name", "must not be empty"));
        }
        if self.tools.iter().any(|t| t.name == name) {
            return Err(src.error(
                raw.name.span().start,
                "tool.name",
                format!("two tools are named {name:?}"),
            ));
        }
        let index = u8::try_from(self.tools.len())
            .map_err(|_| src.error(raw.name.span().start, "tool", "at most 256 tools"))?;
        let command = raw.command.get_ref().clone();
        if command.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(src.error(
                raw.command.span().start,
                "tool.command",
                "give the program and its arguments as a list, e.g. [\"sdcv\", \"-n\", \"{lemma}\"]",
            ));
        }
        let timeout = match raw.timeout_seconds {
            Some(t) if !(0.1..=600.0).contains(t.get_ref()) => {
                return Err(src.error(
                    t.span().start,
                    "tool.timeout_seconds",
                    "must be between 0.1 and 600",
                ));
            }
            Some(t) => std::time::Duration::from_secs_f64(*t.get_ref()),
            None => crate::tools::DEFAULT_TIMEOUT,
        };
        if let Some(key) = raw.key {
            let chord = KeyChord::parse(key.get_ref())
                .map_err(|e| src.error(key.span().start, "tool.key", e.to_string()))?;
            self.keys.push((Command::Tool(index), vec![chord]));
        }
        self.tools.push(crate::tools::Tool {
            name,
            command,
            timeout,
        });
        Ok(())
    }
}

/// `~/x` → `$HOME/x`.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn parse_color(s: &str) -> Option<Color> {
    Color::from_str(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(text: &str) -> Result<Config, ConfigError> {
        Config::with_user_file(Path::new("/home/u/.config/lesepult/config.toml"), text)
    }

    /// `config/default.toml` read as a user's file over nothing at all.
    fn parsed_default_file() -> Config {
        let mut config = Config {
            reading: Reading {
                max_width: 0,
                hyphenation: true,
                max_input_mb: 0,
            },
            layout: LayoutConfig {
                article_percent: 0,
                glossary_percent: 0,
                narrow_below: 0,
            },
            theme: ThemeConfig {
                title: Color::Reset,
                heading: Color::Reset,
                lead: Color::Reset,
                quote: Color::Reset,
                aside: Color::Reset,
                muted: Color::Reset,
                accent: Color::Reset,
                search_match: Color::Reset,
                error: Color::Reset,
                term: Color::Reset,
                note: Color::Reset,
                selection: Color::Reset,
            },
            keys: Vec::new(),
            dictionary_folders: vec![PathBuf::from("/nowhere")],
            standard_dictionary_folders: false,
            tools: Vec::new(),
            translator: None,
            anki: AnkiConfig {
                url: String::new(),
                deck: String::new(),
                key: None,
            },
        };
        let source = Source {
            path: Path::new("config/default.toml"),
            text: DEFAULT_CONFIG,
        };
        let raw = source.parse().expect("config/default.toml parses");
        config
            .apply(&source, raw)
            .expect("config/default.toml is valid");
        config
    }

    #[test]
    fn builtin_config_agrees_with_config_default_toml() {
        let (built, parsed) = (Config::builtin(), parsed_default_file());
        assert_eq!(built.reading, parsed.reading);
        assert_eq!(built.layout, parsed.layout);
        assert_eq!(built.theme, parsed.theme);
        assert_eq!(built.dictionary_folders, parsed.dictionary_folders);
        assert_eq!(built.anki, parsed.anki);
        assert_eq!(
            built.standard_dictionary_folders,
            parsed.standard_dictionary_folders
        );
        // The file's tables are read in name order; the bindings are the same.
        let sorted = |mut keys: Vec<(Command, Vec<KeyChord>)>| {
            keys.sort_by_key(|(c, _)| c.name());
            keys
        };
        assert_eq!(
            sorted(built.keys),
            sorted(parsed.keys),
            "DEFAULT_KEYS in src/config.rs must list config/default.toml's [keys]"
        );
    }

    #[test]
    fn builtin_config_is_valid_and_binds_every_command() {
        let config = Config::builtin();
        let keymap = crate::keys::Keymap::from_bindings(&config.keys);
        for command in Command::ALL {
            // A key of the reader's, or of a layer (a status's digit after `s`).
            let in_a_layer = crate::keys::Layer::ALL.iter().any(|layer| {
                ["1", "2", "3", "4", "5", "0", "k", "i"].iter().any(|name| {
                    KeyChord::parse(name).is_ok_and(|k| {
                        keymap.in_layer(*layer, &k) == Some(crate::keys::Binding::Command(command))
                    })
                })
            });
            assert!(
                in_a_layer
                    || config
                        .keys
                        .iter()
                        .any(|(c, keys)| *c == command && !keys.is_empty()),
                "{command:?} has no default key"
            );
        }
        assert_eq!(config.reading.max_width, 80);
    }

    #[test]
    fn tools_are_read_with_their_keys_and_the_translator() {
        let config = user(
            "[[tool]]\nname = \"sdcv\"\nkey = \"D\"\ncommand = [\"sdcv\", \"-n\", \"{lemma}\"]\n\n\
             [[tool]]\nname = \"trans\"\ncommand = [\"trans\", \"-b\", \"{sentence}\"]\ntimeout_seconds = 5\n\n\
             [translate]\ntool = \"trans\"\n",
        )
        .expect("valid");
        assert_eq!(config.tools.len(), 2);
        assert_eq!(config.tools[0].command, ["sdcv", "-n", "{lemma}"]);
        assert_eq!(config.tools[1].timeout, std::time::Duration::from_secs(5));
        assert_eq!(config.translator.as_deref(), Some("trans"));
        let keymap = crate::keys::Keymap::from_bindings(&config.keys);
        let d = KeyChord::parse("D").expect("key");
        assert_eq!(keymap.command(&d), Some(Command::Tool(0)));

        let err = user("[[tool]]\nname = \"x\"\ncommand = []\n").expect_err("empty");
        assert!(err.to_string().contains("tool.command"), "{err}");
        let err = user("[translate]\ntool = \"nope\"\n").expect_err("unknown tool");
        assert!(err.to_string().contains("translate.tool"), "{err}");
    }

    #[test]
    fn anki_takes_an_http_url_and_a_deck() {
        let config =
            user("[anki]\nurl = \"http://localhost:9000\"\ndeck = \"Deutsch\"\n").expect("valid");
        assert_eq!(config.anki.url, "http://localhost:9000");
        assert_eq!(config.anki.deck, "Deutsch");
        assert_eq!(config.anki.key, None);
        let config = user("[anki]\nkey = \"geheim\"\n").expect("valid");
        assert_eq!(config.anki.key.as_deref(), Some("geheim"));
        let err = user("[anki]\nurl = \"https://x\"\n").expect_err("https");
        assert!(err.to_string().contains("anki.url"), "{err}");
        let err = user("[anki]\ndeck = \" \"\n").expect_err("empty deck");
        assert!(err.to_string().contains("anki.deck"), "{err}");
    }

    #[test]
    fn user_values_merge_key_by_key() {
        let config = user("[reading]\nmax_width = 66\n").expect("valid");
        assert_eq!(config.reading.max_width, 66);
        assert!(!config.reading.hyphenation);
        assert_eq!(config.layout.article_percent, 60);
    }

    #[test]
    fn a_config_that_leaves_no_way_out_is_refused() {
        let err = user("[keys]\nquit = []\ncancel = []\n").expect_err("no quit");
        assert_eq!(err.line, 2, "{err}");
        assert!(err.to_string().contains("quit"), "{err}");
        // `q` taken by search while Ctrl-c is unbound: nothing quits.
        let err = user("[keys]\nquit = [\"q\"]\nsearch = [\"q\"]\n").expect_err("q taken");
        assert!(err.to_string().contains("no key would quit"), "{err}");
        let err = user("[keys]\ncancel = []\n").expect_err("no cancel");
        assert!(err.to_string().contains("cancel"), "{err}");
        // Moving quit to another key is fine.
        assert!(user("[keys]\nquit = [\"Q\"]\n").is_ok());
    }

    #[test]
    fn errors_name_file_line_column_and_key() {
        let err = user("[reading]\nmax_width = \"wide\"\n").expect_err("wrong type");
        let msg = err.to_string();
        assert!(
            msg.starts_with("/home/u/.config/lesepult/config.toml:2:"),
            "{msg}"
        );
        assert!(msg.contains("reading.max_width"), "{msg}");

        let err = user("[keys]\njump_around = [\"x\"]\n").expect_err("unknown action");
        assert_eq!(err.line, 2);
        assert_eq!(err.column, 1);
        assert!(err.to_string().contains("unknown action \"jump_around\""));

        let err = user("[keys]\nquit = [\"q\", \"Hyper-q\"]\n").expect_err("unknown key");
        assert_eq!((err.line, err.column), (2, 14));
        assert!(err.to_string().contains("keys.quit"));

        let err = user("[reading\n").expect_err("bad toml");
        assert_eq!(err.line, 1);

        let err = user("[colours]\n").expect_err("unknown table");
        assert!(err.to_string().contains("colours"), "{err}");

        let err = user("[theme]\ntitle = \"sparkly\"\n").expect_err("colour");
        assert!(err.to_string().contains("theme.title"));
    }
}
