//! Printing with prettyplease, in parallel: every item is parsed and printed on its own
//! (by whichever thread), and a file is its header followed by its items' text in the
//! file's order. prettyplease prints a file as its inner attributes and then each item
//! ending in a line break, with no state carried from one item to the next, so the text is
//! the same as printing the whole file at once: byte-identical whatever the thread count.

use crate::{features, Note};
use codegen_core::diag::Code;
use codegen_core::output::HEADER;
use codegen_ir::SourceRef;
use proc_macro2::TokenStream;
use rayon::prelude::*;

/// An item to print: what it is (for messages), its docs source, its pieces, and the
/// `#[cfg]` of its feature (or nothing).
pub struct Pending {
    pub label: String,
    pub source: Option<SourceRef>,
    pub pieces: Vec<Piece>,
    pub cfg: TokenStream,
}

/// Part of an item list: tokens to parse, items built as trees ([`crate::syntax`]), or the
/// reason a part could not be built.
pub enum Piece {
    Tokens(TokenStream),
    Items(syn::Result<Vec<syn::Item>>),
}

impl From<TokenStream> for Piece {
    fn from(tokens: TokenStream) -> Piece {
        Piece::Tokens(tokens)
    }
}

/// Parses and prints `item`'s pieces in order: an item whose tokens do not form valid
/// Rust is left out with an E0002 note (a generator bug, never a reason to lose the rest
/// of the file).
pub fn item(item: Pending, notes: &mut Vec<Note>) -> String {
    match items(item.pieces) {
        Ok(mut items) => {
            features::gate_items(&mut items, &item.cfg);
            unparse(items)
        }
        Err(e) => {
            notes.push(Note::at(Code::E0002, format!("{} is not emitted: {e}", item.label), item.source.as_ref()));
            String::new()
        }
    }
}

/// The items of `pieces` in order, their tokens parsed; the first fault is the error.
pub fn items(pieces: Vec<Piece>) -> syn::Result<Vec<syn::Item>> {
    let mut items = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Tokens(tokens) => items.extend(syn::parse2::<syn::File>(tokens)?.items),
            Piece::Items(built) => items.extend(built?),
        }
    }
    Ok(items)
}

/// `items` printed by prettyplease.
pub fn unparse(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items })
}

/// A whole file: `head` (inner attributes, and items if any) then the printed `items`,
/// with the generated header and a blank line between top-level items.
pub fn file<'a>(head: &syn::File, items: impl IntoIterator<Item = &'a str>) -> String {
    let mut body = prettyplease::unparse(head);
    for text in items {
        body.push_str(text);
    }
    let mut out = format!("// {HEADER}\n\n");
    let mut prev = "";
    for line in body.lines() {
        let starts_item = !line.starts_with([' ', '}', ')', ']']) && !line.is_empty();
        let after_item = prev == "}" || prev.ends_with(';') && !prev.starts_with(' ') || prev.starts_with("//!");
        if starts_item && after_item && !line.starts_with("//!") {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = line;
    }
    out
}

/// A module file's head: its `//!` doc line.
pub fn module_head(doc: &str) -> syn::File {
    let doc = format!(" {doc}");
    let attrs: syn::File = syn::parse_quote! { #![doc = #doc] };
    syn::File { shebang: None, attrs: attrs.attrs, items: Vec::new() }
}

/// A `mod.rs`: its doc line and `pub mod m;` for each of `modules`.
pub fn mod_decls(doc: &str, modules: &[String]) -> String {
    let idents = modules.iter().map(|m| crate::naming::ident(m));
    let doc = format!(" {doc}");
    let decls: syn::File = syn::parse_quote! {
        #![doc = #doc]
        #(pub mod #idents;)*
    };
    file(&decls, std::iter::empty())
}

/// A test file: `head` is the whole file, ending in the module the tests go in (`mod cases
/// { .. }`) when there are any; `items` are the tests' tokens as text (tokens cannot cross
/// threads), in order.
pub struct TestFile {
    pub head: TokenStream,
    pub items: Vec<String>,
}

impl TestFile {
    pub fn new(head: TokenStream, tests: &[TokenStream]) -> TestFile {
        TestFile { head, items: tests.iter().map(ToString::to_string).collect() }
    }
}

/// Prints a test file, its tests on every core: each is printed as a top-level item and
/// indented into the head's last module. An item that is not valid Rust is left out with an
/// E0002 note; a head that is not is the error.
pub fn test_file(file: TestFile, label: &str, notes: &mut Vec<Note>) -> Result<String, syn::Error> {
    let head: syn::File = syn::parse2(file.head)?;
    let text = self::file(&head, std::iter::empty());
    let printed: Vec<(String, Vec<Note>)> = file
        .items
        .into_par_iter()
        .enumerate()
        .map(|(n, text)| {
            let mut notes = Vec::new();
            let label = format!("test {} of {label}", n + 1);
            let printed = match text.parse::<TokenStream>() {
                Ok(tokens) => item(
                    Pending { label, source: None, pieces: vec![tokens.into()], cfg: TokenStream::new() },
                    &mut notes,
                ),
                Err(e) => {
                    notes.push(Note::bare(Code::E0002, format!("{label} is not emitted: {e}")));
                    String::new()
                }
            };
            (printed, notes)
        })
        .collect();
    if printed.is_empty() {
        return Ok(text);
    }
    // the head ends with the module's closing brace, alone on its line
    let body = text.trim_end_matches('\n');
    let close = body.rfind('\n').map_or(0, |i| i + 1);
    let mut out = String::with_capacity(text.len() + printed.iter().map(|(t, _)| t.len() + t.len() / 8).sum::<usize>());
    out.push_str(&text[..close]);
    for (printed, item_notes) in printed {
        notes.extend(item_notes);
        for line in printed.lines() {
            if !line.is_empty() {
                out.push_str("    ");
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&text[close..]);
    Ok(out)
}
