//! Stage 6, emit: IR -> Rust files (models and endpoints), printed with prettyplease.
