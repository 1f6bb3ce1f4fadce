//! The official Graph v1.0 metadata (`../shared/eval/graph-v1.0-csdl.xml`): read with no
//! error, with the counts of its types, roots and callables.

mod common;

use codegen_core::diag::Severity;
use codegen_ir::TypeKind;

#[test]
fn graph_v1_reads_without_errors_with_the_expected_counts() {
    let path = common::shared().join("eval/graph-v1.0-csdl.xml");
    let l = codegen_csdl::load(&path).expect("the v1.0 metadata");
    let errors: Vec<&str> =
        l.diags.items.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.as_str()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let count = |k: TypeKind| l.schema.types.iter().filter(|t| t.kind == k).count();
    assert_eq!(
        (l.schema.types.len(), count(TypeKind::Entity), count(TypeKind::Complex), count(TypeKind::Enum)),
        (1344, 507, 515, 322)
    );
    let namespaces: std::collections::BTreeSet<&str> = l.schema.types.iter().map(|t| t.namespace.as_str()).collect();
    assert_eq!(namespaces.len(), 3);
    assert_eq!(l.schema.roots.len(), 63, "40 entity sets and 23 singletons");
    let properties: usize = l.schema.types.iter().map(|t| t.properties.len()).sum();
    let members: usize = l.schema.types.iter().map(|t| t.members.len()).sum();
    assert_eq!((properties, members), (4850 + 603, 1787));
    let callables = l.schema.operations.iter().filter(|o| o.callable.is_some()).count();
    assert_eq!(callables, 596 + 212, "an operation per action and function");
    // what the metadata itself gets wrong: entity types with no key, two stale targets
    let codes: Vec<&str> = l.diags.items.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes.iter().filter(|c| **c == "C0107").count(), 5);
    assert_eq!(codes.iter().filter(|c| **c == "C0109").count(), 2);
    assert_eq!(codes.len(), 7);
}
