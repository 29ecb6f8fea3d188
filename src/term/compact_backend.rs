//! A terminal backend that writes fewer bytes per frame.
//!
//! ratatui sends only the cells that changed; between two changed cells on a row it moves
//! the cursor (`ESC [ row ; col H`, 6 to 9 bytes). In running text the unchanged cells are
//! mostly single spaces between changed words, so a page of text costs a cursor move per
//! word. This backend remembers what the terminal shows and writes a short run of
//! unchanged cells instead of a cursor move whenever that is shorter: a page of text goes
//! out as whole lines, as `less` writes it, in fewer bytes.

use std::io;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Terminal, TerminalOptions};
use unicode_width::UnicodeWidthStr;

/// The widest run of unchanged cells written instead of a cursor move (a move takes at
/// least 6 bytes).
const MAX_FILL: u16 = 5;

/// [`CrosstermBackend`] with a copy of the screen, to fill short gaps between changes.
pub struct CompactBackend<W: io::Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows, as far as this backend wrote it; `None` while it is blank
    /// (made after the first frame is out, not before).
    shown: Option<Buffer>,
    size: Size,
    /// The cursor is known to be hidden: ratatui hides it on every frame, and saying it
    /// again would cost a second write per frame.
    cursor_hidden: bool,
}

/// What a blank screen shows in every cell.
static BLANK: Cell = Cell::EMPTY;

impl<W: io::Write> CompactBackend<W> {
    /// A backend for a blank screen of `size` (as ratatui assumes at the start).
    pub fn new(writer: W, size: Size) -> Self {
        CompactBackend {
            inner: CrosstermBackend::new(writer),
            shown: None,
            size,
            cursor_hidden: false,
        }
    }

    /// The cursor is hidden already (the caller hid it while entering the screen).
    pub fn with_cursor_hidden(mut self) -> Self {
        self.cursor_hidden = true;
        self
    }

    /// Forget what the terminal shows (after a clear, a resize or another program).
    fn forget(&mut self, size: Size) {
        self.shown = None;
        self.size = size;
    }
}

/// Display width of a cell (at least one column).
fn width_of(cell: &Cell) -> u16 {
    let symbol = cell.symbol();
    if symbol.len() == 1 {
        return 1;
    }
    u16::try_from(UnicodeWidthStr::width(symbol))
        .unwrap_or(1)
        .max(1)
}

/// The cell the terminal shows at (x, y), if it is on the screen.
fn shown_at(shown: &Option<Buffer>, size: Size, x: u16, y: u16) -> Option<&Cell> {
    match shown {
        Some(buffer) => buffer.cell(Position { x, y }),
        None => (x < size.width && y < size.height).then_some(&BLANK),
    }
}

/// Whether a shown cell can be written again as it is: one plain character of one column.
fn fillable(cell: Option<&Cell>) -> bool {
    cell.is_some_and(|cell| {
        let symbol = cell.symbol();
        !symbol.is_empty()
            && !symbol.chars().any(char::is_control)
            && UnicodeWidthStr::width(symbol) == 1
    })
}

impl<W: io::Write> CompactBackend<W> {
    /// Write the first frame on the blank screen and keep `first` as what the screen
    /// shows. Called before ratatui's terminal exists (see [`terminal_showing`]): the frame
    /// goes out without the two screen buffers that ratatui allocates and diffs.
    pub fn show_first(&mut self, first: Buffer) -> io::Result<()> {
        self.shown = None;
        self.size = first.area.as_size();
        self.write(cells_on_blank(&first))?;
        self.shown = Some(first);
        Ok(())
    }

    /// What the screen shows, if anything was drawn since the last clear.
    pub fn shown(&self) -> Option<&Buffer> {
        self.shown.as_ref()
    }

    /// Write `changed` (in screen order) and flush: the changed cells, and between two of
    /// them on a row a short run of unchanged ones (from the copy of the screen) where
    /// that is shorter than a cursor move. Streamed: nothing is collected on the way.
    fn write<'c>(&mut self, changed: impl Iterator<Item = (u16, u16, &'c Cell)>) -> io::Result<()> {
        let CompactBackend {
            inner, shown, size, ..
        } = self;
        let (shown, size) = (&*shown, *size);
        let mut end: Option<(u16, u16)> = None;
        let cells = changed.flat_map(|(x, y, cell)| {
            let gap = match end {
                Some((row, after))
                    if row == y
                        && x > after
                        && x - after <= MAX_FILL
                        && (after..x).all(|gx| fillable(shown_at(shown, size, gx, y))) =>
                {
                    after..x
                }
                _ => 0..0,
            };
            end = Some((y, x.saturating_add(width_of(cell))));
            gap.filter_map(move |gx| shown_at(shown, size, gx, y).map(|c| (gx, y, c)))
                .chain(std::iter::once((x, y, cell)))
        });
        // The backend passes what is written to it on to its writer.
        super::ansi::draw(inner, cells)?;
        inner.flush()
    }
}

