//! Reading: the XML tree -> [`Model`]. Every `<Schema>` of the file (at any depth, as
//! OData readers find them), aliases resolved, defaults applied as the CSDL specification
//! states them (`Nullable` true, enum values counting on from the previous member). Faults
//! of the elements themselves (a missing name, a value of the wrong form, an element no
//! reader knows) are reported here; faults between elements are [`crate::check`]'s.

use crate::annotations::{self, Annotation};
use crate::model::*;
use crate::names::{is_identifier, Names};
use crate::xml::{elements, local, Ctx};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use roxmltree::{Document, Node};

/// Reads the document into a model.
pub fn read(ctx: Ctx, doc: &Document, diags: &mut Diagnostics) -> (Model, Names) {
    let root = doc.root_element();
    if local(root) != "Edmx" {
        diags.push(
            Diagnostic::new(
                Code::C0002,
                ctx.tag(root),
                format!("the root element is `{}`, not `edmx:Edmx`", local(root)),
            )
            .help("a $metadata document starts with `<edmx:Edmx Version=\"4.0\">`"),
        );
    }
    let schemas: Vec<Node> = root.descendants().filter(|n| n.is_element() && local(*n) == "Schema").collect();
    if schemas.is_empty() {
        diags.push(
            Diagnostic::new(Code::C0002, ctx.tag(root), "the document holds no `<Schema>` element")
                .help("put the types in `<edmx:DataServices><Schema Namespace=\"...\">`"),
        );
    }
    let mut names = Names::default();
    for inc in root.descendants().filter(|n| n.is_element() && local(*n) == "Include") {
        if let (Some((ns, _)), Some((alias, _))) = (ctx.attr(inc, "Namespace"), ctx.attr(inc, "Alias")) {
            names.aliases.insert(alias.trim().to_string(), ns.trim().to_string());
        }
    }
    for s in &schemas {
        if let (Some((ns, _)), Some((alias, _))) = (ctx.attr(*s, "Namespace"), ctx.attr(*s, "Alias")) {
            if !alias.trim().is_empty() {
                names.aliases.insert(alias.trim().to_string(), ns.trim().to_string());
            }
        }
    }
    let mut model = Model::default();
    let mut r = Reader { ctx, names: &names, diags };
    for s in schemas {
        r.schema(s, &mut model);
    }
    (model, names)
}

struct Reader<'a> {
    ctx: Ctx,
    names: &'a Names,
    diags: &'a mut Diagnostics,
}

