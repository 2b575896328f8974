//! Embeds every `locales/<lang>/*.ftl` (at the repository's top) into the binary for
//! `buzon inbox` (which runs on an analyst's machine without the folder). Adding a language
//! folder needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=../../locales");
    // The catalogue lives at the repository's top, two folders above this crate.
    let top = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = top.join("locales");
    let mut entries = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&root) {
        for dir in dirs.flatten() {
            let lang = dir.file_name().to_string_lossy().into_owned();
            if !dir.path().is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", dir.path().display());
            if let Ok(files) = std::fs::read_dir(dir.path()) {
                for f in files.flatten() {
                    let p = f.path();
                    if p.extension().is_some_and(|e| e == "ftl") {
                        println!("cargo:rerun-if-changed={}", p.display());
                        entries.push((lang.clone(), p));
                    }
                }
            }
        }
    }
    entries.sort();
    let mut out = String::from("/// Every Fluent file under `locales/`, compiled in.\n");
    out.push_str("pub(crate) const EMBEDDED: &[(&str, &str, &str)] = &[\n");
    for (lang, path) in entries {
        let _ = writeln!(
            out,
            "    ({lang:?}, {name:?}, include_str!({path:?})),",
            name = path
                .strip_prefix(&top)
                .unwrap_or(&path)
                .display()
                .to_string(),
            path = path.display().to_string(),
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_locales.rs");
    std::fs::write(dest, out).expect("write embedded locales");
}