/// Write `first` on the blank screen at once, then make ratatui's terminal (with its
/// buffers) and tell it that the screen shows `first`: its next frame writes only what
/// differs from it.
pub fn terminal_showing<W: io::Write>(
    mut backend: CompactBackend<W>,
    first: Buffer,
    options: TerminalOptions,
) -> io::Result<Terminal<CompactBackend<W>>> {
    backend.show_first(first)?;
    let mut terminal = Terminal::with_options(backend, options)?;
    // The backend writes nothing for this frame: the screen shows it already.
    if let Some(shown) = terminal.backend().shown().cloned()
        && shown.area == terminal.current_buffer_mut().area
    {
        *terminal.current_buffer_mut() = shown;
        terminal.apply_buffer()?;
    }
    Ok(terminal)
}

/// The cells that differ from a blank screen, as ratatui's diff against an empty buffer
/// finds them (a test compares the two), without making that empty buffer.
fn cells_on_blank(buffer: &Buffer) -> impl Iterator<Item = (u16, u16, &Cell)> {
    let cells = &buffer.content;
    let (len, width) = (cells.len(), usize::from(buffer.area.width.max(1)));
    let at = move |i: usize| {
        let (x, y) = (i % width, i / width);
        (
            buffer
                .area
                .x
                .saturating_add(u16::try_from(x).unwrap_or(u16::MAX)),
            buffer
                .area
                .y
                .saturating_add(u16::try_from(y).unwrap_or(u16::MAX)),
        )
    };
    let mut i = 0;
    // The trailing cells of an emoji still to be given out (rare).
    let mut trailing: Vec<usize> = Vec::new();
    std::iter::from_fn(move || {
        if let Some(j) = trailing.pop() {
            let (x, y) = at(j);
            return Some((x, y, &cells[j]));
        }
        while i < len {
            let (index, cell) = (i, &cells[i]);
            i += 1;
            match cell.diff_option {
                CellDiffOption::Skip => {}
                _ if is_skip(cell) => {}
                CellDiffOption::ForcedWidth(w) => {
                    i += usize::from(w.get()).saturating_sub(1);
                    if *cell != Cell::EMPTY {
                        let (x, y) = at(index);
                        return Some((x, y, cell));
                    }
                }
                CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                    if cell.diff_option == CellDiffOption::None && *cell == Cell::EMPTY {
                        continue;
                    }
                    let cell_width = usize::from(cell.cell_width());
                    if cell_width > 1 && cell.symbol().contains('\u{FE0F}') {
                        // An emoji: its trailing cells are written where they are not blank.
                        let mut end = (index + cell_width).min(len);
                        let mut j = index + 1;
                        while j < end {
                            let next = j + usize::from(cells[j].cell_width().max(1));
                            if !is_skip(&cells[j]) && cells[j].symbol() != " " {
                                trailing.push(j);
                            }
                            j = next;
                            end = end.max(j).min(len);
                        }
                        trailing.reverse();
                        i = end;
                    } else if cell_width > 1 {
                        i += cell_width - 1;
                    }
                    let (x, y) = at(index);
                    return Some((x, y, cell));
                }
            }
        }
        None
    })
}

/// Whether ratatui's diff passes over `cell`.
#[allow(deprecated)]
fn is_skip(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
        || (cell.skip && cell.diff_option == CellDiffOption::None)
}

