//! Rows and links of a page's tables and prose turned into facts: derived-type links, base
//! statements in prose, enum members, properties.

use super::names::{is_type_name, is_type_tag, parse_int, row_name};
use super::typecell::TypeCell;
use super::walker::Walker;
use super::*;
use crate::markdown::{is_todo, Inline};
use codegen_core::diag::{Code, Diagnostic, Span};
use heck::ToUpperCamelCase;

impl Walker<'_> {
    pub(super) fn derived_link(&mut self, m: usize, l: &crate::markdown::Link) {
        let name = l.text.trim().trim_matches('`');
        if is_type_name(name) {
            let cell = TypeCell { name: name.to_string(), href: Some(l.href.clone()), ..TypeCell::default() };
            self.facts.types[m].derived.push(DerivedFact { cell, span: l.span });
        }
    }

    pub(super) fn base_from_prose(&mut self, m: usize, inline: &Inline, source: BaseSource) {
        let Some((word, link)) = prose::inherits_from(inline) else { return };
        let t = &mut self.facts.types[m];
        let cell = TypeCell { name: word, href: link.map(|l| l.href.clone()), ..TypeCell::default() };
        let stated = BaseFact { cell, source, span: link.map_or(inline.span, |l| l.span) };
        if t.base.as_ref().is_some_and(|b| b.source <= source) {
            t.weaker_bases.push(stated);
        } else if let Some(old) = t.base.replace(stated) {
            t.weaker_bases.push(old);
        }
    }

    pub(super) fn members(
        &mut self,
        i: usize,
        t: &crate::markdown::Table,
        name: usize,
        value: Option<usize>,
        desc: Option<usize>,
    ) {
        for row in &t.rows {
            let Some(cell) = row.get(name) else { continue };
            let v = value.and_then(|v| row.get(v)).and_then(|c| parse_int(&c.text));
            let wire = cell.text.trim().trim_matches('*').trim().trim_matches('`').to_string();
            // `a-b` is one member, not `a` with a note after a dash
            let whole = |n: &str| wire.strip_prefix(n).is_some_and(|r| r.starts_with('-') && !r.starts_with("- "));
            let n = match row_name(cell).filter(|n| !whole(n)) {
                Some(n) => n,
                None => {
                    let others = row.iter().enumerate().any(|(k, c)| k != name && !c.text.trim().is_empty());
                    if wire.is_empty() && !others {
                        continue; // a blank row, no member
                    }
                    self.diags.push(
                        Diagnostic::new(
                            Code::D0121,
                            cell.span,
                            format!("enum member `{}` is not an identifier; it is kept with this wire name", wire.escape_debug()),
                        )
                        .help("check the member's spelling; the Rust variant gets a generated name and keeps the wire name"),
                    );
                    wire
                }
            };
            let d = desc.and_then(|d| row.get(d)).map(|c| c.text.clone()).unwrap_or_default();
            self.facts.types[i].members.push(MemberFact { name: n, value: v, description: d, span: cell.span });
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn properties(
        &mut self,
        i: usize,
        t: &crate::markdown::Table,
        name: usize,
        ty: usize,
        desc: Option<usize>,
        nav: bool,
        is_update: bool,
    ) {
        for row in &t.rows {
            let Some(name_cell) = row.get(name) else { continue };
            let Some(n) = row_name(name_cell) else {
                let word = name_cell.text.trim().trim_matches('*').trim().trim_matches('`');
                // one word that is no name (`9lives`, `r#type`): say so; prose rows stay quiet
                if !word.is_empty() && !word.contains(char::is_whitespace) {
                    self.diags.push(
                        Diagnostic::new(
                            Code::D0122,
                            name_cell.span,
                            format!("property `{}` has no usable name; the row is left out", word.escape_debug()),
                        )
                        .help("a property name starts with a letter and holds letters, digits and `_`"),
                    );
                }
                continue;
            };
            if is_type_tag(&n) {
                // the type tag of the payload, which generated models carry already
                continue;
            }
            let empty = Inline::default();
            let type_cell = row.get(ty).unwrap_or(&empty);
            let desc_cell = desc.and_then(|d| row.get(d)).unwrap_or(&empty);
            let mut cell = typecell::parse(type_cell);
            let type_span = if type_cell.span == Span::default() { name_cell.span } else { type_cell.span };
            if cell.is_empty() && !cell.enumeration {
                self.diags.push(
                    Diagnostic::new(Code::D0112, type_span, format!("property `{n}` has no type"))
                        .help("write the type in the Type column; it is read as String until then"),
                );
                cell.primitive = Some("Edm.String");
                cell.name = "String".into();
            }
            if is_todo(&desc_cell.text) || desc_cell.strong().iter().any(|s| is_todo(s)) {
                self.diags.push(
                    Diagnostic::new(Code::D0007, desc_cell.span, format!("description of `{n}` is a TODO placeholder"))
                        .help("describe the property"),
                );
            }
            // "Inherited from [entity](entity.md)" in a row: a weak base hint
            let lower = desc_cell.text.to_ascii_lowercase();
            if lower.contains("inherited from") {
                self.base_from_prose(i, desc_cell, BaseSource::Cell);
            }
            let values = prose::possible_values(desc_cell);
            if cell.enumeration {
                let owner = self.facts.types[i].name.clone();
                let derived = format!("{owner}{}", n.to_upper_camel_case());
                self.diags.push(
                    Diagnostic::new(
                        Code::D0105,
                        type_span,
                        format!("type of `{n}` is `Enumeration` without an enum name; named it `{derived}`"),
                    )
                    .help(format!("name the enum type in the Type column, e.g. `{derived}`, and document its members")),
                );
                cell.name = derived.clone();
                let ns = self.facts.types[i].namespace.clone();
                let e = self.type_named(&derived, &ns, Origin::Derived, type_span);
                self.facts.types[e].is_enum = true;
                if self.facts.types[e].members.is_empty() {
                    for v in values.iter().flatten() {
                        self.facts.types[e].members.push(MemberFact {
                            name: v.clone(),
                            value: None,
                            description: String::new(),
                            span: desc_cell.span,
                        });
                    }
                }
            }
            let required = prose::required_of(&lower);
            if is_update && required == Some(true) && !self.body_prose_required {
                self.diags.push(
                    Diagnostic::new(Code::D0210, desc_cell.span, format!("`{n}` is marked required on an Update page"))
                        .help("PATCH bodies are partial: mark the property Optional"),
                );
            }
            let nullable = !prose::not_nullable(&desc_cell.text);
            self.facts.types[i].properties.push(PropFact {
                name: n,
                cell,
                navigation: nav,
                nullable,
                description: desc_cell.text.clone(),
                span: name_cell.span,
                type_span,
                values,
                required,
            });
        }
    }
}
