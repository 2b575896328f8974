//! API tokens can be listed, scoped and revoked (issue 12, item 8): a leaked token stops at
//! once on every instance, the web form takes only a token of its own scope, and a web session
//! ends at logout and with its token.

use std::process::Command;

use serde_json::Value;

use crate::both_databases;
use crate::helpers::{Db, TestApp, bin, run_ok, spawn_app};
use crate::web_form::{client, filing, hidden, login, post_file};

/// `buzon org ARGS… --config <the app's config>`, as an operator types it: (success, stdout,
/// stderr).
fn org(app: &TestApp, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(bin())
        .arg("org")
        .args(args)
        .arg("--config")
        .arg(&app.config)
        .output()
        .expect("buzon runs");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The fields (split on tabs) of the one line of `buzon org tokens <org>` containing `needle`.
fn listed(app: &TestApp, org_id: &str, needle: &str) -> Vec<String> {
    let (ok, out, err) = org(app, &["tokens", org_id]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(needle)).collect();
    assert_eq!(lines.len(), 1, "one token with {needle} in {out}");
    lines[0].split('\t').map(str::to_owned).collect()
}

async fn a_leaked_token_is_listed_without_itself_revoked_with_the_cli_and_refused_at_once_on_every_instance(
    db: Db,
) {
    let app = spawn_app(db).await;
    // Two instances on one PostgreSQL database; SQLite serves one (the CLI is another process).
    let second = match db {
        Db::Postgres => Some(app.second_instance().await),
        Db::Sqlite => None,
    };
    let instances: Vec<&TestApp> = std::iter::once(&app).chain(second.as_ref()).collect();

    let (ok, leaked, err) = org(&app, &["token", "cndh", "--label", "Portátil de guardia"]);
    assert!(ok, "{err}");
    let leaked = leaked.trim().to_owned();
    let kept = app.token_for("cndh");
    for inst in &instances {
        assert_eq!(inst.api_get("/api/v1/cases", &leaked).await.status(), 200);
    }

    // Listed: a short id, the day, the scope, the label; never the token or any part of it.
    let (ok, out, _) = org(&app, &["tokens", "cndh"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 2, "{out}");
    for t in [&leaked, &kept] {
        let secret = t.strip_prefix("bzn_").expect("bzn_ token");
        assert!(!out.contains(&secret[..8]), "no token in the list: {out}");
    }
    let line = listed(&app, "cndh", "Portátil de guardia");
    assert_eq!(line.len(), 4, "{line:?}");
    let id = line[0].clone();
    assert!(
        id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    assert_eq!(line[1], format!("issued {}", buzon::domain::Day::today()));
    assert_eq!(line[2], "inbox", "inbox is the default scope");
    assert!(
        err.contains(&id),
        "issuing names the id to revoke by: {err}"
    );
    let (_, other_orgs, _) = org(&app, &["tokens", "oic"]);
    assert!(!other_orgs.contains(&id), "{other_orgs}");

    // Revoked as a user types it.
    let (ok, out, err) = org(&app, &["revoke", &id]);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("revoked token {id} of cndh")),
        "{out}"
    );

    // At once, on every instance: no list, no envelope, no ack (which would start retention).
    for inst in &instances {
        let r = inst.api_get("/api/v1/cases", &leaked).await;
        assert_eq!(r.status(), 401);
        let body: Value = r.json().await.expect("json");
        assert_eq!(body["error"], "unauthorized");
        let case = "0".repeat(32);
        let r = inst
            .api_get(&format!("/api/v1/cases/{case}/envelope"), &leaked)
            .await;
        assert_eq!(r.status(), 401);
        let r = inst
            .api_post(&format!("/api/v1/cases/{case}/ack"), &leaked)
            .await;
        assert_eq!(r.status(), 401);
        // The org's other token is untouched.
        assert_eq!(inst.api_get("/api/v1/cases", &kept).await.status(), 200);
    }
    let (_, out, _) = org(&app, &["tokens", "cndh"]);
    assert!(!out.contains(&id), "a revoked token is not listed: {out}");
    let (ok, _, err) = org(&app, &["revoke", &id]);
    assert!(!ok, "revoking twice says so");
    assert!(err.contains("no token"), "{err}");
}
both_databases!(
    a_leaked_token_is_listed_without_itself_revoked_with_the_cli_and_refused_at_once_on_every_instance
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_label_with_control_characters_or_too_long_is_refused_and_nothing_is_issued() {
    let app = spawn_app(Db::Sqlite).await;
    for bad in [
        "\u{1b}[2Jcleared",
        "line\nbreak",
        "abc\u{202e}fed",
        &"x".repeat(65),
    ] {
        let (ok, out, err) = org(&app, &["token", "cndh", "--label", bad]);
        assert!(!ok, "{bad:?} refused");
        assert!(out.is_empty(), "no token printed: {out}");
        assert!(err.contains("label"), "{err}");
    }
    let (ok, _, err) = org(&app, &["token", "cndh", "--scope", "admin"]);
    assert!(!ok && err.contains("scope"), "{err}");
    // A web-form token only for a shelter that files for people.
    let (ok, out, err) = org(&app, &["token", "cndh", "--scope", "shelter-form"]);
    assert!(!ok && out.is_empty(), "{err}");
    let (_, out, _) = org(&app, &["tokens", "cndh"]);
    assert_eq!(out.trim(), "no tokens for cndh");
}

async fn a_shelter_form_token_files_through_the_web_form_but_cannot_list_download_or_ack(db: Db) {
    let app = spawn_app(db).await;
    let inbox = app.token_for("albergue");
    let form = app.form_token_for("albergue");
    assert_eq!(
        listed(&app, "albergue", "\tshelter-form")[2],
        "shelter-form"
    );
    assert_eq!(listed(&app, "albergue", "\tinbox")[2], "inbox");

    // The inbox token (downloads and acks) does not open the web form.
    let resp = client()
        .post(format!("{}/shelter/login", app.address))
        .form(&[("token", inbox.as_str()), ("lang", "es")])
        .send()
        .await
        .expect("login");
    assert_eq!(resp.status(), 403);
    assert!(resp.headers().get("set-cookie").is_none(), "no session");
    let page = resp.text().await.expect("html");
    assert!(page.contains("--scope shelter-form"), "{page}");

    // The form token does, and files a case with a copy for the shelter.
    let (cookie, _) = login(&app, &form).await;
    let html = client()
        .get(format!("{}/shelter?lang=es", app.address))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    let (csrf, form_id) = (hidden(&html, "csrf"), hidden(&html, "form_id"));
    let resp = post_file(&app, &cookie, Some(&app.address), &filing(&csrf, &form_id)).await;
    assert_eq!(resp.status(), 200);
    let cases = app.case_list(&inbox).await;
    assert_eq!(cases.len(), 1, "the shelter's own copy");
    let id = cases[0]["case_id"].as_str().expect("case id").to_owned();

    // The form token on the recipient API: 403 with a JSON error, for a case it would see.
    let envelope = format!("/api/v1/cases/{id}/envelope");
    let ack = format!("/api/v1/cases/{id}/ack");
    for r in [
        app.api_get("/api/v1/cases", &form).await,
        app.api_get(&envelope, &form).await,
        app.api_post(&ack, &form).await,
    ] {
        assert_eq!(r.status(), 403);
        let body: Value = r.json().await.expect("json");
        assert_eq!(body["error"], "forbidden");
        assert!(
            body["message"]
                .as_str()
                .expect("message")
                .contains("web form"),
            "{body}"
        );
    }
    let cases = app.case_list(&inbox).await;
    assert!(
        cases[0]["acked_on"].is_null(),
        "not acknowledged: {cases:?}"
    );
    // The follow-up of the shelter's filed cases is the form's too.
    let r = app.api_get("/api/v1/assisted", &form).await;
    assert_eq!(r.status(), 200);
    // The inbox token still downloads.
    assert_eq!(app.api_get(&envelope, &inbox).await.status(), 200);
}
both_databases!(a_shelter_form_token_files_through_the_web_form_but_cannot_list_download_or_ack);

/// `GET /shelter` with a cookie: whether it shows the form (a live session) or the login page.
async fn form_opens(inst: &TestApp, cookie: &str) -> bool {
    let html = client()
        .get(format!("{}/shelter?lang=es", inst.address))
        .header("cookie", cookie)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    html.contains("name=\"csrf\"")
}

/// A POST of the review step with a cookie and its CSRF token: its status.
async fn review_status(inst: &TestApp, cookie: &str, csrf: &str) -> u16 {
    client()
        .post(format!("{}/shelter/review", inst.address))
        .header("cookie", cookie)
        .form(&[("csrf", csrf), ("lang", "es")])
        .send()
        .await
        .expect("review")
        .status()
        .as_u16()
}

async fn a_web_session_ends_at_logout_and_when_its_token_is_revoked(db: Db) {
    let app = spawn_app(db).await;
    let second = match db {
        Db::Postgres => Some(app.second_instance().await),
        Db::Sqlite => None,
    };
    let instances: Vec<&TestApp> = std::iter::once(&app).chain(second.as_ref()).collect();
    let form = app.form_token_for("albergue");

    // Logout: the old cookie, replayed, opens nothing (on any instance).
    let (cookie, _) = login(&app, &form).await;
    assert!(form_opens(&app, &cookie).await);
    let html = client()
        .get(format!("{}/shelter?lang=es", app.address))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    let csrf = hidden(&html, "csrf");
    assert_eq!(
        review_status(&app, &cookie, &csrf).await,
        422,
        "live session"
    );
    let resp = client()
        .post(format!("{}/shelter/logout", app.address))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("lang", "es")])
        .send()
        .await
        .expect("logout");
    assert_eq!(resp.status(), 303);
    for inst in &instances {
        assert!(!form_opens(inst, &cookie).await, "logged out");
        assert_eq!(review_status(inst, &cookie, &csrf).await, 401);
    }

    // Revocation: an open session stops at once, everywhere.
    let (cookie, _) = login(&app, &form).await;
    for inst in &instances {
        assert!(form_opens(inst, &cookie).await);
    }
    let id = listed(&app, "albergue", "\tshelter-form")[0].clone();
    run_ok(&[
        "org".as_ref(),
        "revoke".as_ref(),
        id.as_ref(),
        "--config".as_ref(),
        app.config.as_os_str(),
    ]);
    for inst in &instances {
        assert!(!form_opens(inst, &cookie).await, "revoked");
        let html = client()
            .get(format!("{}/shelter?lang=es", inst.address))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(html.contains("name=\"token\""), "the login page");
        assert_eq!(review_status(inst, &cookie, &csrf).await, 401);
    }
    // And the token logs in no more.
    let resp = client()
        .post(format!("{}/shelter/login", app.address))
        .form(&[("token", form.as_str()), ("lang", "es")])
        .send()
        .await
        .expect("login");
    assert_eq!(resp.status(), 401);
    assert_eq!(app.counts().await.cases, 0);
}
both_databases!(a_web_session_ends_at_logout_and_when_its_token_is_revoked);
