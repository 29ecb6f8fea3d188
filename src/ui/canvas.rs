//! Where a screen is drawn: a cell buffer, the terminal frame's or one of its own.
//!
//! The panes draw on a [`Canvas`] rather than on ratatui's `Frame`, so that the first
//! frame can be drawn before ratatui's terminal (and its two screen buffers) exists.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// A buffer to draw the screen on.
pub struct Canvas<'a> {
    buffer: &'a mut Buffer,
}

impl<'a> Canvas<'a> {
    pub fn new(buffer: &'a mut Buffer) -> Self {
        Canvas { buffer }
    }

    /// The whole screen.
    pub fn area(&self) -> Rect {
        self.buffer.area
    }

    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.buffer
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buffer);
    }
}
