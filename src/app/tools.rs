//! The user's lookup and translation commands from the app's side: what a key asks to
//! run (the word under the cursor, its lemma, sentence and paragraph), the run's output in
//! the glossary pane, and Esc to stop it. Running is the runtime's
//! (`Effect::RunTool`); part of `update`: state changes only.

use super::effect::Effect;
use super::glossary_pane::{GlossaryView, ToolOutput};
use super::outcome::ToolFinished;
use super::{App, cursor, study};
use crate::keys::Command;
use crate::tools::{Context, invocation};

/// What a command runs on: the word under the cursor (placed on the first word on
/// screen if there is none), its lemma and word class from the analysis of its sentence,
/// the sentence (or the selection, with `selection`), the paragraph and the title.
fn context(app: &mut App, selection: bool) -> Option<Context> {
    if app.cursor.is_none() {
        cursor::step(app, true);
    }
    let c = app.cursor.clone()?;
    let word = app.doc.text.get(c.range.clone())?.to_string();
    let (sentence, at) = study::sentence_context(app, c.block, c.range.start);
    let analysis = crate::german::analysis::analyse_at(&sentence, at);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = match app.selection_range().filter(|_| selection) {
        Some((_, range)) => squash(app.doc.text.get(range).unwrap_or_default()),
        None => squash(&sentence),
    };
    Some(Context {
        lemma: analysis
            .as_ref()
            .map_or_else(|| word.clone(), |a| a.lemma.clone()),
        pos: analysis
            .filter(|a| a.pos != crate::german::Pos::Unknown)
            .map(|a| a.pos.name().to_string())
            .unwrap_or_default(),
        word,
        sentence,
        paragraph: squash(app.doc.block_text(c.block)),
        title: app.doc.title.clone(),
    })
}

/// Run the user's tool number `index` on the word under the cursor.
pub(super) fn run(app: &mut App, index: usize, effects: &mut Vec<Effect>) {
    start(app, index, false, effects);
}

/// Translate the sentence under the cursor (or the selection) with the configured
/// translator.
pub(super) fn translate(app: &mut App, effects: &mut Vec<Effect>) {
    let found = app
        .config
        .translator
        .as_ref()
        .and_then(|name| app.config.tools.iter().position(|t| &t.name == name));
    match found {
        Some(index) => start(app, index, true, effects),
        None => app.info(
            "No translator set: add a [[tool]] and [translate] tool = \"its name\" to your config (see the README, \"Lookup and translation commands\").",
        ),
    }
}

fn start(app: &mut App, index: usize, translating: bool, effects: &mut Vec<Effect>) {
    let Some(tool) = app.config.tools.get(index).cloned() else {
        return;
    };
    let Some(context) = context(app, translating) else {
        app.info("Put the word cursor on a word first (w, or a click).");
        return;
    };
    app.terms.tool_runs += 1;
    let id = app.terms.tool_runs;
    let subject = if translating {
        context.sentence.clone()
    } else {
        context.word.clone()
    };
    if app.terms.tool.as_ref().is_some_and(|t| t.text.is_none()) {
        effects.push(Effect::CancelTool);
    }
    effects.push(Effect::RunTool(invocation(id, &tool, &context)));
    app.terms.tool = Some(ToolOutput {
        id,
        name: tool.name.clone(),
        subject,
        text: None,
        error: false,
    });
    study::show_pane(app);
    app.terms.pane.view = GlossaryView::Tool { scroll: 0 };
    let esc = app.keymap.describe(Command::Cancel);
    app.info(format!("Running {}… ({esc} stops it)", tool.name));
    app.keep_cursor_in_view();
}

/// Whether a command is running.
pub(super) fn running(app: &App) -> bool {
    app.terms.tool.as_ref().is_some_and(|t| t.text.is_none())
}

