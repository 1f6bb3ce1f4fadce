//! The README's example: a model read from Graph JSON, an endpoint built and decoded.

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

#[test]
fn endpoint_builds_the_request_and_decodes_the_response() {
    use generated::endpoints::device_management::{GetGroupPolicyOperation, UpdateGroupPolicyOperation};
    use generated::models::microsoft_graph::GroupPolicyOperationStatus;
    use generated::support::{Endpoint, ResponseError};

    let get = GetGroupPolicyOperation::new("file/1", "..").select(["id", "operationStatus"]);
    let req = get.request().unwrap();
    assert_eq!(req.method(), http::Method::GET);
    assert_eq!(
        req.uri().to_string(),
        "https://graph.microsoft.com/v1.0/deviceManagement/groupPolicyUploadedDefinitionFiles/file%2F1\
         /groupPolicyOperations/%2E%2E?$select=id,operationStatus"
    );

    let body = br#"{"id":"9a8b","operationStatus":"inProgress"}"#;
    let op = GetGroupPolicyOperation::parse_response(http::StatusCode::OK, body).unwrap();
    assert_eq!(op.operation_status, Some(GroupPolicyOperationStatus::InProgress));

    let patch = GroupPolicyOperation {
        operation_status: Some(GroupPolicyOperationStatus::Failed),
        status_details: Some("The upload was cancelled.".into()),
        ..Default::default()
    };
    let req = UpdateGroupPolicyOperation::new("f", "o", patch).request().unwrap();
    assert_eq!(req.method(), http::Method::PATCH);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.body().as_slice(), br#"{"operationStatus":"failed","statusDetails":"The upload was cancelled."}"#);

    let denied = br#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}"#;
    match GetGroupPolicyOperation::parse_response(http::StatusCode::FORBIDDEN, denied) {
        Err(ResponseError::Graph { error, .. }) => assert_eq!(error.error.code, "Authorization_RequestDenied"),
        other => panic!("expected a Graph error, got {other:?}"),
    }
}
