//! `anki_sync` from the app's side: ask the runtime to send the vocabulary to Anki in the
//! background (`Effect::AnkiSync`) and report what came of it in the status line. Part of
//! `update`: state changes only.

use super::App;
use super::effect::Effect;
use crate::anki_connect::SyncReport;

/// `anki_sync`: start a sync, unless one is running.
pub(super) fn sync(app: &mut App, effects: &mut Vec<Effect>) {
    if app.learning.anki_syncing {
        app.info("Still sending your words to Anki…");
        return;
    }
    let words = app
        .learning
        .vocab
        .entries
        .values()
        .filter(|e| crate::vocab::anki::in_deck(e))
        .count();
    if words == 0 {
        app.info("No words to send to Anki yet: give words a status first (s).");
        return;
    }
    app.learning.anki_syncing = true;
    effects.push(Effect::AnkiSync);
    app.info(format!(
        "Sending {words} words to Anki ({})…",
        app.config.anki.url
    ));
}

/// The sync finished: what it did, or why it could not.
pub(super) fn synced(app: &mut App, result: Result<SyncReport, String>) {
    app.learning.anki_syncing = false;
    match result {
        Ok(report) => {
            let mut text = report.summary();
            if let Some(first) = report.failed.first() {
                text.push_str(&format!(" {}: {}", first.lemma, first.reason));
                app.error(text);
            } else {
                app.info(text);
            }
        }
        Err(e) => app.error(e),
    }
}
