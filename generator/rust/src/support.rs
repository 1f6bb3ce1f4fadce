//! The `support` module of the generated crate: primitives, flags, collections, the Graph
//! error and the sans-IO request/response helpers. Its sources are templates kept in
//! `generator/templates/support/`, parsed and printed like every emitted file.

/// The template files, by their path under `src/support/`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../templates/support/mod.rs")),
    ("enums.rs", include_str!("../templates/support/enums.rs")),
    ("odata.rs", include_str!("../templates/support/odata.rs")),
    ("primitives.rs", include_str!("../templates/support/primitives.rs")),
    ("request.rs", include_str!("../templates/support/request.rs")),
    ("response.rs", include_str!("../templates/support/response.rs")),
];

/// Each support file, parsed.
pub fn support_files() -> Vec<(&'static str, Result<syn::File, syn::Error>)> {
    TEMPLATES.iter().map(|(name, text)| (*name, syn::parse_str::<syn::File>(text))).collect()
}
