//! A lexer for JSON as the docs write it: annotations with typographic quotes and raw line
//! breaks in strings, example bodies with comments and `...` elisions, JSON
//! representations with placeholders. It cuts any text into tokens (strings, punctuation,
//! white space, comments, elisions and bare words) without judging them, and never fails:
//! the tokens, put back together, are the text.
//!
//! What ends a string, and whether comments and elisions are tokens at all, differs between
//! the readers, so it is an [`Options`] value; the repairs and scans built on the tokens
//! live with their readers (`annotation`, `extract::api::json_body`, `extract::json_repr`).

/// What the lexer treats as JSON-ish syntax beyond strict JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `“` and `”` open and close strings as `"` does (any of the three closes any).
    pub typographic_quotes: bool,
    /// What a raw line break inside a string does.
    pub line_break: LineBreak,
    /// `//` starts a comment to the end of the line (the line break is not part of it).
    pub line_comments: bool,
    /// `/*` starts a comment through the next `*/` (or the end of the text).
    pub block_comments: bool,
    /// A run of two or more dots, and `…`, are elisions.
    pub elisions: bool,
}

/// What a raw (unescaped) `\n` inside a string does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LineBreak {
    /// It is part of the string.
    #[default]
    InString,
    /// It ends the string; the line break itself is the next token.
    Ends,
    /// It ends the string when the string's last character so far is a `,` (raw `\r`s
    /// aside, an escaped `,` too): `"text,` at the end of a line lost its closing quote. The
    /// comma, and the line break after it, belong to the token but not to the content.
    /// Otherwise it is part of the string.
    EndsAfterComma,
}

/// One token: its kind, its text (a slice of the input) and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind<'a>,
    pub text: &'a str,
    /// Byte offset of the token in the input.
    pub start: usize,
    /// How many `{` and `[` are open around the token (brackets are never part of their
    /// own depth: an opening and its closing one stand at the same depth).
    pub depth: usize,
}

impl Token<'_> {
    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    Str(Str<'a>),
    /// One of `{ } [ ] : ,`.
    Punct(char),
    /// A run of white space (outside strings).
    Space,
    /// A `//` or `/* */` comment, with its delimiters.
    Comment,
    /// `..`, `...` (any run of dots from two) or one `…`.
    Elision,
    /// Anything else up to the next token: numbers, `true`, bare names, stray characters.
    Word,
}

/// A string token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str<'a> {
    /// The opening quote: `"`, or `“`/`”` with [`Options::typographic_quotes`].
    pub open: char,
    /// The text between the quotes, escapes as written; without the comma of
    /// [`StrEnd::CommaLineBreak`].
    pub content: &'a str,
    pub end: StrEnd,
}

/// How a string ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrEnd {
    /// At this closing quote.
    Quote(char),
    /// At a raw line break ([`LineBreak::Ends`]), which is not part of the token.
    LineBreak,
    /// At a `,` before a raw line break ([`LineBreak::EndsAfterComma`]).
    CommaLineBreak,
    /// At the end of the text, unclosed.
    Eof,
}

/// A piece of a string's content: an escape as written, or one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A backslash and the character after it (just the backslash where the content ends
    /// first: at the end of the text, or before the comma it escapes in
    /// [`StrEnd::CommaLineBreak`]).
    Escape(&'a str),
    Char(char),
}

impl<'a> Str<'a> {
    /// The content's escapes and characters, in order.
    pub fn pieces(&self) -> impl Iterator<Item = Piece<'a>> {
        let mut rest = self.content;
        std::iter::from_fn(move || {
            let (piece, len) = piece(rest)?;
            rest = rest.get(len..).unwrap_or("");
            Some(piece)
        })
    }
}

/// The first piece of `s` and its length in bytes.
fn piece(s: &str) -> Option<(Piece<'_>, usize)> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if c != '\\' {
        return Some((Piece::Char(c), c.len_utf8()));
    }
    let len = 1 + chars.next().map_or(0, char::len_utf8);
    Some((Piece::Escape(s.get(..len).unwrap_or(s)), len))
}

/// Byte offset of the first character of `s` for which `stop` holds (given the character
/// and the rest of `s` from it), trying only the ASCII characters that `candidate` accepts
/// and all others: most of the text is ASCII, and a byte is quicker to test than a character.
fn scan(s: &str, candidate: impl Fn(u8) -> bool, stop: impl Fn(char, &str) -> bool) -> Option<usize> {
    s.bytes().enumerate().position(|(i, b)| {
        // bytes from 0x80 to 0xbf continue a character
        let worth = if b.is_ascii() { candidate(b) } else { b >= 0xc0 };
        worth && s.get(i..).is_some_and(|r| r.chars().next().is_some_and(|c| stop(c, r)))
    })
}