/// Esc while a command runs: stop it.
pub(super) fn cancel(app: &mut App, effects: &mut Vec<Effect>) {
    if let Some(t) = app.terms.tool.as_mut().filter(|t| t.text.is_none()) {
        t.text = Some("Stopped.".to_string());
        t.error = true;
        let name = t.name.clone();
        effects.push(Effect::CancelTool);
        app.info(format!("{name} stopped."));
    }
}

/// A command's output arrived (a stopped or replaced run's is dropped).
pub(super) fn finished(app: &mut App, done: ToolFinished) {
    let Some(t) = app
        .terms
        .tool
        .as_mut()
        .filter(|t| t.id == done.id && t.text.is_none())
    else {
        return;
    };
    let name = t.name.clone();
    match done.result {
        Ok(text) => {
            t.text = Some(if text.is_empty() {
                "(no output)".to_string()
            } else {
                text
            });
            app.info(format!("{name}: done."));
        }
        Err(e) => {
            t.text = Some(e.clone());
            t.error = true;
            app.error(format!("{name}: {e}"));
        }
    }
}

/// `y`: copy the note (in the notes pane), the selection, or the word under the cursor
/// (`y` again on the same word: its sentence) to the clipboard, through the terminal.
pub(super) fn copy(app: &mut App, effects: &mut Vec<Effect>) {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let note = (app.view.focus == super::PaneId::Notes)
        .then(|| app.notebook.pane.selected_note())
        .flatten()
        .and_then(|i| app.notebook.notes.get(i))
        .map(|n| n.text.clone());
    let (text, what) = if let Some(text) = note {
        (text, "the note".to_string())
    } else if let Some((_, range)) = app.selection_range() {
        let text = squash(app.doc.text.get(range).unwrap_or_default());
        (text, "the selection".to_string())
    } else if let Some(c) = app.cursor.clone() {
        if app.copied_word.as_ref() == Some(&c.range) {
            app.copied_word = None;
            let (sentence, _) = study::sentence_context(app, c.block, c.range.start);
            (squash(&sentence), "the sentence".to_string())
        } else {
            let word = app.doc.text.get(c.range.clone()).unwrap_or_default();
            let what = format!(
                "„{word}“ ({} again: its sentence)",
                app.keymap.describe(Command::Copy)
            );
            app.copied_word = Some(c.range);
            (word.to_string(), what)
        }
    } else {
        app.info("Nothing to copy: put the word cursor on a word (w), select (v), or pick a note.");
        return;
    };
    let n = text.chars().count();
    effects.push(Effect::Copy(text));
    app.info(format!(
        "Copied {what} to the clipboard ({n} characters, through the terminal: OSC 52)."
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, t0, update};
    use crate::config::Config;
    use crate::tools::Tool;

    fn app() -> App {
        let doc = crate::document::parse_str(
            "Sie lädt ihre Freunde zum Essen ein. Dann kochen sie.\n\nZweiter Absatz.\n".into(),
            crate::document::Origin::Bundled("test"),
            "Titel",
            false,
        );
        let mut config = Config::builtin();
        config.tools = vec![
            Tool {
                name: "wb".into(),
                command: vec!["wb".into(), "{lemma}".into()],
                timeout: crate::tools::DEFAULT_TIMEOUT,
            },
            Tool {
                name: "trans".into(),
                command: vec!["trans".into(), "{sentence}".into()],
                timeout: crate::tools::DEFAULT_TIMEOUT,
            },
        ];
        config.keys.push((
            Command::Tool(0),
            vec![crate::keys::KeyChord::parse("D").expect("key")],
        ));
        App::new(doc, config, 120, 40)
    }

    fn run(app: &mut App, c: Command) -> Vec<Effect> {
        update(app, Action::Command(c), t0())
    }

    #[test]
    fn a_tool_runs_on_the_word_with_its_lemma_and_its_output_shows() {
        let mut a = app();
        run(&mut a, Command::NextWord);
        run(&mut a, Command::NextWord);
        let effects = run(&mut a, Command::Tool(0));
        let Some(Effect::RunTool(inv)) = effects.iter().find(|e| matches!(e, Effect::RunTool(_)))
        else {
            panic!("no RunTool in {effects:?}");
        };
        assert_eq!(
            inv.argv,
            ["wb", "einladen"],
            "the separable verb, from its sentence"
        );
        let env: std::collections::HashMap<_, _> = inv.env.iter().cloned().collect();
        assert_eq!(env["LESEPULT_WORD"], "lädt");
        assert_eq!(env["LESEPULT_POS"], "verb");
        assert_eq!(
            env["LESEPULT_SENTENCE"],
            "Sie lädt ihre Freunde zum Essen ein."
        );
        assert_eq!(env["LESEPULT_TITLE"], a.doc.title);
        assert!(env["LESEPULT_PARAGRAPH"].ends_with("Dann kochen sie."));
        assert_eq!(a.terms.pane.view, GlossaryView::Tool { scroll: 0 });
        let id = inv.id;
        update(
            &mut a,
            Action::ToolFinished(ToolFinished {
                id,
                result: Ok("einladen: to invite".into()),
            }),
            t0(),
        );
        let shown = a.terms.tool.as_ref().and_then(|t| t.text.clone());
        assert_eq!(shown.as_deref(), Some("einladen: to invite"));
    }

    #[test]
    fn esc_stops_a_running_tool_and_its_late_output_is_dropped() {
        let mut a = app();
        run(&mut a, Command::NextWord);
        let effects = run(&mut a, Command::Tool(0));
        let id = match effects.iter().find(|e| matches!(e, Effect::RunTool(_))) {
            Some(Effect::RunTool(inv)) => inv.id,
            _ => panic!("no RunTool"),
        };
        let effects = run(&mut a, Command::Cancel);
        assert!(effects.contains(&Effect::CancelTool), "{effects:?}");
        update(
            &mut a,
            Action::ToolFinished(ToolFinished {
                id,
                result: Ok("late".into()),
            }),
            t0(),
        );
        assert_eq!(
            a.terms
                .tool
                .as_ref()
                .and_then(|t| t.text.clone())
                .as_deref(),
            Some("Stopped.")
        );
    }

    #[test]
    fn y_copies_the_word_then_its_sentence_or_the_selection() {
        let mut a = app();
        run(&mut a, Command::NextWord);
        assert_eq!(run(&mut a, Command::Copy), [Effect::Copy("Sie".into())]);
        assert!(
            a.message
                .as_ref()
                .is_some_and(|m| m.text.contains("Copied „Sie“"))
        );
        assert_eq!(
            run(&mut a, Command::Copy),
            [Effect::Copy("Sie lädt ihre Freunde zum Essen ein.".into())]
        );
        run(&mut a, Command::Select);
        run(&mut a, Command::NextWord);
        assert_eq!(
            run(&mut a, Command::Copy),
            [Effect::Copy("Sie lädt".into())]
        );
    }

    #[test]
    fn translate_runs_the_translator_on_the_sentence_or_the_selection() {
        let mut a = app();
        let effects = run(&mut a, Command::Translate);
        assert!(effects.is_empty(), "no translator configured");
        assert!(
            a.message
                .as_ref()
                .is_some_and(|m| m.text.contains("[translate]"))
        );
        a.config.translator = Some("trans".into());
        run(&mut a, Command::NextWord);
        run(&mut a, Command::Select);
        run(&mut a, Command::NextWord);
        run(&mut a, Command::NextWord);
        let effects = run(&mut a, Command::Translate);
        match effects.iter().find(|e| matches!(e, Effect::RunTool(_))) {
            Some(Effect::RunTool(inv)) => assert_eq!(inv.argv, ["trans", "Sie lädt ihre"]),
            _ => panic!("no RunTool in {effects:?}"),
        }
    }
}
