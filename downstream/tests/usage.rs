//! The README's example: a model read from Graph JSON and written back.

use downstream::summary;
use generated::models::microsoft_graph::{AnyEntity, GroupPolicyOperation, GroupPolicyOperationType};

#[test]
fn model_from_graph_json() {
    let json = r##"{
        "@odata.type": "#microsoft.graph.groupPolicyOperation",
        "id": "9a8b",
        "lastModifiedDateTime": "2021-07-12T11:45:03.2736451Z",
        "operationStatus": "success",
        "operationType": "uploadNewVersion"
    }"##;
    let op: GroupPolicyOperation = serde_json::from_str(json).unwrap();
    assert_eq!(op.operation_type, Some(GroupPolicyOperationType::UploadNewVersion));
    assert_eq!(summary(&op), "9a8b uploadNewVersion: done");
    let modified = op.last_modified_date_time.as_ref().unwrap();
    assert_eq!(modified.as_str(), "2021-07-12T11:45:03.2736451Z");
    assert_eq!(modified.to_time().unwrap().nanosecond(), 273_645_100);

    let any: AnyEntity = serde_json::from_str(json).unwrap();
    assert!(matches!(any, AnyEntity::GroupPolicyOperation(_)));
}

#[test]
fn unknown_enum_values_survive() {
    let op: GroupPolicyOperation = serde_json::from_str(r#"{"operationStatus":"paused"}"#).unwrap();
    assert_eq!(summary(&op), "? none: paused");
    assert_eq!(serde_json::to_string(&op).unwrap(), r#"{"operationStatus":"paused"}"#);
}