impl Reader<'_> {
    fn schema(&mut self, node: Node, model: &mut Model) {
        let Some((ns, _)) = self.required(node, "Namespace") else { return };
        let ns = ns.trim().to_string();
        for el in elements(node) {
            match local(el) {
                "EntityType" => self.structured(el, &ns, Kind::Entity, model),
                "ComplexType" => self.structured(el, &ns, Kind::Complex, model),
                "EnumType" => self.enumeration(el, &ns, model),
                "Action" => self.callable(el, &ns, CallableKind::Action, model),
                "Function" => self.callable(el, &ns, CallableKind::Function, model),
                "EntityContainer" => self.container(el, &ns, model),
                "Annotations" => self.external(el, model),
                "TypeDefinition" => {
                    if let Some((name, _)) = self.name(el) {
                        let underlying = self.ctx.attr(el, "UnderlyingType").map_or("Edm.String", |(u, _)| u.trim());
                        model.type_definitions.push((format!("{ns}.{name}"), underlying.to_string(), self.ctx.tag(el)));
                    }
                }
                "Term" | "Annotation" => {}
                other => self.unknown(el, other, "Schema"),
            }
        }
    }

    fn unknown(&mut self, el: Node, name: &str, parent: &str) {
        self.diags.push(
            Diagnostic::new(Code::C0005, self.ctx.tag(el), format!("`<{name}>` is no element of a CSDL `<{parent}>`"))
                .help("the element is skipped; check its spelling against the OData CSDL specification"),
        );
    }

    /// A required attribute, trimmed and not empty; reported when missing.
    fn required<'n>(&mut self, node: Node<'n, '_>, attr: &str) -> Option<(&'n str, Span)> {
        match self.ctx.attr(node, attr) {
            Some((v, span)) if !v.trim().is_empty() => Some((v.trim(), span)),
            _ => {
                self.diags.push(
                    Diagnostic::new(
                        Code::C0003,
                        self.ctx.tag(node),
                        format!("`<{}>` has no `{attr}`; the element is skipped", local(node)),
                    )
                    .help(format!("add the `{attr}` attribute")),
                );
                None
            }
        }
    }

    /// The `Name`, reported when it is missing or no identifier (an odd name is kept).
    fn name<'n>(&mut self, node: Node<'n, '_>) -> Option<(&'n str, Span)> {
        let (name, span) = self.required(node, "Name")?;
        if !is_identifier(name) {
            self.diags.push(
                Diagnostic::new(Code::C0006, span, format!("`{name}` is no OData identifier"))
                    .help("names start with a letter or `_` and hold only letters, digits and `_`"),
            );
        }
        Some((name, span))
    }

    fn boolean(&mut self, node: Node, attr: &str, default: bool) -> bool {
        let Some((v, span)) = self.ctx.attr(node, attr) else { return default };
        match v.trim() {
            t if t.eq_ignore_ascii_case("true") => true,
            t if t.eq_ignore_ascii_case("false") => false,
            "1" => true,
            "0" => false,
            other => {
                self.diags.push(
                    Diagnostic::new(
                        Code::C0004,
                        span,
                        format!("`{attr}=\"{other}\"` is no boolean; read as {default}"),
                    )
                    .help("write `true` or `false`"),
                );
                default
            }
        }
    }

    fn type_attr(&mut self, node: Node, attr: &str) -> Option<(TypeName, Span)> {
        let (raw, span) = self.required(node, attr)?;
        let ty = self.names.type_ref(raw);
        if ty.name.starts_with("Collection(") || ty.name.contains(['(', ')', ' ']) {
            self.diags.push(
                Diagnostic::new(Code::C0004, span, format!("`{raw}` is no type reference"))
                    .help("write a qualified type name, or `Collection(` and one"),
            );
        }
        Some((ty, span))
    }

    fn annotations(&mut self, node: Node) -> Vec<Annotation> {
        annotations::read_all(self.ctx, self.names, node, self.diags)
    }

    fn structured(&mut self, el: Node, ns: &str, kind: Kind, model: &mut Model) {
        let Some((name, _)) = self.name(el) else { return };
        let base = self.ctx.attr(el, "BaseType").filter(|(b, _)| !b.trim().is_empty());
        let mut t = TypeEl {
            namespace: ns.to_string(),
            name: name.to_string(),
            kind,
            base: base.map(|(b, span)| (self.names.qualify(b), span)),
            is_abstract: self.boolean(el, "Abstract", false),
            open: self.boolean(el, "OpenType", false),
            key: None,
            properties: Vec::new(),
            members: Vec::new(),
            flags: false,
            annotations: self.annotations(el),
            span: self.ctx.tag(el),
        };
        self.boolean(el, "HasStream", false);
        for c in elements(el) {
            match local(c) {
                "Key" => {
                    let refs = elements(c)
                        .filter(|r| local(*r) == "PropertyRef")
                        .filter_map(|r| self.required(r, "Name").map(|(n, s)| (n.to_string(), s)))
                        .collect();
                    t.key = Some((refs, self.ctx.tag(c)));
                }
                "Property" | "NavigationProperty" => {
                    if let Some(p) = self.property(c) {
                        t.properties.push(p);
                    }
                }
                "Annotation" => {}
                other => self.unknown(c, other, local(el)),
            }
        }
        model.types.push(t);
    }

    fn property(&mut self, el: Node) -> Option<PropertyEl> {
        let (name, _) = self.name(el)?;
        // a property without a type is kept, untyped, so no declared name is lost
        let (ty, type_span) = match self.ctx.attr(el, "Type").filter(|(t, _)| !t.trim().is_empty()) {
            Some(_) => self.type_attr(el, "Type")?,
            None => {
                self.diags.push(
                    Diagnostic::new(
                        Code::C0003,
                        self.ctx.tag(el),
                        format!("property `{name}` has no `Type`; read as Edm.Untyped"),
                    )
                    .help("add the `Type` attribute"),
                );
                (TypeName { name: "Edm.Untyped".into(), collection: false }, self.ctx.tag(el))
            }
        };
        let navigation = local(el) == "NavigationProperty";
        for c in elements(el) {
            let known: &[&str] =
                if navigation { &["Annotation", "ReferentialConstraint", "OnDelete"] } else { &["Annotation"] };
            if !known.contains(&local(c)) {
                self.unknown(c, local(c), local(el));
            }
        }
        Some(PropertyEl {
            name: name.to_string(),
            ty,
            nullable: self.boolean(el, "Nullable", true),
            navigation,
            contains_target: navigation && self.boolean(el, "ContainsTarget", false),
            annotations: self.annotations(el),
            span: self.ctx.tag(el),
            type_span,
        })
    }

    fn enumeration(&mut self, el: Node, ns: &str, model: &mut Model) {
        let Some((name, _)) = self.name(el) else { return };
        let flags = self.boolean(el, "IsFlags", false);
        if let Some((u, span)) = self.ctx.attr(el, "UnderlyingType") {
            if !matches!(u.trim(), "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64") {
                self.diags.push(
                    Diagnostic::new(Code::C0004, span, format!("`{u}` is no underlying type of an enum"))
                        .help("use Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64"),
                );
            }
        }
        let mut members = Vec::new();
        // members without a value count on from the previous one (CSDL 10.2.2)
        let mut next: Option<i64> = Some(0);
        for c in elements(el) {
            match local(c) {
                "Member" => {
                    let Some((mname, _)) = self.name(c) else { continue };
                    let value = match self.ctx.attr(c, "Value") {
                        None => {
                            if flags {
                                self.diags.push(
                                    Diagnostic::new(
                                        Code::C0004,
                                        self.ctx.tag(c),
                                        format!("member `{mname}` of the flags enum `{name}` has no value"),
                                    )
                                    .help("members of a flags enum state their value (a power of two)"),
                                );
                            }
                            next
                        }
                        Some((raw, span)) => {
                            let v = parse_int(raw);
                            if v.is_none() {
                                self.diags.push(
                                    Diagnostic::new(
                                        Code::C0004,
                                        span,
                                        format!("`{raw}` is no integer value of member `{mname}`"),
                                    )
                                    .help("write the value as a decimal integer"),
                                );
                            }
                            v
                        }
                    };
                    if let Some(v) = value {
                        next = v.checked_add(1);
                    }
                    members.push(MemberEl {
                        name: mname.to_string(),
                        value,
                        annotations: self.annotations(c),
                        span: self.ctx.tag(c),
                    });
                }
                "Annotation" => {}
                other => self.unknown(c, other, "EnumType"),
            }
        }
        model.types.push(TypeEl {
            namespace: ns.to_string(),
            name: name.to_string(),
            kind: Kind::Enum,
            base: None,
            is_abstract: false,
            open: false,
            key: None,
            properties: Vec::new(),
            members,
            flags,
            annotations: self.annotations(el),
            span: self.ctx.tag(el),
        });
    }

    fn callable(&mut self, el: Node, ns: &str, kind: CallableKind, model: &mut Model) {
        let Some((name, _)) = self.name(el) else { return };
        let bound = self.boolean(el, "IsBound", false);
        self.boolean(el, "IsComposable", false);
        let mut parameters = Vec::new();
        let mut returns = None;
        for c in elements(el) {
            match local(c) {
                "Parameter" => {
                    let Some((pname, _)) = self.name(c) else { continue };
                    let Some((ty, _)) = self.type_attr(c, "Type") else { continue };
                    parameters.push(ParameterEl {
                        name: pname.to_string(),
                        ty,
                        nullable: self.boolean(c, "Nullable", true),
                        annotations: self.annotations(c),
                        span: self.ctx.tag(c),
                    });
                }
                "ReturnType" => returns = self.type_attr(c, "Type").map(|(t, _)| t),
                "Annotation" => {}
                other => self.unknown(c, other, local(el)),
            }
        }
        model.callables.push(CallableEl {
            kind,
            namespace: ns.to_string(),
            name: name.to_string(),
            bound,
            parameters,
            returns,
            annotations: self.annotations(el),
            span: self.ctx.tag(el),
        });
    }

    fn container(&mut self, el: Node, ns: &str, model: &mut Model) {
        let Some((cname, _)) = self.name(el) else { return };
        let qualified = format!("{ns}.{cname}");
        for c in elements(el) {
            let (kind, attr) = match local(c) {
                "EntitySet" => (RootKind::EntitySet, "EntityType"),
                "Singleton" => (RootKind::Singleton, "Type"),
                "ActionImport" => (RootKind::ActionImport, "Action"),
                "FunctionImport" => (RootKind::FunctionImport, "Function"),
                "Annotation" => continue,
                other => {
                    self.unknown(c, other, "EntityContainer");
                    continue;
                }
            };
            let Some((name, _)) = self.name(c) else { continue };
            let Some((target, target_span)) = self.required(c, attr) else { continue };
            for b in elements(c) {
                if !matches!(local(b), "NavigationPropertyBinding" | "Annotation") {
                    self.unknown(b, local(b), local(c));
                }
            }
            model.roots.push(RootEl {
                kind,
                name: name.to_string(),
                target: self.names.qualify(target),
                target_span,
                path: format!("{qualified}/{name}"),
                annotations: self.annotations(c),
                span: self.ctx.tag(c),
            });
        }
    }

    fn external(&mut self, el: Node, model: &mut Model) {
        let Some((target, _)) = self.required(el, "Target") else { return };
        let target = self.names.target(target);
        let annotations = self.annotations(el);
        model.external.push(External { target, annotations, span: self.ctx.tag(el) });
    }
}

/// A decimal integer with optional sign and surrounding white space.
pub fn parse_int(raw: &str) -> Option<i64> {
    let t = raw.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.strip_prefix('+').unwrap_or(t).parse().ok()
}
