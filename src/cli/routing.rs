//! `buzon routing check`: where sample cases go under the routing file, and the rules or the
//! fallback that can never take part. Reads the files only; the database is not opened.

use std::path::Path;

use crate::config::Settings;
use crate::domain::Lang;
use crate::i18n::Catalog;
use crate::routing::Routing;

pub async fn check(config: &Path) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let path = &settings.routing;
    if !path.exists() {
        anyhow::bail!(
            "{}: no routing file, so `buzon serve` would run in demo mode; copy \
             config/routing.example.toml there and put in each body's keys",
            path.display()
        );
    }
    let routing = Routing::load(path)?;
    let catalog = Catalog::embedded_or(settings.locales.as_deref())?;
    print!(
        "{}",
        report(&routing, &catalog, &path.display().to_string())
    );
    Ok(())
}

fn report(routing: &Routing, catalog: &Catalog, file: &str) -> String {
    use std::fmt::Write as _;
    let es = Lang::spanish();
    let mut out = String::new();
    let routes = routing.sample_routes();
    let total: usize = routes.iter().map(|r| r.cases).sum();
    let _ = writeln!(
        out,
        "{file}: {} orgs, {} rules, fallback: {}",
        routing.orgs().count(),
        routing.rule_count(),
        routing.names(routing.fallback())
    );
    let _ = writeln!(
        out,
        "where {total} sample cases go (every violation and perpetrator; state unknown or named by a rule):"
    );
    for r in &routes {
        let (v, p, s) = r.example;
        let _ = writeln!(
            out,
            "  {:>5} → {}\n        e.g. violation {} ({}), perpetrator {} ({}), state {}",
            r.cases,
            routing.names(&r.to),
            v.code(),
            catalog.get(&es, &v.label_id()),
            p.code(),
            catalog.get(&es, &p.label_id()),
            catalog.get(&es, &s.label_id()),
        );
    }
    let warnings = routing.warnings();
    if warnings.is_empty() {
        let _ = writeln!(out, "no warnings");
    }
    for w in warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
