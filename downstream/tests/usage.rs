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
fn a_null_from_the_service_is_no_error() {
    let op: GroupPolicyOperation =
        serde_json::from_str(r#"{"id":"1","statusDetails":null,"operationStatus":null,"lastModifiedDateTime":null}"#)
            .expect("nulls read");
    assert_eq!((op.status_details, op.operation_status, op.last_modified_date_time), (None, None, None));
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
    use generated::models::microsoft_graph::{GroupPolicyOperationPatch, GroupPolicyOperationStatus};
    use generated::prelude::*;
    use generated::runtime::{Patch, ResponseError, Scheme};

    let get = GetGroupPolicyOperation::new("file/1", "..").select(["id", "operationStatus"]);
    let req = get.request().unwrap();
    assert_eq!(req.method(), http::Method::GET);
    assert_eq!(
        req.uri().to_string(),
        "https://graph.microsoft.com/v1.0/deviceManagement/groupPolicyUploadedDefinitionFiles/file%2F1\
         /groupPolicyOperations/%2E%2E?$select=id,operationStatus"
    );
    assert_eq!(
        GetGroupPolicyOperation::PERMISSIONS.least_privileged(Scheme::DelegatedWork),
        Some("DeviceManagementConfiguration.Read.All")
    );

    let ok =
        http::Response::builder().status(200).body(&br#"{"id":"9a8b","operationStatus":"inProgress"}"#[..]).unwrap();
    let op = GetGroupPolicyOperation::parse_response(&ok).unwrap();
    assert_eq!(op.operation_status, Some(GroupPolicyOperationStatus::InProgress));

    // An update sends what is set, `null` for what is cleared, nothing for the rest.
    let patch = GroupPolicyOperationPatch {
        operation_status: Patch::Set(GroupPolicyOperationStatus::Failed),
        status_details: Patch::Null,
        ..Default::default()
    };
    let req = UpdateGroupPolicyOperation::new("f", "o", patch).request().unwrap();
    assert_eq!(req.method(), http::Method::PATCH);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.body().as_slice(), br#"{"operationStatus":"failed","statusDetails":null}"#);

    // `PATCH /users/{id}` with `{"officeLocation": null}` clears the office, nothing else.
    let clear = generated::models::microsoft_graph::UserPatch { office_location: Patch::Null, ..Default::default() };
    let req = generated::endpoints::users::UpdateUser::new("4d1c", clear).request().unwrap();
    assert_eq!(req.uri().path(), "/v1.0/users/4d1c");
    assert_eq!(req.body().as_slice(), br#"{"officeLocation":null}"#);

    let denied = http::Response::builder()
        .status(403)
        .header("request-id", "r-1")
        .body(&br#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}"#[..])
        .unwrap();
    match GetGroupPolicyOperation::parse_response(&denied) {
        Err(e @ ResponseError::Graph { .. }) => {
            assert_eq!(e.code(), Some("Authorization_RequestDenied"));
            assert_eq!(e.request_id(), Some("r-1"));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
}

#[test]
fn sans_io_paging_of_a_collection_endpoint() {
    use generated::endpoints::operations::ListOperations;
    use generated::prelude::*;
    use generated::runtime::{Pager, BASE_URL};

    let (first, mut pager) = Pager::start(&ListOperations::new().top(1), BASE_URL).unwrap();
    assert_eq!(first.uri(), "https://graph.microsoft.com/v1.0/operations?$top=1");
    let page1 = http::Response::builder()
        .status(200)
        .body(
            &br#"{"value":[{"id":"1"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/operations?$skiptoken=a"}"#
                [..],
        )
        .unwrap();
    let page = pager.record(ListOperations::parse_response(&page1).unwrap());
    assert_eq!(page.items[0].id.as_deref(), Some("1"));
    let next = pager.next_request().unwrap().expect("a second page");
    assert_eq!(next.uri(), "https://graph.microsoft.com/v1.0/operations?$skiptoken=a");
    let page2 = http::Response::builder().status(200).body(&br#"{"value":[{"id":"2"}]}"#[..]).unwrap();
    pager.record(ListOperations::parse_response(&page2).unwrap());
    assert!(pager.next_request().unwrap().is_none());
    assert_eq!(pager.pages(), 2);
}
