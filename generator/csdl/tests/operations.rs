//! Metadata text -> the operations of a metadata-only IR: CRUD of the container's items,
//! one navigation step, bound and unbound actions and functions, capabilities.

mod common;

use codegen_ir::{CallableKind, Operation, ParamLocation, RootKind, Schema};

fn library() -> Schema {
    codegen_csdl::load(&common::fixture("library.xml")).expect("fixture").schema
}

fn paths(o: &Operation) -> Vec<String> {
    o.paths.iter().map(ToString::to_string).collect()
}

fn at<'a>(s: &'a Schema, method: &str, path: &str) -> Option<&'a Operation> {
    s.operations.iter().find(|o| o.method.as_str() == method && o.paths.iter().any(|p| *p == *path))
}

#[test]
fn roots_are_entity_sets_and_singletons() {
    let s = library();
    let roots: Vec<(&str, RootKind, &str)> =
        s.roots.iter().map(|r| (r.name.as_str(), r.kind, r.type_name.as_str())).collect();
    assert_eq!(
        roots,
        [
            ("catalog", RootKind::Singleton, "contoso.library.catalogRoot"),
            ("volumes", RootKind::EntitySet, "contoso.library.volume"),
            ("writers", RootKind::EntitySet, "contoso.library.writer"),
        ]
    );
}

#[test]
fn crud_of_sets_and_singletons_as_the_capabilities_allow() {
    let s = library();
    let list = at(&s, "GET", "/volumes").expect("list");
    let r = list.response.as_ref().expect("response");
    let body = r.body.as_ref().expect("body");
    assert_eq!((body.name.as_str(), body.collection), ("contoso.library.volume", true));
    assert!(list.query_options.contains(&"$search".to_string()), "{:?}", list.query_options);
    assert!(at(&s, "POST", "/volumes").is_some());
    assert!(at(&s, "PATCH", "/volumes/{volume-id}").is_some());
    assert!(at(&s, "DELETE", "/volumes/{volume-id}").is_none(), "Deletable=false");
    assert!(at(&s, "POST", "/writers").is_none(), "Insertable=false from an external annotation");
    let get = at(&s, "GET", "/writers").expect("list writers");
    assert!(get.headers.iter().any(|h| h.name == "Reader-Card" && h.required));
    assert!(!get.query_options.contains(&"$search".to_string()));
    assert!(at(&s, "GET", "/catalog").is_some() && at(&s, "PATCH", "/catalog").is_some());
    assert!(at(&s, "DELETE", "/catalog").is_none());
}

#[test]
fn one_navigation_step_contained_collections_writable() {
    let s = library();
    let one = at(&s, "GET", "/volumes/{volume-id}/writer").expect("single nav");
    assert_eq!(one.response.as_ref().and_then(|r| r.body.as_ref()).map(|b| b.collection), Some(false));
    assert!(at(&s, "POST", "/volumes/{volume-id}/loans").is_some(), "contained");
    assert!(at(&s, "PATCH", "/volumes/{volume-id}/loans/{loan-id}").is_some());
    assert!(at(&s, "POST", "/writers/{writer-id}/works").is_none(), "not contained");
    assert!(at(&s, "GET", "/catalog/featured/{volume-id}").is_some());
    let keys: Vec<&str> = at(&s, "GET", "/volumes/{volume-id}/loans/{loan-id}")
        .expect("item")
        .parameters
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(keys, ["volume-id", "loan-id"]);
}

#[test]
fn bound_callables_at_every_address_of_their_binding_type() {
    let s = library();
    let renew = s.operations.iter().find(|o| o.callable.as_ref().is_some_and(|c| c.name == "contoso.library.renew"));
    let renew = renew.expect("renew");
    assert_eq!(renew.method.as_str(), "POST");
    assert!(paths(renew).contains(&"/volumes/{volume-id}/renew".to_string()), "{:?}", renew.paths);
    assert!(paths(renew).contains(&"/catalog/featured/{volume-id}/renew".to_string()));
    assert!(renew.parameters.iter().any(|p| p.name == "days" && p.location == ParamLocation::Body && p.required));
    let c = renew.callable.as_ref().expect("callable");
    assert_eq!(c.kind, CallableKind::Action);
    assert_eq!(c.bound_to.as_ref().map(|b| b.name.as_str()), Some("contoso.library.volume"));
    let search = s.operations.iter().find(|o| o.title.starts_with("search")).expect("search");
    assert_eq!(search.method.as_str(), "GET");
    assert!(paths(search).contains(&"/volumes/search(text='{text}')".to_string()), "{:?}", search.paths);
    let orphan = s.operations.iter().find(|o| o.title.starts_with("orphan")).expect("orphan");
    // loans are reached only two steps down (`/volumes/{id}/loans/{id}`)
    assert!(paths(orphan).iter().all(|p| p.contains("/loans/")), "{:?}", orphan.paths);
    assert!(at(&s, "POST", "/reindex").is_some(), "action import");
}
