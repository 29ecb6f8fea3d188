//! Writing a line of text into the buffer one cell per character, where that is the same
//! as ratatui's grapheme-aware rendering (and several times cheaper): the article's rows
//! are drawn this way on every key press.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// A character that is one column wide and never joins its neighbours into a larger
/// grapheme: ASCII, Latin-1 and Latin Extended-A letters (umlauts, ß), and the general
/// punctuation of German texts („ “ ‚ ‘ – — …). Not the soft hyphen, not the zero-width
/// characters.
fn is_simple(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{17F}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}')
}

/// Draw `line` at the left of `area`'s row `y`, clipped to the area's width, as a
/// `Paragraph` of it would.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line) {
    let row = Rect::new(area.x, y, area.width, 1);
    let simple = line.spans.iter().all(|s| s.content.chars().all(is_simple));
    if !simple || line.alignment.is_some_and(|a| a != Alignment::Left) {
        Paragraph::new(line.clone()).render(row, buf);
        return;
    }
    let mut x = area.x;
    let end = area.x.saturating_add(area.width);
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            if x >= end {
                return;
            }
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_char(c).set_style(style);
            }
            x += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;

    fn lines() -> Vec<Line<'static>> {
        let term = Style::new().fg(Color::LightBlue);
        vec![
            Line::from(vec![
                Span::raw("Die „"),
                Span::styled("Leerverkäufe", term),
                Span::raw("“ – größer… "),
            ]),
            Line::from("Eine sehr lange Zeile, die breiter ist als der Bereich, in dem sie steht."),
            Line::from("Mit Wide: 漢字 und e\u{301} kombiniert"),
            Line::from(Span::styled("───", term)).alignment(Alignment::Center),
            Line::default(),
            Line::from("Weiches Tren\u{AD}nen"),
        ]
    }

    #[test]
    fn cells_are_the_same_as_a_paragraph() {
        let area = Rect::new(2, 1, 30, 6);
        let mut expected = Buffer::empty(Rect::new(0, 0, 34, 8));
        Paragraph::new(lines()).render(area, &mut expected);
        let mut fast = Buffer::empty(Rect::new(0, 0, 34, 8));
        for (i, line) in lines().iter().enumerate() {
            put_line(&mut fast, area, area.y + i as u16, line);
        }
        assert_eq!(fast, expected);
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_drawn_as_a_paragraph_draws_it(
            spans in proptest::collection::vec(
                ("[a-zäöüß „“–…漢\u{301}\u{AD}\u{200B}]{0,12}", 0u8..3),
                0..8,
            ),
            width in 1u16..20,
        ) {
            let styles = [Style::new(), Style::new().fg(Color::Red), Style::new().bold()];
            let line = Line::from(
                spans
                    .iter()
                    .map(|(t, s)| Span::styled(t.clone(), styles[usize::from(*s)]))
                    .collect::<Vec<_>>(),
            );
            let area = Rect::new(1, 0, width, 1);
            let mut expected = Buffer::empty(Rect::new(0, 0, 22, 1));
            Paragraph::new(line.clone()).render(area, &mut expected);
            let mut fast = Buffer::empty(Rect::new(0, 0, 22, 1));
            put_line(&mut fast, area, 0, &line);
            proptest::prop_assert_eq!(fast, expected);
        }
    }
}
