//! The same input gives the same IR and diagnostics, whatever the number of threads.

mod common;

fn run_with(threads: usize) -> (String, Vec<String>) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
    pool.install(|| {
        let out = codegen_docs::pipeline::run(&common::seeds()).expect("seeds readable");
        let ir = serde_json::to_string(&out.schema).expect("json");
        let diags = out.diags.items.iter().map(|d| codegen_core::render::json_line(&out.db, d)).collect();
        (ir, diags)
    })
}

#[test]
fn one_thread_and_many_give_identical_output() {
    let a = run_with(1);
    let b = run_with(4);
    let c = run_with(4);
    assert_eq!(a, b);
    assert_eq!(b, c);
}
