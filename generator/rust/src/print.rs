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

/// An item to print: what it is (for messages), its docs source, its tokens, and the
/// `#[cfg]` of its feature (or nothing).
pub struct Pending {
    pub label: String,
    pub source: Option<SourceRef>,
    pub tokens: TokenStream,
    pub cfg: TokenStream,
}

/// Parses `item` and prints it: an item whose tokens do not form valid Rust is left out
/// with an E0002 note (a generator bug, never a reason to lose the rest of the file).
pub fn item(item: Pending, notes: &mut Vec<Note>) -> String {
    match syn::parse2::<syn::File>(item.tokens) {
        Ok(mut f) => {
            features::gate_items(&mut f.items, &item.cfg);
            prettyplease::unparse(&f)
        }
        Err(e) => {
            notes.push(Note::at(Code::E0002, format!("{} is not emitted: {e}", item.label), item.source.as_ref()));
            String::new()
        }
    }
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
