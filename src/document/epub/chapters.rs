//! The chapters of the navigation by the file they point into: each spine file takes its
//! headings when it is read, so no map per file is built for a long book before its
//! first screen.

use std::collections::HashMap;

use super::nav::Point;
use crate::document::html::blocks::TocEntry;

/// One chapter of the navigation: where it points, and its heading until taken.
#[derive(Debug)]
struct Target {
    file: String,
    fragment: String,
    entry: Option<TocEntry>,
}

/// The chapters, sorted by file (in the navigation's order within a file).
#[derive(Debug)]
pub struct Chapters {
    targets: Vec<Target>,
}

impl Chapters {
    pub fn new(points: Vec<Point>) -> Chapters {
        let mut targets: Vec<Target> = points
            .into_iter()
            .map(|p| Target {
                file: p.file,
                fragment: p.fragment,
                entry: Some(TocEntry {
                    label: p.label,
                    level: p.level,
                }),
            })
            .collect();
        // Stable: the navigation's first chapter for a place stays first.
        targets.sort_by(|a, b| a.file.cmp(&b.file));
        Chapters { targets }
    }

    /// The headings of `file` by element id (`""`: its start; the navigation's first
    /// chapter for a place); none the second time a file is asked for.
    pub fn take(&mut self, file: &str) -> HashMap<String, TocEntry> {
        let start = self.targets.partition_point(|t| t.file.as_str() < file);
        let mut out = HashMap::new();
        for t in self.targets[start..]
            .iter_mut()
            .take_while(|t| t.file == file)
        {
            if let Some(entry) = t.entry.take() {
                out.entry(std::mem::take(&mut t.fragment)).or_insert(entry);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(label: &str, file: &str, fragment: &str) -> Point {
        Point {
            label: label.into(),
            level: 1,
            file: file.into(),
            fragment: fragment.into(),
        }
    }

    #[test]
    fn each_file_takes_its_chapters_once() {
        let mut c = Chapters::new(vec![
            point("Zwei", "b.xhtml", ""),
            point("Eins", "a.xhtml", ""),
            point("Abschnitt", "a.xhtml", "s1"),
            point("Doppelt", "a.xhtml", "s1"),
        ]);
        let a = c.take("a.xhtml");
        assert_eq!(a.len(), 2);
        assert_eq!(a[""].label, "Eins");
        assert_eq!(a["s1"].label, "Abschnitt");
        assert!(c.take("a.xhtml").is_empty());
        assert!(c.take("c.xhtml").is_empty());
        assert_eq!(c.take("b.xhtml")[""].label, "Zwei");
    }
}
