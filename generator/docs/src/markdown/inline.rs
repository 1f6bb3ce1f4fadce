//! Inline text under construction: plain text with markup removed, links, code spans and
//! strong runs, each with offsets.

use super::Inline;

/// Inline collector for the innermost open paragraph, heading or cell.
#[derive(Default)]
pub(super) struct InlineBuf {
    pub(super) inline: Inline,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) link_stack: Vec<(String, usize, usize)>,
    pub(super) strong_start: Option<usize>,
    /// A white-space run is pending (written before the next word).
    pub(super) space: bool,
}

impl InlineBuf {
    pub(super) fn new(start: usize, end: usize) -> InlineBuf {
        // the source range bounds the text: reserve it once instead of growing
        let inline =
            Inline { text: String::with_capacity(end.saturating_sub(start).min(16 * 1024)), ..Inline::default() };
        InlineBuf { start, end, inline, ..InlineBuf::default() }
    }

    /// Appends text with white-space runs collapsed to one space (none at the start).
    pub(super) fn push_text(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let ws = ws_len(s, i);
            if ws > 0 {
                self.space = true;
                i += ws;
                continue;
            }
            // a run of words separated by single ASCII spaces, copied at once
            let start = i;
            loop {
                while let Some(&b) = bytes.get(i) {
                    match BYTE_CLASS[b as usize] {
                        WORD => i += 1,
                        SPACE => break,
                        _ => match ws_len(s, i) {
                            0 => i += s.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8),
                            _ => break,
                        },
                    }
                }
                let next_is_word = bytes.get(i + 1).is_some_and(|&b| BYTE_CLASS[b as usize] == WORD);
                if bytes.get(i) == Some(&b' ') && next_is_word {
                    i += 1;
                } else {
                    break;
                }
            }
            if self.space && !self.inline.text.is_empty() {
                self.inline.text.push(' ');
            }
            self.space = false;
            self.inline.text.push_str(s.get(start..i).unwrap_or(""));
        }
    }

    /// Position where the next pushed word starts (after a pending space).
    pub(super) fn next_pos(&mut self) -> usize {
        if self.space && !self.inline.text.is_empty() {
            self.inline.text.push(' ');
        }
        self.space = false;
        self.inline.text.len()
    }
}

/// Byte classes for [`InlineBuf::push_text`]: ASCII word byte, ASCII white space, non-ASCII.
const WORD: u8 = 0;
const SPACE: u8 = 1;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = if matches!(b as u8, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) { SPACE } else { WORD };
        b += 1;
    }
    t
};

/// Length of the white-space character at byte `i` of `s` (0 when it is none; zero-width
/// spaces count as white space).
pub(super) fn ws_len(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        None => 0,
        Some(&b) => match BYTE_CLASS[b as usize] {
            WORD => 0,
            SPACE => 1,
            _ => s.get(i..).and_then(|r| r.chars().next()).map_or(1, |c| {
                if c.is_whitespace() || c == '\u{200b}' {
                    c.len_utf8()
                } else {
                    0
                }
            }),
        },
    }
}
