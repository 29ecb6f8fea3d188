//! Where each pane goes for a terminal size: a pure function of the size and the view.

use ratatui::layout::Rect;

use super::action::PaneId;
use crate::config::LayoutConfig;

/// Smallest size that shows the panes; anything smaller says "terminal too small".
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

/// What the user asked to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub show_glossary: bool,
    pub show_notes: bool,
    pub zoom: bool,
    pub focus: PaneId,
}

/// The screen areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub article: Rect,
    pub glossary: Option<Rect>,
    pub notes: Option<Rect>,
    /// The one-line tab bar of a narrow terminal.
    pub tabs: Option<Rect>,
    pub status: Rect,
    /// The column band of the text inside the article pane.
    pub text: Rect,
    pub too_small: bool,
    pub narrow: bool,
}

impl Panes {
    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<PaneId> {
        let hit = |r: &Rect| {
            column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
        };
        if hit(&self.article) {
            Some(PaneId::Article)
        } else if self.glossary.as_ref().is_some_and(hit) {
            Some(PaneId::Glossary)
        } else if self.notes.as_ref().is_some_and(hit) {
            Some(PaneId::Notes)
        } else {
            None
        }
    }

    /// The side pane named by a click on the tab bar.
    pub fn tab_at(&self, column: u16, row: u16) -> Option<PaneId> {
        let tabs = self.tabs?;
        if row != tabs.y || column < tabs.x {
            return None;
        }
        let (glossary, _) = tab_labels();
        if usize::from(column - tabs.x) < glossary.chars().count() + 1 {
            Some(PaneId::Glossary)
        } else {
            Some(PaneId::Notes)
        }
    }
}

/// The labels of the tab bar.
pub fn tab_labels() -> (&'static str, &'static str) {
    (" Glossary ", " Notes ")
}

/// Compute the panes for a terminal of `width` x `height`.
pub fn compute(width: u16, height: u16, view: View, cfg: &LayoutConfig, max_text: usize) -> Panes {
    let area = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Panes {
            article: area,
            status: area,
            too_small: true,
            ..Panes::default()
        };
    }
    let status = Rect::new(0, height - 1, width, 1);
    let main = Rect::new(0, 0, width, height - 1);
    let sides = !view.zoom && (view.show_glossary || view.show_notes);
    let narrow = width < cfg.narrow_below;
    let mut panes = Panes {
        status,
        narrow,
        ..Panes::default()
    };
    if !sides {
        panes.article = main;
    } else if narrow {
        let tabs = Rect::new(0, main.height - 1, width, 1);
        let above = Rect::new(0, 0, width, main.height - 1);
        panes.tabs = Some(tabs);
        let side_focused = matches!(view.focus, PaneId::Glossary | PaneId::Notes);
        if side_focused && above.height >= 8 {
            let side_h = (above.height * 2 / 5).max(4);
            panes.article = Rect::new(0, 0, width, above.height - side_h);
            let side = Rect::new(0, above.height - side_h, width, side_h);
            match view.focus {
                PaneId::Glossary if view.show_glossary => panes.glossary = Some(side),
                PaneId::Notes if view.show_notes => panes.notes = Some(side),
                _ => panes.article = above,
            }
        } else {
            panes.article = above;
        }
    } else {
        let article_w = (u32::from(width) * u32::from(cfg.article_percent) / 100) as u16;
        panes.article = Rect::new(0, 0, article_w, main.height);
        let side = Rect::new(article_w, 0, width - article_w, main.height);
        match (view.show_glossary, view.show_notes) {
            (true, true) => {
                let g = (u32::from(side.height) * u32::from(cfg.glossary_percent) / 100) as u16;
                panes.glossary = Some(Rect::new(side.x, 0, side.width, g));
                panes.notes = Some(Rect::new(side.x, g, side.width, side.height - g));
            }
            (true, false) => panes.glossary = Some(side),
            (false, true) => panes.notes = Some(side),
            (false, false) => {}
        }
    }
    panes.text = text_area(panes.article, max_text);
    panes
}

/// Inside the border, a two-column margin on the left (for note markers) and one on the
/// right, at most `max_text` wide, centred.
fn text_area(article: Rect, max_text: usize) -> Rect {
    let inner_w = article.width.saturating_sub(5);
    let w = inner_w.min(u16::try_from(max_text).unwrap_or(u16::MAX));
    let x = article.x + 3 + (inner_w - w) / 2;
    Rect::new(x, article.y + 1, w, article.height.saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> LayoutConfig {
        LayoutConfig {
            article_percent: 60,
            glossary_percent: 50,
            narrow_below: 100,
        }
    }

    fn view() -> View {
        View {
            show_glossary: true,
            show_notes: true,
            zoom: false,
            focus: PaneId::Article,
        }
    }

    #[test]
    fn wide_terminal_has_three_panes() {
        let p = compute(120, 40, view(), &cfg(), 80);
        assert_eq!(p.article.width, 72);
        assert!(p.glossary.is_some() && p.notes.is_some() && p.tabs.is_none());
        assert!(p.text.width <= 80 && p.text.x > p.article.x);
        assert_eq!(p.pane_at(100, 5), Some(PaneId::Glossary));
        assert_eq!(p.pane_at(100, 35), Some(PaneId::Notes));
    }

    #[test]
    fn narrow_terminal_collapses_to_tabs() {
        let p = compute(80, 24, view(), &cfg(), 80);
        assert!(p.narrow && p.tabs.is_some() && p.glossary.is_none());
        let focused = compute(
            80,
            24,
            View {
                focus: PaneId::Notes,
                ..view()
            },
            &cfg(),
            80,
        );
        assert!(focused.notes.is_some());
        assert!(focused.article.height < p.article.height);
    }

    #[test]
    fn every_size_computes() {
        for w in 0..130 {
            for h in 0..45 {
                let p = compute(w, h, view(), &cfg(), 80);
                assert!(p.article.width <= w.max(1) && p.status.y < h.max(1) || p.too_small);
            }
        }
    }
}
