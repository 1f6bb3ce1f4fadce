//! Includes that live above the folder a run reads (`docs/includes/` for a run on
//! `docs/ref/v1.0`), found by `--includes-root` or the walk up, and the deprecation and
//! national-cloud notices they and the pages carry into the IR.

use codegen_core::diag::Code;
use codegen_docs::pipeline::{self, Options, Output};
use std::fs;
use std::path::Path;

const LAMP_GET: &str = "---
title: \"Get lamp\"
description: \"Reads one lamp.\"
doc_type: apiPageType
ms.prod: lighting
---

# Get lamp

Namespace: microsoft.graph

[!INCLUDE [sunset](../../includes/sunset-lamp.md)]

Reads the properties of a lamp.

[!INCLUDE [national-cloud-support](../../includes/clouds-some.md)]

## HTTP request

<!-- { \"blockType\": \"ignored\" } -->
```http
GET /lamps/{id}
```

## Response

If successful, this method returns a `200 OK` response code and a [lamp](../resources/lamp.md) object in the response body.
";

const LAMP: &str = "---
title: \"lamp resource type\"
description: \"A lamp.\"
doc_type: resourcePageType
ms.prod: lighting
---

# lamp resource type

Namespace: microsoft.graph

> [!NOTE]
> This resource type has been deprecated. Use lantern instead.

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | Its id. |
| watts | Int32 | How much it draws. This property is deprecated. |

## JSON representation

<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.lamp\", \"keyProperty\": \"id\" } -->
```json
{ \"id\": \"String\", \"watts\": 1 }
```
";

const SWITCH_GET: &str = "---
title: \"Get switch (deprecated)\"
description: \"Reads one switch.\"
doc_type: apiPageType
ms.prod: lighting
---

# Get switch

Namespace: microsoft.graph

Reads a switch.

## National cloud availability

- Global service
- China operated by 21Vianet

## HTTP request

<!-- { \"blockType\": \"ignored\" } -->
```http
GET /switches/{id}
```
";

const SUNSET: &str = "> [!IMPORTANT]
> This API is deprecated and will stop returning data on 15 May 2032. Use the [glow](glow.md) API instead.
";

const CLOUDS: &str = "| Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet |
|---|---|---|---|
| ✅ | ❌ | ✅ | ❌ |
";

/// `top/docs/ref/v1.0/{api,resources}` with the includes in `includes_dir` (below `top`).
fn tree(includes_dir: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let top = dir.path().join("top");
    let input = top.join("docs/ref/v1.0");
    fs::create_dir_all(input.join("api")).expect("mkdir");
    fs::create_dir_all(input.join("resources")).expect("mkdir");
    fs::create_dir_all(top.join(includes_dir)).expect("mkdir");
    fs::write(input.join("api/lamp-get.md"), LAMP_GET).expect("write");
    fs::write(input.join("api/switch-get.md"), SWITCH_GET).expect("write");
    fs::write(input.join("resources/lamp.md"), LAMP).expect("write");
    fs::write(top.join(includes_dir).join("sunset-lamp.md"), SUNSET).expect("write");
    fs::write(top.join(includes_dir).join("clouds-some.md"), CLOUDS).expect("write");
    (dir, input)
}

fn run(input: &Path, includes_root: Option<&Path>) -> Output {
    pipeline::run_with(input, &Options { includes_root: includes_root.map(Path::to_path_buf) }).expect("readable")
}

fn missing(out: &Output) -> usize {
    out.diags.items.iter().filter(|d| d.code == Code::D0010).count()
}

#[test]
fn includes_in_an_ancestor_are_found_by_the_walk_up() {
    let (_dir, input) = tree("docs/includes");
    let out = run(&input, None);
    assert_eq!(missing(&out), 0, "{:?}", out.diags.items);
    let op = out.schema.operations.iter().find(|o| o.id == "get_lamp").expect("get_lamp");
    let dep = op.deprecated.as_ref().expect("the include says deprecated");
    assert_eq!(dep.date.as_deref(), Some("2032-05-15"));
    assert_eq!(dep.replacement.as_deref(), Some("glow API"));
    assert_eq!(op.availability, ["global", "us-gov-l5"]);
    // the included file is named as the page names it, relative to the input
    assert!(out.db.files.iter().any(|f| f.rel == "../../includes/sunset-lamp.md"));
}

#[test]
fn includes_elsewhere_need_includes_root() {
    let (_dir, input) = tree("shared/snippets");
    let alone = run(&input, None);
    assert_eq!(missing(&alone), 2, "both includes of the lamp page are missing");
    let hint = alone.diags.items.iter().find(|d| d.code == Code::D0010).and_then(|d| d.help.as_deref());
    assert!(hint.is_some_and(|h| h.contains("--includes-root")), "{hint:?}");
    let lamp = |out: &Output| out.schema.operations.iter().find(|o| o.id == "get_lamp").cloned().expect("get_lamp");
    assert!(lamp(&alone).availability.is_empty() && lamp(&alone).deprecated.is_none());
    let root = input.join("../../../shared/snippets");
    let with = run(&input, Some(&root));
    assert_eq!(missing(&with), 0, "{:?}", with.diags.items);
    let op = with.schema.operations.iter().find(|o| o.id == "get_lamp").expect("get_lamp");
    assert!(op.deprecated.is_some());
    assert_eq!(op.availability, ["global", "us-gov-l5"]);
}

#[test]
fn pages_saying_deprecated_mark_their_type_and_operation() {
    let (_dir, input) = tree("docs/includes");
    let out = run(&input, None);
    let lamp = out.schema.types.iter().find(|t| t.name == "lamp").expect("lamp");
    let dep = lamp.deprecated.as_ref().expect("the note says deprecated");
    assert_eq!(dep.replacement.as_deref(), Some("lantern"));
    assert!(lamp.availability.is_empty());
    // a title that says `(deprecated)` marks the operation, and its heading that does not
    // is reported
    let ids: Vec<&str> = out.schema.operations.iter().map(|o| o.id.as_str()).collect();
    let switch = out.schema.operations.iter().find(|o| o.source.ends_with("switch-get.md")).expect("get switch");
    assert_eq!(switch.id, "get_switch", "{ids:?}");
    assert!(switch.deprecated.is_some(), "{}", switch.id);
    assert_eq!(switch.availability, ["global", "china"], "its own section lists two clouds");
    assert_eq!(switch.id, "get_switch");
    assert!(out.diags.items.iter().any(|d| d.code == Code::D0021));
    // old IR without the fields still reads
    let json = serde_json::to_string(&out.schema).expect("json");
    let back: codegen_ir::Schema = serde_json::from_str(&json).expect("reads back");
    let lamp_back = back.types.iter().find(|t| t.name == "lamp").expect("lamp");
    assert_eq!(lamp_back.deprecated, lamp.deprecated);
    let get_back = back.operations.iter().find(|o| o.id == "get_lamp").expect("get_lamp");
    assert_eq!(get_back.availability, ["global", "us-gov-l5"]);
    let old: codegen_ir::Operation =
        serde_json::from_str(r#"{"id":"x","method":"GET","paths":[],"request_body":null,"parameters":[],"response":null,"permissions":{"delegated_work":[],"delegated_personal":[],"application":[]},"source":"a.md"}"#)
            .expect("old operation reads");
    assert!(old.deprecated.is_none() && old.availability.is_empty());
}

#[test]
fn the_walk_stops_at_the_repository_top() {
    // the includes sit above `docs/`, which is the top of a repository: not looked for
    let (_dir, input) = tree("includes");
    let top = input.join("../../..");
    let found = run(&input, None);
    assert_eq!(missing(&found), 0, "three folders up is within the walk");
    fs::create_dir_all(top.join("docs/.git")).expect("mkdir");
    let stopped = run(&input, None);
    assert_eq!(missing(&stopped), 2, "the walk ends at the folder holding `.git`");
    // and the same tree gives the same IR twice
    let again = run(&input, None);
    assert_eq!(
        serde_json::to_string(&stopped.schema).expect("json"),
        serde_json::to_string(&again.schema).expect("json")
    );
}

#[test]
fn only_a_path_that_climbs_is_looked_for_above_the_tree() {
    // two pages of one folder name the same missing file, one as `x.md` (beside the page),
    // one as `../x.md`; only the second is looked for above the tree, whichever comes first
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("docs/ref/v1.0");
    fs::create_dir_all(input.join("api")).expect("mkdir");
    fs::create_dir_all(input.join("resources")).expect("mkdir");
    let page = |title: &str, target: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndoc_type: conceptualPageType\n---\n\n# {title}\n\n[!INCLUDE [note]({target})]\n"
        )
    };
    fs::write(input.join("api/a-beside.md"), page("Beside", "x.md")).expect("write");
    fs::write(input.join("api/b-above.md"), page("Above", "../x.md")).expect("write");
    fs::write(dir.path().join("docs/ref/x.md"), "A note kept above the tree.\n").expect("write");
    let out = run(&input, None);
    let missing: Vec<&str> = out
        .diags
        .items
        .iter()
        .filter(|d| d.code == Code::D0010)
        .map(|d| out.db.files.get(d.span.file.0 as usize).map_or("?", |f| f.rel.as_str()))
        .collect();
    assert_eq!(missing, ["api/a-beside.md"], "{:?}", out.diags.items);
    assert!(out.db.files.iter().any(|f| f.rel == "../x.md"), "read as the page names it");
}
