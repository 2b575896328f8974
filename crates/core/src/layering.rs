//! The layering, checked: no HTTP, database, async-runtime or bot crate is reachable from the
//! core, directly or through another dependency. The core cannot name the edge (`buzon`)
//! either, since the edge depends on it; this test keeps someone from adding a framework to
//! `crates/core/Cargo.toml` to get around that.

use std::collections::{BTreeMap, BTreeSet};

/// Crates that do I/O for the edge. Reaching any of them from the core is a layering break.
const EDGE: &[&str] = &[
    "axum",
    "hyper",
    "reqwest",
    "sqlx",
    "sqlx-core",
    "teloxide",
    "teloxide-core",
    "tokio",
    "tower",
    "buzon",
];

/// Every package reachable from `root` through normal, build and dev dependencies, as
/// recorded in `Cargo.lock` (which cargo keeps equal to the manifests).
fn reachable(lock: &str, root: &str) -> BTreeSet<String> {
    let lock: toml::Table = toml::from_str(lock).expect("Cargo.lock is TOML");
    let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for package in lock["package"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("name").to_owned();
        let list: Vec<String> = package
            .get("dependencies")
            .and_then(|d| d.as_array())
            .map(|d| {
                d.iter()
                    .filter_map(|v| v.as_str())
                    // "name" or "name version" or "name version (source)".
                    .filter_map(|v| v.split_whitespace().next())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        deps.entry(name).or_default().extend(list);
    }
    let mut seen = BTreeSet::new();
    let mut todo = vec![root.to_owned()];
    while let Some(name) = todo.pop() {
        if seen.insert(name.clone()) {
            todo.extend(deps.get(&name).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn the_core_depends_on_no_edge_crate() {
    let lock = std::fs::read_to_string(crate::repo_root().join("Cargo.lock")).expect("lock");
    let core = reachable(&lock, "buzon-core");
    assert!(
        core.contains("age") && core.contains("fluent-bundle"),
        "{core:?}"
    );
    let breaks: Vec<&&str> = EDGE.iter().filter(|c| core.contains(**c)).collect();
    assert!(
        breaks.is_empty(),
        "the core reaches edge crates: {breaks:?}"
    );
    // The check itself sees edge crates where they are.
    let edge = reachable(&lock, "buzon");
    assert!(edge.contains("tokio") && edge.contains("sqlx") && edge.contains("buzon-core"));
}
