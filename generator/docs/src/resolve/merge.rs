//! One type from all the facts that state it: properties, members, the JSON representation
//! against the tables, and the base the strongest statement names.

use super::*;

/// What merging a group finds besides the type: enums that possible values imply, and the
/// rows of `String` properties that list values (where [`super::inherit`] reports them).
#[derive(Default)]
pub(super) struct MergeOut {
    pub(super) derived_enums: BTreeMap<String, (Vec<String>, Span)>,
    pub(super) value_rows: BTreeMap<String, Span>,
}

pub(super) fn merge_group(
    db: Paths<'_>,
    index: &Index,
    ns_of: &BTreeMap<FileId, String>,
    q: &str,
    g: &[Located],
    diags: &mut Diagnostics,
    out: &mut MergeOut,
) -> TypeDef {
    let first = &g[0];
    let authoritative = first.fact.origin != Origin::ApiBody;
    let is_enum = g.iter().any(|l| l.fact.is_enum);
    let mut t = TypeDef {
        name: first.fact.name.clone(),
        namespace: first.fact.namespace.clone(),
        kind: if is_enum { TypeKind::Enum } else { TypeKind::Complex },
        base: None,
        is_abstract: g.iter().any(|l| l.fact.is_abstract),
        open: g.iter().any(|l| l.fact.open),
        key: Vec::new(),
        properties: Vec::new(),
        members: Vec::new(),
        flags: false,
        description: g.iter().find_map(|l| l.fact.description.clone()),
        sources: Vec::new(),
        area: None,
        origin: None,
        deprecated: None,
        availability: Vec::new(),
    };
    if !authoritative {
        diags.push(
            Diagnostic::new(
                Code::D0109,
                first.fact.span,
                format!("type `{q}` has no resource page; built from API pages"),
            )
            .help(format!("add a resource page for `{}`", t.name)),
        );
    }
    // duplicate resource pages
    let resources: Vec<&Located> = g.iter().filter(|l| l.fact.origin == Origin::Resource).collect();
    for dup in resources.iter().skip(1) {
        if dup.file != first.file {
            diags.push(
                Diagnostic::new(Code::D0103, dup.fact.span, format!("type `{q}` is also defined on another page"))
                    .related(first.fact.span, "first definition")
                    .help("keep one page per type; link to it from the others"),
            );
        }
    }
    let mut seen_props: BTreeMap<String, (Span, String)> = BTreeMap::new();
    let mut seen_members: BTreeSet<String> = BTreeSet::new();
    for l in g {
        let f = l.fact;
        let weak = f.origin == Origin::ApiBody && authoritative;
        let (rel, ns) = page_context(db, ns_of, l.file);
        if !weak {
            let place = crate::place(db, f.span);
            if !t.sources.contains(&place) {
                t.sources.push(place);
            }
        }
        for m in &f.members {
            if !seen_members.insert(m.name.clone()) {
                if !weak && l.file == first.file {
                    diags.push(
                        Diagnostic::new(Code::D0104, m.span, format!("member `{}` of `{q}` is listed twice", m.name))
                            .help("remove the repeated row"),
                    );
                }
                continue;
            }
            t.members.push(Member {
                name: m.name.clone(),
                value: m.value,
                description: m.description.clone(),
                source: Some(crate::place(db, m.span)),
                origin: None,
            });
        }
        for p in &f.properties {
            let resolved = index.resolve(db, rel, ns, &p.cell);
            let type_name = match &resolved {
                Ok(q) => q.clone(),
                Err(guess) => guess.clone(),
            };
            if let Some((span, prev_ty)) = seen_props.get(&p.name) {
                if weak || f.origin == Origin::ApiBody {
                    if prev_ty != &type_name && resolved.is_ok() {
                        diags.push(
                            Diagnostic::new(
                                Code::D0110,
                                p.type_span,
                                format!("`{}` is `{type_name}` here but `{prev_ty}` on the type's page", p.name),
                            )
                            .related(*span, "declared here")
                            .help("make both pages state the same type"),
                        );
                    }
                } else if l.file == first.file || f.origin == Origin::Resource {
                    diags.push(
                        Diagnostic::new(Code::D0104, p.span, format!("property `{}` of `{q}` is listed twice", p.name))
                            .related(*span, "first listed here")
                            .help("remove the repeated row"),
                    );
                }
                continue;
            }
            if weak {
                continue;
            }
            let mut possible_values = Vec::new();
            match &resolved {
                Err(guess) => {
                    if let (Some(values), false) = (&p.values, p.cell.enumeration) {
                        out.derived_enums.entry(guess.clone()).or_insert_with(|| (values.clone(), p.type_span));
                    } else if !p.cell.enumeration {
                        diags.push(
                            Diagnostic::new(
                                Code::D0102,
                                p.type_span,
                                format!("type `{}` of `{}` is not documented in this tree", p.cell.name, p.name),
                            )
                            .help("link the type to its page, or add a page for it"),
                        );
                    }
                }
                Ok(ty) if ty == "Edm.String" => {
                    if let Some(values) = &p.values {
                        possible_values = values.clone();
                        out.value_rows.insert(p.name.clone(), p.span);
                    }
                }
                Ok(_) => {}
            }
            seen_props.insert(p.name.clone(), (p.span, type_name.clone()));
            t.properties.push(Property {
                name: p.name.clone(),
                ty: TypeRef { name: type_name.into(), collection: p.cell.collection },
                nullable: p.nullable,
                navigation: p.navigation,
                description: p.description.clone(),
                possible_values,
                contains_target: false,
                source: Some(crate::place(db, p.span)),
                origin: None,
            });
        }
    }
    // the JSON representation against the tables
    if t.kind != TypeKind::Enum {
        for l in g.iter().filter(|l| l.fact.origin == Origin::Resource) {
            let (rel, ns) = page_context(db, ns_of, l.file);
            let table_names: BTreeSet<&str> = l.fact.properties.iter().map(|p| p.name.as_str()).collect();
            for (k, span) in &l.fact.json_keys {
                if seen_props.contains_key(&k.name) || table_names.contains(k.name.as_str()) {
                    continue;
                }
                let Some(tn) = &k.type_name else { continue };
                let cell = TypeCell {
                    name: tn.clone(),
                    primitive: crate::extract::typecell::primitive(tn),
                    ..TypeCell::default()
                };
                let type_name = index.resolve(db, rel, ns, &cell).unwrap_or_else(|g| g);
                diags.push(
                    Diagnostic::new(
                        Code::D0107,
                        *span,
                        format!("property `{}` appears only in the JSON representation", k.name),
                    )
                    .help("add a row for it to the properties table"),
                );
                seen_props.insert(k.name.clone(), (*span, type_name.clone()));
                t.properties.push(Property {
                    name: k.name.clone(),
                    ty: TypeRef { name: type_name.into(), collection: k.collection },
                    nullable: true,
                    navigation: false,
                    description: String::new(),
                    possible_values: Vec::new(),
                    contains_target: false,
                    source: Some(crate::place(db, *span)),
                    origin: None,
                });
            }
            if l.fact.json_span.is_some() && !l.fact.json_keys.is_empty() {
                let json: BTreeSet<&str> = l.fact.json_keys.iter().map(|(k, _)| k.name.as_str()).collect();
                for p in l.fact.properties.iter().filter(|p| !p.navigation && !json.contains(p.name.as_str())) {
                    diags.push(
                        Diagnostic::new(
                            Code::D0108,
                            p.span,
                            format!("property `{}` is missing from the JSON representation", p.name),
                        )
                        .help("add it to the JSON representation block"),
                    );
                }
            }
        }
    }
    // base type
    if let Some(b) = g
        .iter()
        .filter(|l| !authoritative || l.fact.origin != Origin::ApiBody)
        .filter_map(|l| l.fact.base.as_ref().map(|b| (l, b)))
        .min_by_key(|(_, b)| b.source)
    {
        let (l, b) = b;
        let (rel, ns) = page_context(db, ns_of, l.file);
        match index.resolve(db, rel, ns, &b.cell) {
            Ok(q2) if q2 != q && !codegen_ir::is_primitive(&q2) => t.base = Some(q2.into()),
            Ok(_) => {}
            Err(guess) => {
                diags.push(
                    Diagnostic::new(
                        Code::D0113,
                        b.span,
                        format!("base type `{}` is not documented in this tree", b.cell.name),
                    )
                    .help("link the base type to its page"),
                );
                t.base = Some(guess.into());
            }
        }
    }
    t
}