/// The tokens of `text`.
pub fn tokens(text: &str, options: Options) -> Lexer<'_> {
    Lexer { text, pos: 0, depth: 0, options }
}

/// The token iterator; clone it to look ahead.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    options: Options,
}

/// What the text at a position starts, before its length is known.
enum Start {
    Quote(char),
    Punct(char),
    Space,
    LineComment,
    BlockComment,
    Dots,
    Ellipsis,
}

impl<'a> Lexer<'a> {
    /// The next token that is not white space or a comment, without consuming anything.
    pub fn peek_significant(&self) -> Option<Token<'a>> {
        self.clone().find(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
    }

    fn is_quote(&self, c: char) -> bool {
        c == '"' || (self.options.typographic_quotes && matches!(c, '\u{201c}' | '\u{201d}'))
    }

    /// What starts at the beginning of `rest`, whose first character is `c`; `None` for a
    /// word character.
    fn start(&self, c: char, rest: &str) -> Option<Start> {
        let o = &self.options;
        Some(match c {
            c if self.is_quote(c) => Start::Quote(c),
            '{' | '}' | '[' | ']' | ':' | ',' => Start::Punct(c),
            c if c.is_whitespace() => Start::Space,
            '/' if o.line_comments && rest.starts_with("//") => Start::LineComment,
            '/' if o.block_comments && rest.starts_with("/*") => Start::BlockComment,
            '.' if o.elisions && rest.starts_with("..") => Start::Dots,
            '\u{2026}' if o.elisions => Start::Ellipsis,
            _ => return None,
        })
    }

    /// The kind and byte length of the token at the beginning of `rest` (never 0 for a
    /// non-empty `rest`).
    fn lex(&self, rest: &'a str) -> (Kind<'a>, usize) {
        let run = |keep: fn(char) -> bool| rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
        let Some(first) = rest.chars().next() else { return (Kind::Word, 0) };
        match self.start(first, rest) {
            Some(Start::Quote(q)) => self.string(rest, q),
            Some(Start::Punct(c)) => (Kind::Punct(c), 1),
            Some(Start::Space) => (Kind::Space, run(char::is_whitespace)),
            Some(Start::LineComment) => (Kind::Comment, rest.find('\n').unwrap_or(rest.len())),
            Some(Start::BlockComment) => {
                let len = rest.get(2..).and_then(|r| r.find("*/")).map_or(rest.len(), |i| i + 4);
                (Kind::Comment, len)
            }
            Some(Start::Dots) => (Kind::Elision, run(|c| c == '.')),
            Some(Start::Ellipsis) => (Kind::Elision, '\u{2026}'.len_utf8()),
            None => {
                let may_start = |b: u8| matches!(b, b'"' | b'{' | b'}' | b'[' | b']' | b':' | b',' | b'/' | b'.');
                let skip = first.len_utf8();
                let len = scan(
                    rest.get(skip..).unwrap_or(""),
                    |b| may_start(b) || char::from(b).is_whitespace(),
                    |c, r| self.start(c, r).is_some(),
                )
                .map_or(rest.len(), |i| i + skip);
                (Kind::Word, len)
            }
        }
    }

