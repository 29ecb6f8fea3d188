//! Entering and leaving the terminal's raw mode and alternate screen, in one place:
//! restored on quit, on panic (before the message is printed) and on SIGTERM / SIGHUP.

use std::io::{self, BufWriter, Stdout, Write};

use super::compact_backend::{CompactBackend, terminal_showing};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::buffer::Buffer;
use ratatui::{Terminal, TerminalOptions};

/// Frames go out through one buffer, flushed once per frame: a frame is one `write`, so a
/// terminal never shows half of one (stdout alone flushes every 1 KB).
pub type Tui = Terminal<CompactBackend<BufWriter<Stdout>>>;

/// Big enough for a full frame of a large terminal with colours.
const FRAME_BUFFER: usize = 1 << 18;

/// Put the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// The terminal in raw mode; restored when dropped.
pub struct TerminalGuard {
    pub terminal: Tui,
}

impl TerminalGuard {
    /// Enter raw mode, the alternate screen and mouse capture, and install a panic hook
    /// that restores the terminal before the panic message is printed. `first` is the
    /// first frame: it goes out with the escape codes, in one write, before ratatui's
    /// terminal is made.
    pub fn enter(first: Buffer) -> io::Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        let entered = Self::show(first);
        if entered.is_err() {
            restore();
        }
        entered
    }

    fn show(first: Buffer) -> io::Result<TerminalGuard> {
        // Queued, not written: they go out with the first frame, in one write.
        let mut out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
        queue!(
            out,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        let backend = CompactBackend::new(out, first.area.as_size()).with_cursor_hidden();
        let terminal = terminal_showing(backend, first, TerminalOptions::default())?;
        Ok(TerminalGuard { terminal })
    }
}

impl TerminalGuard {
    /// Hand the terminal to another program (an editor).
    pub fn suspend(&mut self) {
        let _ = ratatui::backend::Backend::flush(self.terminal.backend_mut());
        restore();
    }

    /// Take the terminal back; the next frame is drawn in full.
    ///
    /// `Terminal::clear` would ask the terminal for the cursor position, which not every
    /// terminal answers; instead one frame of hidden blanks is drawn, so that every cell of
    /// the next frame differs from it and is written.
    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            cursor::Hide,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        self.terminal
            .draw(|frame| {
                let area = frame.area();
                let hidden =
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::HIDDEN);
                frame.buffer_mut().set_style(area, hidden);
            })
            .map(|_| ())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = ratatui::backend::Backend::flush(self.terminal.backend_mut());
        restore();
    }
}
