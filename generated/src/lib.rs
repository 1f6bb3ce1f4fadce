//! Generated crate (placeholder until `cargo xtask gen` emits it).
