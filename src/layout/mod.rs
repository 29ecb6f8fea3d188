//! Turning blocks into screen rows: wrapping by display width, optional German
//! hyphenation, a cache per (block, width), and the viewport. No terminal types here.

mod cache;
mod hyphenate;
mod shape;
mod viewport;
mod wrap;

pub use cache::{BlockLayout, LayoutCache, layout_block};
pub use hyphenate::german_splitter;
pub use shape::{BlockShape, list_marker, shape_of};
pub use viewport::{Anchor, Position};
pub use wrap::{LINE_SEPARATOR, Line, wrap_text, wrap_text_joined};