    /// The string opened by `open` at the beginning of `rest`.
    fn string(&self, rest: &'a str, open: char) -> (Kind<'a>, usize) {
        let head = open.len_utf8();
        let body = rest.get(head..).unwrap_or("");
        let token = |content: &'a str, end| Kind::Str(Str { open, content, end });
        // where the last character so far is a comma: for `EndsAfterComma`
        let mut comma_at: Option<usize> = None;
        let mut at = 0;
        loop {
            // characters that neither end the string nor are a comma or a CR go by in a run
            let special = |b: u8| matches!(b, b'"' | b'\\' | b'\n' | b'\r' | b',');
            let stop = |c: char, _: &str| self.is_quote(c) || matches!(c, '\\' | '\n' | '\r' | ',');
            let plain = body.get(at..).and_then(|r| scan(r, special, stop));
            match plain {
                Some(0) => {}
                Some(n) => {
                    at += n;
                    comma_at = None;
                }
                None => break,
            }
            let Some((p, len)) = body.get(at..).and_then(piece) else { break };
            match p {
                Piece::Char(c) if self.is_quote(c) => {
                    return (token(body.get(..at).unwrap_or(body), StrEnd::Quote(c)), head + at + len);
                }
                Piece::Char('\n') => match (self.options.line_break, comma_at) {
                    (LineBreak::Ends, _) => {
                        return (token(body.get(..at).unwrap_or(body), StrEnd::LineBreak), head + at)
                    }
                    (LineBreak::EndsAfterComma, Some(comma)) => {
                        return (token(body.get(..comma).unwrap_or(body), StrEnd::CommaLineBreak), head + at + len);
                    }
                    _ => comma_at = None,
                },
                Piece::Char('\r') => {}
                Piece::Char(c) => comma_at = (c == ',').then_some(at),
                Piece::Escape(e) => comma_at = e.ends_with(',').then_some(at + 1),
            }
            at += len;
        }
        (token(body, StrEnd::Eof), rest.len())
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let (kind, len) = self.lex(rest);
        let len = len.clamp(1, rest.len());
        let text = rest.get(..len).unwrap_or(rest);
        let start = self.pos;
        self.pos += text.len();
        let depth = match kind {
            Kind::Punct('{' | '[') => {
                self.depth += 1;
                self.depth - 1
            }
            Kind::Punct('}' | ']') => {
                self.depth = self.depth.saturating_sub(1);
                self.depth
            }
            _ => self.depth,
        };
        Some(Token { kind, text, start, depth })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reader's options at once, and none.
    const ALL: Options = Options {
        typographic_quotes: true,
        line_break: LineBreak::InString,
        line_comments: true,
        block_comments: true,
        elisions: true,
    };
    const STRICT: Options = Options {
        typographic_quotes: false,
        line_break: LineBreak::InString,
        line_comments: false,
        block_comments: false,
        elisions: false,
    };

    /// A short name per token, for comparing whole token lists.
    fn names(text: &str, options: Options) -> Vec<String> {
        tokens(text, options)
            .map(|t| match t.kind {
                Kind::Str(s) => format!("str({})", s.content),
                Kind::Punct(c) => c.to_string(),
                Kind::Space => "_".into(),
                Kind::Comment => format!("comment({})", t.text),
                Kind::Elision => "elision".into(),
                Kind::Word => format!("word({})", t.text),
            })
            .collect()
    }

    fn only_string(text: &str, options: Options) -> Str<'_> {
        match tokens(text, options).next().map(|t| t.kind) {
            Some(Kind::Str(s)) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn strict_json_is_cut_into_punctuation_strings_and_words() {
        assert_eq!(
            names("{\"a\": [1, true]}", STRICT),
            ["{", "str(a)", ":", "_", "[", "word(1)", ",", "_", "word(true)", "]", "}"]
        );
    }

    #[test]
    fn depth_counts_the_brackets_around_a_token() {
        let depths: Vec<(&str, usize)> = tokens("{\"k\": [\"v\"]}", STRICT).map(|t| (t.text, t.depth)).collect();
        assert_eq!(depths, [("{", 0), ("\"k\"", 1), (":", 1), (" ", 1), ("[", 1), ("\"v\"", 2), ("]", 1), ("}", 0)]);
        // more closing than opening brackets stay at depth 0
        assert!(tokens("]]}\"x\"", STRICT).all(|t| t.depth == 0));
    }

    #[test]
    fn an_escaped_quote_does_not_close_the_string() {
        let s = only_string(r#""say \"hi\"" tail"#, STRICT);
        assert_eq!((s.content, s.end), (r#"say \"hi\""#, StrEnd::Quote('"')));
        let pieces: Vec<Piece> = s.pieces().collect();
        assert_eq!(pieces.get(4), Some(&Piece::Escape("\\\"")));
        assert_eq!(pieces.len(), 8);
    }

    #[test]
    fn typographic_quotes_are_quotes_only_when_asked() {
        let on = Options { typographic_quotes: true, ..STRICT };
        let s = only_string("\u{201c}name\u{201d}: 1", on);
        assert_eq!((s.open, s.content, s.end), ('\u{201c}', "name", StrEnd::Quote('\u{201d}')));
        // mixed quotes close each other
        assert_eq!(only_string("\"a\u{201c}", on).end, StrEnd::Quote('\u{201c}'));
        assert_eq!(names("\u{201c}name\u{201d}", STRICT), ["word(\u{201c}name\u{201d})"]);
    }

    #[test]
    fn a_raw_line_break_is_kept_ended_on_or_ended_after_a_comma() {
        let text = "\"one\ntwo\"";
        assert_eq!(only_string(text, STRICT).content, "one\ntwo");
        let ends = Options { line_break: LineBreak::Ends, ..STRICT };
        assert_eq!(names(text, ends), ["str(one)", "_", "word(two)", "str()"]);
        assert_eq!(only_string(text, ends).end, StrEnd::LineBreak);

        let comma = Options { line_break: LineBreak::EndsAfterComma, ..STRICT };
        // no comma before the break: the break is content
        assert_eq!(only_string(text, comma).content, "one\ntwo");
        // `"half,` at a line's end: the token takes the comma and the break
        let t = tokens("\"half,\r\n\"next\"", comma).next();
        assert_eq!(t.map(|t| t.text), Some("\"half,\r\n"));
        let s = only_string("\"half,\r\n\"next\"", comma);
        assert_eq!((s.content, s.end), ("half", StrEnd::CommaLineBreak));
        // an escaped comma counts, and stays in the content without its comma
        assert_eq!(only_string("\"a\\,\n", comma).content, "a\\");
        // a comma earlier on the line does not
        assert_eq!(only_string("\"a, b\nc\"", comma).end, StrEnd::Quote('"'));
    }

    #[test]
    fn unclosed_strings_run_to_the_end() {
        let s = only_string("\"abc", STRICT);
        assert_eq!((s.content, s.end), ("abc", StrEnd::Eof));
        let s = only_string("\"abc\\", STRICT);
        assert_eq!(s.pieces().last(), Some(Piece::Escape("\\")));
        // an escaped line break does not end a string even where breaks do
        let ends = Options { line_break: LineBreak::Ends, ..STRICT };
        assert_eq!(only_string("\"a\\\nb\"", ends).end, StrEnd::Quote('"'));
    }

    #[test]
    fn comments_are_tokens_only_when_asked() {
        assert_eq!(
            names("1 // two \"x\"\n/* three */4", ALL),
            ["word(1)", "_", "comment(// two \"x\")", "_", "comment(/* three */)", "word(4)"]
        );
        assert_eq!(names("/* open", ALL), ["comment(/* open)"]);
        // `/*/` does not close itself
        assert_eq!(names("/*/ x", ALL), ["comment(/*/ x)"]);
        assert_eq!(names("a//b", STRICT), ["word(a//b)"]);
        let line_only = Options { line_comments: true, ..STRICT };
        assert_eq!(names("/* x */", line_only), ["word(/*)", "_", "word(x)", "_", "word(*/)"]);
        // inside a string nothing is a comment
        assert_eq!(names("\"http://x\"", ALL), ["str(http://x)"]);
    }

    #[test]
    fn runs_of_dots_and_ellipses_are_elisions() {
        assert_eq!(names("[1.5, ...]", ALL), ["[", "word(1.5)", ",", "_", "elision", "]"]);
        assert_eq!(names("x..\u{2026}", ALL), ["word(x)", "elision", "elision"]);
        assert_eq!(names("[...]", STRICT), ["[", "word(...)", "]"]);
    }

    #[test]
    fn words_end_where_a_token_starts_whatever_their_characters() {
        assert_eq!(names("é1:ü", STRICT), ["word(é1)", ":", "word(ü)"]);
        // a no-break space is white space; a dash is not
        assert_eq!(names("a\u{a0}b\u{2013}c", STRICT), ["word(a)", "_", "word(b\u{2013}c)"]);
        // a lone dot or slash stays in its word where elisions and comments are on
        assert_eq!(names("1.5/2", ALL), ["word(1.5/2)"]);
    }

    #[test]
    fn peeking_skips_space_and_comments_and_consumes_nothing() {
        let mut lexer = tokens(", /* c */ }", ALL);
        assert_eq!(lexer.next().map(|t| t.kind), Some(Kind::Punct(',')));
        assert_eq!(lexer.peek_significant().map(|t| t.kind), Some(Kind::Punct('}')));
        assert_eq!(lexer.next().map(|t| t.kind), Some(Kind::Space));
    }

    #[test]
    fn any_text_comes_back_whole_from_its_tokens() {
        // deterministic noise over the characters the lexer cares about
        let alphabet: Vec<char> = "{}[]:,\"\\/*.\u{2026}\u{201c}\u{201d}\n\r\t a1é".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..400 {
            let text: String = (0..len % 40)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet.get(seed as usize % alphabet.len()).copied().unwrap_or('x')
                })
                .collect();
            for line_break in [LineBreak::InString, LineBreak::Ends, LineBreak::EndsAfterComma] {
                for options in [Options { line_break, ..ALL }, Options { line_break, ..STRICT }] {
                    let toks: Vec<Token> = tokens(&text, options).collect();
                    assert!(toks.iter().all(|t| !t.text.is_empty()), "{text:?}");
                    assert_eq!(toks.iter().map(|t| t.text).collect::<String>(), text);
                    assert!(toks.windows(2).all(|w| w.first().map(Token::end) == w.get(1).map(|t| t.start)));
                }
            }
        }
    }
}
