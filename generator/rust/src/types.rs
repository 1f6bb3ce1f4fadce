//! Type references: EDM primitives to the support types of the generated crate, docs types
//! to their model paths.

use crate::context::Context;
use crate::syntax::{generic, path, path_type};
use codegen_ir::TypeKind;
use syn::Type;

/// The Rust type of an EDM primitive, or `None` for a name that is no primitive.
pub fn primitive(name: &str) -> Option<Type> {
    let runtime = |name: &str| path_type(path(true, &["graph_runtime", name]));
    let t = match name {
        "Edm.String" => local("String"),
        "Edm.Boolean" => local("bool"),
        "Edm.Byte" => local("u8"),
        "Edm.SByte" => local("i8"),
        "Edm.Int16" => local("i16"),
        "Edm.Int32" => local("i32"),
        "Edm.Int64" => local("i64"),
        "Edm.Single" => runtime("Single"),
        "Edm.Double" => runtime("Double"),
        "Edm.Decimal" => runtime("Decimal"),
        "Edm.DateTimeOffset" => runtime("DateTimeOffset"),
        "Edm.Date" => runtime("Date"),
        "Edm.TimeOfDay" => runtime("TimeOfDay"),
        "Edm.Duration" => runtime("Duration"),
        "Edm.Guid" => runtime("Guid"),
        "Edm.Binary" => runtime("Binary"),
        "Edm.Stream" => runtime("Stream"),
        "Edm.Untyped" => json_value(),
        _ => return None,
    };
    Some(t)
}

/// `serde_json::Value`, any JSON.
pub fn json_value() -> Type {
    path_type(path(true, &["serde_json", "Value"]))
}

/// A type named by one identifier (a prelude type, a primitive, a type of this module).
pub fn local(name: &str) -> Type {
    path_type(path(false, &[name]))
}

/// [`element_in`] from outside the models.
pub fn element(ctx: &Context, type_name: &str) -> Result<(Type, Shape), String> {
    element_in(ctx, type_name, None)
}

/// How a type reference is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A primitive.
    Primitive,
    /// A struct, an enum, a flags set or a polymorphic enum of the models.
    Model,
}

/// The Rust type of one (non-collection) type reference, written from inside the models
/// module `here` (a type of the same module is named without its path); `Err` says why
/// there is none.
pub fn element_in(ctx: &Context, type_name: &str, here: Option<&str>) -> Result<(Type, Shape), String> {
    if let Some(t) = primitive(type_name) {
        return Ok((t, Shape::Primitive));
    }
    if type_name == "microsoft.graph.Json" {
        // Graph's `Json` complex type stands for any JSON value (workbook ranges, ...).
        return Ok((json_value(), Shape::Primitive));
    }
    if type_name.starts_with("Edm.") {
        return Err(format!("`{type_name}` is no EDM primitive the generator knows"));
    }
    let (Some(def), Some(names)) = (ctx.types.get(type_name), ctx.names.get(type_name)) else {
        return Err(format!("type `{type_name}` is not documented"));
    };
    let item = names.any.as_deref().unwrap_or(&names.ident);
    let named = if here == Some(names.module.as_str()) {
        local(item)
    } else {
        path_type(path(false, &["crate", "models", &names.module, item]))
    };
    if def.kind == TypeKind::Enum && def.flags {
        return Ok((generic(path(true, &["graph_runtime", "Flags"]), named), Shape::Model));
    }
    Ok((named, Shape::Model))
}

/// The Rust type of a property or parameter, falling back to `serde_json::Value` (with
/// the reason) when the type cannot be resolved.
pub fn field_type(ctx: &Context, owner: &str, type_name: &str, collection: bool) -> (Type, Option<String>) {
    let here = ctx.names.get(owner).map(|n| n.module.as_str());
    let (inner, why) = match element_in(ctx, type_name, here) {
        Ok((t, _)) => {
            let boxed = !collection && ctx.needs_box(owner, type_name);
            (if boxed { generic(path(false, &["Box"]), t) } else { t }, None)
        }
        Err(why) => (json_value(), Some(why)),
    };
    let t = if collection { generic(path(false, &["Vec"]), inner) } else { inner };
    (t, why)
}
