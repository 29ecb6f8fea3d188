//! A reader for Morfologik's CFSA2 automata, the format of LanguageTool's German
//! part-of-speech dictionaries. The automaton is read in place from its bytes (nothing is
//! decoded up front): a lookup follows the bytes of a key, then walks the sequences below.
//!
//! Layout (morfologik-fsa's `CFSA2`): the magic `\fsa`, version byte `0xC6`, two bytes of
//! flags, a label table (one length byte, then the labels), then the arcs. Each arc is one
//! flag byte (bit 7: the target is the next node, bit 6: last arc of its node, bit 5: a
//! sequence ends here; the low five bits index the label table, 0 meaning an explicit label
//! byte follows), then, unless bit 7 is set, the target node's address as a variable-length
//! integer (seven bits a byte, least significant first).

/// A CFSA2 file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FsaError {
    #[error("not a CFSA2 automaton (bad header)")]
    BadHeader,
    #[error("the automaton is cut short at byte {0}")]
    Truncated(usize),
    #[error("the automaton has arc numbers, which this reader does not support")]
    Numbers,
}

const TARGET_NEXT: u8 = 1 << 7;
const LAST_ARC: u8 = 1 << 6;
const FINAL_ARC: u8 = 1 << 5;
const LABEL_MASK: u8 = 0x1f;
/// FSA flag: arcs carry counts (perfect hashing).
const FLAG_NUMBERS: u16 = 1 << 8;

/// A read-only automaton over borrowed bytes.
#[derive(Debug, Clone, Copy)]
pub struct Fsa<'a> {
    labels: &'a [u8],
    arcs: &'a [u8],
    root: usize,
}

impl<'a> Fsa<'a> {
    /// Check the header and find the root node.
    pub fn new(bytes: &'a [u8]) -> Result<Fsa<'a>, FsaError> {
        if bytes.len() < 8 || &bytes[..4] != b"\\fsa" || bytes[4] != 0xc6 {
            return Err(FsaError::BadHeader);
        }
        let flags = u16::from_be_bytes([bytes[5], bytes[6]]);
        if flags & FLAG_NUMBERS != 0 {
            return Err(FsaError::Numbers);
        }
        let n = usize::from(bytes[7]);
        let labels = bytes
            .get(8..8 + n)
            .ok_or(FsaError::Truncated(bytes.len()))?;
        let arcs = &bytes[8 + n..];
        let mut fsa = Fsa {
            labels,
            arcs,
            root: 0,
        };
        // Node 0 is a dummy; its first arc leads to the root.
        fsa.root = fsa.target(0)?;
        Ok(fsa)
    }

    fn byte(&self, at: usize) -> Result<u8, FsaError> {
        self.arcs.get(at).copied().ok_or(FsaError::Truncated(at))
    }

    fn label(&self, arc: usize) -> Result<u8, FsaError> {
        let index = self.byte(arc)? & LABEL_MASK;
        if index == 0 {
            self.byte(arc + 1)
        } else {
            self.labels
                .get(usize::from(index))
                .copied()
                .ok_or(FsaError::BadHeader)
        }
    }

    fn is_last(&self, arc: usize) -> Result<bool, FsaError> {
        Ok(self.byte(arc)? & LAST_ARC != 0)
    }

    fn is_final(&self, arc: usize) -> Result<bool, FsaError> {
        Ok(self.byte(arc)? & FINAL_ARC != 0)
    }

    fn read_vint(&self, mut at: usize) -> Result<usize, FsaError> {
        let mut value = 0usize;
        let mut shift = 0u32;
        loop {
            let b = self.byte(at)?;
            if shift > 28 {
                return Err(FsaError::Truncated(at));
            }
            value |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            at += 1;
        }
    }

    fn skip_arc(&self, mut at: usize) -> Result<usize, FsaError> {
        let flags = self.byte(at)?;
        at += 1;
        if flags & LABEL_MASK == 0 {
            at += 1;
        }
        if flags & TARGET_NEXT == 0 {
            while self.byte(at)? & 0x80 != 0 {
                at += 1;
            }
            at += 1;
        }
        Ok(at)
    }

    /// The node an arc leads to (0: none).
    fn target(&self, arc: usize) -> Result<usize, FsaError> {
        let flags = self.byte(arc)?;
        if flags & TARGET_NEXT != 0 {
            let mut a = arc;
            while !self.is_last(a)? {
                a = self.skip_arc(a)?;
            }
            self.skip_arc(a)
        } else {
            self.read_vint(arc + if flags & LABEL_MASK == 0 { 2 } else { 1 })
        }
    }

    /// The arc of `node` with `label`.
    fn arc(&self, node: usize, label: u8) -> Result<Option<usize>, FsaError> {
        let mut a = node;
        loop {
            if self.label(a)? == label {
                return Ok(Some(a));
            }
            if self.is_last(a)? {
                return Ok(None);
            }
            a = self.skip_arc(a)?;
        }
    }

    /// Every sequence that starts with `prefix`, without the prefix, in the automaton's
    /// order; at most `limit` of them.
    pub fn completions(&self, prefix: &[u8], limit: usize) -> Result<Vec<Vec<u8>>, FsaError> {
        let mut node = self.root;
        let mut out = Vec::new();
        for (i, &b) in prefix.iter().enumerate() {
            let Some(arc) = self.arc(node, b)? else {
                return Ok(out);
            };
            if i + 1 == prefix.len() && self.is_final(arc)? {
                out.push(Vec::new());
            }
            node = self.target(arc)?;
            if node == 0 {
                return Ok(out);
            }
        }
        // Depth first, in arc order.
        let mut stack: Vec<(usize, usize)> = vec![(node, 0)];
        let mut path: Vec<u8> = Vec::new();
        while let Some((arc, depth)) = stack.pop() {
            path.truncate(depth);
            path.push(self.label(arc)?);
            if !self.is_last(arc)? {
                stack.push((self.skip_arc(arc)?, depth));
            }
            if self.is_final(arc)? {
                out.push(path.clone());
                if out.len() >= limit {
                    break;
                }
            }
            let next = self.target(arc)?;
            if next != 0 {
                stack.push((next, depth + 1));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_header_is_an_error() {
        assert_eq!(Fsa::new(b"not an fsa").err(), Some(FsaError::BadHeader));
        assert!(matches!(
            Fsa::new(b"\\fsa\xc6\x00\x07\x20"),
            Err(FsaError::Truncated(_))
        ));
    }
}
