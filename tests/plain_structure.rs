//! Plain texts written for other purposes (a hard-wrapped handbook, indented, with
//! commands, tables, a contents list and notice labels) keep their structure.

use lesepult::document::{BlockKind, Document, Origin, parse_str};
use lesepult::layout::{Line, layout_block};

const HANDBOOK: &str = include_str!("data/texts/handbuch.txt");

fn handbook() -> Document {
    parse_str(
        HANDBOOK.to_string(),
        Origin::Bundled("handbuch"),
        "handbuch.txt",
        false,
    )
}

/// A row as it is shown: hidden bytes left out, whitespace as spaces, the wrap's hyphen.
fn shown(doc: &Document, line: &Line) -> String {
    let mut s: String = doc.text[line.range.clone()]
        .char_indices()
        .filter(|(i, _)| !line.is_hidden(line.range.start + i))
        .map(|(_, c)| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if line.hyphen {
        s.push('-');
    }
    s
}

#[test]
fn every_preformatted_row_is_its_source_line() {
    let doc = handbook();
    let mut blocks = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Code {
            continue;
        }
        blocks += 1;
        // The block's source lines, less the indentation its first line starts at.
        let line_start = doc.text[..block.text.start]
            .rfind('\n')
            .map_or(0, |n| n + 1);
        let indent = block.text.start - line_start;
        let expected: Vec<&str> = doc.text[line_start..block.text.end]
            .split('\n')
            .map(|l| &l[indent.min(l.len() - l.trim_start().len())..])
            .collect();
        let layout = layout_block(&doc, i, 80, true);
        let rows: Vec<&str> = layout
            .lines
            .iter()
            .map(|l| {
                assert!(l.hidden.is_empty() && !l.hyphen);
                &doc.text[l.range.clone()]
            })
            .collect();
        assert_eq!(rows, expected, "block {i}");
    }
    assert_eq!(blocks, 5);
}

#[test]
fn the_contents_list_has_every_section_and_no_label_caption_or_command() {
    let doc = handbook();
    let headings: Vec<&str> = doc.headings().iter().map(|&i| doc.block_text(i)).collect();
    // The numbered sections and chapters of the source: lines at the margin that start
    // with a number or "Kapitel"/"Anhang".
    let sections: Vec<&str> = HANDBOOK
        .lines()
        .filter(|l| {
            !l.starts_with(' ')
                && (l.starts_with(|c: char| c.is_ascii_digit())
                    || l.starts_with("Kapitel ")
                    || l.starts_with("Anhang "))
        })
        .collect();
    assert_eq!(sections.len(), 6);
    for s in &sections {
        assert!(headings.contains(s), "{s} is missing from {headings:?}");
    }
    for h in &headings {
        let first = h.split_whitespace().next().unwrap_or("");
        assert!(
            ![
                "Anmerkung",
                "Wichtig",
                "Tipp",
                "Warnung",
                "Tabelle",
                "$",
                "pv"
            ]
            .contains(&first),
            "{h} is no heading"
        );
    }
    assert!(headings.contains(&"Fehlerbehebung"), "the underlined title");
}

#[test]
fn paragraphs_are_reflowed_with_one_space_and_whole_words() {
    let doc = handbook();
    let mut rows = Vec::new();
    for width in [40, 80, 200] {
        for (i, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Code {
                continue;
            }
            for line in &layout_block(&doc, i, width, false).lines {
                let row = shown(&doc, line);
                assert!(!row.contains("  "), "{row:?} at {width}");
                assert!(row.chars().count() <= width, "{row:?} at {width}");
                rows.push(row);
            }
        }
    }
    let all = rows.join("\n");
    assert!(all.contains("Sie auch für nicht-root-Benutzer"), "{all}");
    assert!(all.contains("werden regelmäßig abgeglichen"), "{all}");
    assert!(all.contains("Ein Konfigurationsfehler wird"), "{all}");
    assert!(!all.contains('‐'), "the typeset hyphen is gone");
}
