//! Footnotes of a book: `Enter` with the word cursor on a reference (`[1]`) shows the
//! note, and `Enter` in the note goes back to the reference.

use super::App;
use super::cursor::WordCursor;
use crate::document::word_ranges;
use crate::layout::Anchor;

/// Follow the footnote reference under the word cursor, or return from its note; whether
/// it did (else `Enter` looks the word up).
pub fn follow(app: &mut App) -> bool {
    let Some(c) = app.cursor.clone() else {
        return false;
    };
    if let Some((note, from)) = app.note_return.clone()
        && c.block == note
    {
        app.note_return = None;
        show(app, from.block);
        app.cursor = Some(from);
        app.info("Back at the footnote reference.");
        return true;
    }
    let Some(note) = app.doc.note_at(c.range.start) else {
        return false;
    };
    show(app, note);
    let base = app.doc.blocks.get(note).map_or(0, |b| b.text.start);
    app.cursor = word_ranges(app.doc.block_text(note))
        .first()
        .map(|r| WordCursor {
            block: note,
            range: base + r.start..base + r.end,
        });
    app.note_return = Some((note, c));
    app.info("The footnote. Enter goes back to the reference.");
    true
}

/// Block `block` on the top row.
fn show(app: &mut App, block: usize) {
    app.go_to_anchor(Anchor { block, offset: 0 });
}
