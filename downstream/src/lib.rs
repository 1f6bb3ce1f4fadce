//! How a crate uses `generated`: models deserialize Graph JSON, enums keep values they do
//! not know, and every endpoint is a sans-IO builder (see `tests/usage.rs`).

use generated::models::microsoft_graph::{GroupPolicyOperation, GroupPolicyOperationStatus};

/// A one-line summary of a group policy operation, as an admin tool might print it.
pub fn summary(op: &GroupPolicyOperation) -> String {
    let status = match &op.operation_status {
        Some(GroupPolicyOperationStatus::Success) => "done".to_string(),
        Some(GroupPolicyOperationStatus::Failed) => "failed".to_string(),
        Some(other) => other.to_string(),
        None => "unknown".to_string(),
    };
    let kind = op.operation_type.as_ref().map_or("none", |t| t.as_str());
    format!("{} {kind}: {status}", op.id.as_deref().unwrap_or("?"))
}