impl<W: io::Write> Backend for CompactBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Cells the screen already shows are not written again (after the first frame,
        // ratatui's terminal believes the screen blank until it is told otherwise).
        let (shown, size) = (&self.shown, self.size);
        let changed: Vec<(u16, u16, &'a Cell)> = content
            .filter(|&(x, y, cell)| {
                cell.diff_option != CellDiffOption::None
                    || shown_at(shown, size, x, y) != Some(cell)
            })
            .collect();
        if changed.is_empty() {
            // Nothing changed: not even the style reset goes out.
            return Ok(());
        }
        // The frame goes out now; the copy of the screen is brought up to date after.
        self.write(changed.iter().copied())?;
        let shown = self
            .shown
            .get_or_insert_with(|| Buffer::empty(Rect::new(0, 0, size.width, size.height)));
        for (x, y, cell) in changed {
            if let Some(c) = shown.cell_mut(Position { x, y }) {
                *c = cell.clone();
            }
            // A wide character covers the next cells: what they show is no longer known
            // (an empty symbol is never written as a fill).
            for covered in 1..width_of(cell) {
                if let Some(c) = shown.cell_mut(Position {
                    x: x.saturating_add(covered),
                    y,
                }) {
                    c.set_symbol("");
                }
            }
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden {
            return Ok(());
        }
        self.cursor_hidden = true;
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_hidden = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        // ratatui clears after a resize: take the new size.
        let size = self.inner.size().unwrap_or(self.size);
        self.forget(size);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Part of the screen is blank now, which part is not tracked: no more filling
        // until the next full clear.
        self.shown = Some(Buffer::empty(Rect::ZERO));
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use ratatui::Viewport;
    use ratatui::widgets::{Paragraph, Widget};

    const W: u16 = 48;
    const H: u16 = 6;

    /// A writer whose bytes the test can read.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Frames of text that change word by word, with umlauts, quotes and wide characters.
    fn frames() -> Vec<&'static str> {
        vec![
            "Die Größe der „Monopole“ ist ein Problem.\nZweite Zeile mit Wörtern.\n漢字 und Text",
            "Die Grüße der „Monopole“ sind ein Problem.\nZweite Zeile ohne Wörter.\n漢字 und mehr",
            "Das Maß der Dinge.\n\nZweite Zeile mit Wörtern und mehr.\n字漢 oder Text",
            "Die Größe der „Monopole“ ist ein Problem.\nZweite Zeile mit Wörtern.\n漢字 und Text",
        ]
    }

    /// Draw every frame through one terminal: the bytes written, and the rows a terminal
    /// shows after them.
    fn run<B: Backend>(backend: B, out: &Shared) -> (usize, Vec<String>) {
        let mut t = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
            },
        )
        .expect("terminal");
        for text in frames() {
            t.draw(|f| f.render_widget(Paragraph::new(text), f.area()))
                .expect("draw");
        }
        let bytes = out.0.borrow().clone();
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(H).expect("rows"),
            std::num::NonZeroU16::new(W).expect("cols"),
            0,
        );
        parser.process(&bytes);
        let rows = parser
            .screen()
            .rows(0, W)
            .map(|r| r.trim_end().to_string())
            .collect();
        (bytes.len(), rows)
    }

    #[test]
    fn the_screen_is_the_same_and_the_bytes_fewer() {
        let plain_out = Shared::default();
        let (plain_bytes, plain_screen) = run(CrosstermBackend::new(plain_out.clone()), &plain_out);
        let compact_out = Shared::default();
        let (compact_bytes, compact_screen) = run(
            CompactBackend::new(compact_out.clone(), Size::new(W, H)),
            &compact_out,
        );
        let last: Vec<&str> = frames().last().expect("frames").lines().collect();
        assert_eq!(&plain_screen[..3], &last[..]);
        assert_eq!(compact_screen, plain_screen);
        assert!(
            compact_bytes < plain_bytes,
            "{compact_bytes} bytes, plain ratatui {plain_bytes}"
        );
    }

    #[test]
    fn an_unchanged_frame_writes_nothing() {
        let out = Shared::default();
        let backend = CompactBackend::new(out.clone(), Size::new(W, H)).with_cursor_hidden();
        let mut t = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
            },
        )
        .expect("terminal");
        let text = frames()[0];
        t.draw(|f| f.render_widget(Paragraph::new(text), f.area()))
            .expect("draw");
        let first = out.0.borrow().len();
        assert!(first > 0);
        t.draw(|f| f.render_widget(Paragraph::new(text), f.area()))
            .expect("draw");
        assert_eq!(
            out.0.borrow().len(),
            first,
            "the same frame again wrote bytes"
        );
    }

    fn words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "Größe",
            "der",
            "„Monopol“",
            "ß",
            "漢字",
            "a",
            "Wettbewerb",
            "  ",
            "über",
            "x",
        ]);
        prop::collection::vec(word, 0..40).prop_map(|w| {
            w.iter()
                .enumerate()
                .map(|(i, w)| {
                    if i % 7 == 6 {
                        format!("{w}\n")
                    } else {
                        format!("{w} ")
                    }
                })
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn any_frames_show_the_same_as_plain_ratatui(
            texts in proptest::collection::vec(words(), 1..6)
        ) {
            let draw_all = |backend_out: &Shared, compact: bool| {
                let rect = Rect::new(0, 0, W, H);
                let options = || TerminalOptions { viewport: Viewport::Fixed(rect) };
                let mut bytes = Vec::new();
                if compact {
                    let b = CompactBackend::new(backend_out.clone(), Size::new(W, H));
                    let mut t = Terminal::with_options(b, options()).expect("terminal");
                    for text in &texts {
                        t.draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
                            .expect("draw");
                    }
                } else {
                    let b = CrosstermBackend::new(backend_out.clone());
                    let mut t = Terminal::with_options(b, options()).expect("terminal");
                    for text in &texts {
                        t.draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
                            .expect("draw");
                    }
                }
                bytes.extend_from_slice(&backend_out.0.borrow());
                let mut parser = vt100::Parser::new(
                    std::num::NonZeroU16::new(H).expect("rows"),
                    std::num::NonZeroU16::new(W).expect("cols"),
                    0,
                );
                parser.process(&bytes);
                parser.screen().contents()
            };
            let plain = draw_all(&Shared::default(), false);
            let compact = draw_all(&Shared::default(), true);
            proptest::prop_assert_eq!(compact, plain);
        }
    }

    /// A buffer of cells of every kind ratatui's diff treats apart: wide characters, emoji
    /// with VS16, empty symbols, styles visible on blanks, skipped and forced cells.
    fn any_buffer() -> impl proptest::strategy::Strategy<Value = Buffer> {
        use proptest::prelude::*;
        use ratatui::style::{Color, Modifier};
        let cell = (0..8usize, 0..4usize, 0..10usize);
        prop::collection::vec(cell, usize::from(W * H)).prop_map(|cells| {
            let mut buffer = Buffer::empty(Rect::new(2, 1, W, H));
            for (cell, (symbol, style, option)) in buffer.content.iter_mut().zip(cells) {
                cell.set_symbol(["a", "ß", " ", "漢", "❤\u{fe0f}", "", "„", " "][symbol]);
                match style {
                    1 => cell.bg = Color::Red,
                    2 => cell.modifier = Modifier::REVERSED,
                    3 => cell.fg = Color::Blue,
                    _ => {}
                }
                match option {
                    0 => cell.diff_option = CellDiffOption::Skip,
                    1 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                    2 => cell.diff_option = CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN),
                    3 => {
                        #[allow(deprecated)]
                        {
                            cell.skip = true;
                        }
                    }
                    _ => {}
                }
            }
            buffer
        })
    }

    proptest::proptest! {
        #[test]
        fn the_first_frame_is_the_diff_against_a_blank_screen(buffer in any_buffer()) {
            let ours: Vec<(u16, u16, Cell)> =
                cells_on_blank(&buffer).map(|(x, y, c)| (x, y, c.clone())).collect();
            let blank = Buffer::empty(buffer.area);
            let ratatui: Vec<(u16, u16, Cell)> =
                blank.diff(&buffer).into_iter().map(|(x, y, c)| (x, y, c.clone())).collect();
            proptest::prop_assert_eq!(ours, ratatui);
        }

        #[test]
        fn a_first_frame_then_more_show_the_same_as_plain_ratatui(
            texts in proptest::collection::vec(words(), 2..5)
        ) {
            let rect = Rect::new(0, 0, W, H);
            let options = || TerminalOptions { viewport: Viewport::Fixed(rect) };
            let screen = |bytes: &[u8]| {
                let mut parser = vt100::Parser::new(
                    std::num::NonZeroU16::new(H).expect("rows"),
                    std::num::NonZeroU16::new(W).expect("cols"),
                    0,
                );
                parser.process(bytes);
                parser.screen().contents()
            };
            let plain_out = Shared::default();
            let mut plain = Terminal::with_options(CrosstermBackend::new(plain_out.clone()), options())
                .expect("terminal");
            let compact_out = Shared::default();
            let mut first = Buffer::empty(rect);
            Paragraph::new(texts[0].as_str()).render(rect, &mut first);
            let backend = CompactBackend::new(compact_out.clone(), Size::new(W, H)).with_cursor_hidden();
            let mut compact = terminal_showing(backend, first, options()).expect("terminal");
            plain.draw(|f| f.render_widget(Paragraph::new(texts[0].as_str()), f.area()))
                .expect("draw");
            let after_first = compact_out.0.borrow().len();
            proptest::prop_assert_eq!(screen(&compact_out.0.borrow()), screen(&plain_out.0.borrow()));
            // The same frame through the terminal writes nothing: it knows the screen.
            compact.draw(|f| f.render_widget(Paragraph::new(texts[0].as_str()), f.area()))
                .expect("draw");
            proptest::prop_assert_eq!(compact_out.0.borrow().len(), after_first);
            for text in &texts[1..] {
                plain.draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
                    .expect("draw");
                compact.draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
                    .expect("draw");
                proptest::prop_assert_eq!(screen(&compact_out.0.borrow()), screen(&plain_out.0.borrow()));
            }
        }
    }
}
