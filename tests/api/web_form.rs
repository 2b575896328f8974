//! The shelters' web form (`/shelter`): filed in a real headless Chromium and read back with
//! `buzon inbox pull`; CSRF, origin, sessions, double submits and headers over plain HTTP.

mod browser;

use std::path::Path;

use browser::Browser;
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{Db, TestApp, receipt_in, spawn_app};
use crate::telegram::{has, jpeg_with_gps};

/// `buzon inbox pull` for `org` into a fresh folder; the complaints it wrote, by story.
fn pull(app: &TestApp, org: &str, token: &str) -> Vec<Value> {
    let out = app.dir.path().join(format!("inbox-{org}"));
    app.inbox_pull(org, token, &out);
    let Ok(dirs) = std::fs::read_dir(&out) else {
        return Vec::new();
    };
    dirs.flatten()
        .filter(|d| d.path().is_dir())
        .map(|d| {
            let text = std::fs::read_to_string(d.path().join("complaint.json")).expect("json");
            let mut v: Value = serde_json::from_str(&text).expect("valid json");
            v["_dir"] = Value::String(d.path().display().to_string());
            v
        })
        .collect()
}

fn by_story<'a>(cases: &'a [Value], word: &str) -> Option<&'a Value> {
    cases
        .iter()
        .find(|c| c["narrative"].to_string().contains(word))
}

async fn a_shelter_files_two_cases_in_a_real_browser_and_each_body_reads_exactly_the_persons_choices(
    db: Db,
) {
    let app = spawn_app(db).await;
    let shelter_token = app.token_for("albergue");
    let form_token = app.form_token_for("albergue");
    let cndh_token = app.token_for("cndh");
    let b = Browser::start().await;
    let photo = app.dir.path().join("foto.jpg");
    std::fs::write(&photo, jpeg_with_gps()).expect("photo");

    // A body that is not a shelter cannot log in.
    b.goto(&format!("{}/shelter?lang=es", app.address)).await;
    b.type_into("#token", &cndh_token).await;
    b.submit("#login").await;
    let page = b.source().await;
    assert!(page.contains("no es de un albergue"), "{page}");
    assert!(b.cookies().await.is_empty(), "no session for a non-shelter");

    b.type_into("#token", &form_token).await;
    b.submit("#login").await;
    assert!(b.text("h1").await.contains("Nueva denuncia"));
    let cookies = b.cookies().await;
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert_eq!(cookies[0]["httpOnly"], Value::Bool(true));
    assert_eq!(cookies[0]["sameSite"], "Strict");
    assert_eq!(cookies[0]["path"], "/shelter");
    assert!(
        !cookies[0]["value"].to_string().contains(&form_token),
        "the token is never kept"
    );

    // Person 1: French, interpreted, identity for the CNDH, a copy for the shelter without it.
    b.click("#present").await;
    b.select("person_lang", "fr").await;
    b.click("#interpreted-yes").await;
    b.type_into(
        "#story",
        "Agentes del INM me quitaron el dinero en el retén. PRIMERA",
    )
    .await;
    b.select("violation", "2").await;
    b.select("perpetrator", "1").await;
    b.select("state", "CHP").await;
    b.select("when", "1").await;
    b.submit("#next").await;
    let review = b.source().await;
    assert!(review.contains("OIC en el INM, CNDH"), "{review}");
    b.click("#send_to-routed").await;
    b.click("#shelter_copy-yes").await;
    b.click("#identity-yes").await;
    b.type_into("#name", "Marie Joseph").await;
    b.type_into("#nationality", "haitiana").await;
    b.type_into("#age", "31").await;
    b.type_into("#contact", "por el albergue, turno de noche")
        .await;
    b.click("#identity_in_copy-no").await;
    b.type_into("#files", &photo.display().to_string()).await;
    b.submit("#file").await;
    let receipt_fr = b.text("#receipt").await;
    assert!(
        receipt_fr.contains("STATUT") && receipt_in(&receipt_fr).is_some(),
        "the receipt in the person's language: {receipt_fr}"
    );

    // Person 2, right after: anonymous, no copy for the shelter.
    b.submit("#another").await;
    b.click("#present").await;
    b.select("person_lang", "es").await;
    b.click("#interpreted-no").await;
    b.type_into("#story", "Me golpearon agentes de migración. SEGUNDA")
        .await;
    b.select("violation", "3").await;
    b.select("perpetrator", "1").await;
    b.select("state", "OAX").await;
    b.select("when", "2").await;
    b.submit("#next").await;
    b.click("#send_to-routed").await;
    b.click("#shelter_copy-no").await;
    b.click("#identity-no").await;
    b.submit("#file").await;
    let receipt_es = b.text("#receipt").await;
    assert!(receipt_es.contains("ESTADO") && receipt_in(&receipt_es).is_some());
    drop(b);

    let cndh = pull(&app, "cndh", &cndh_token);
    assert_eq!(cndh.len(), 2);
    let first = by_story(&cndh, "PRIMERA").expect("first case at the CNDH");
    assert_eq!(first["channel"], "web");
    assert_eq!(first["assisted"]["shelter"]["id"], "albergue");
    assert_eq!(first["assisted"]["interpreted"], Value::Bool(true));
    assert_eq!(first["assisted"]["person_language"], "fr");
    assert_eq!(first["assisted"]["shelter_copy"], Value::Bool(true));
    assert_eq!(first["identity"]["name"], "Marie Joseph");
    assert_eq!(first["identity"]["age"], "31");
    let to: Vec<&str> = first["identity_given_to"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert_eq!(to, ["cndh"], "identity to the CNDH only");
    // The picture: a working copy without EXIF, and the untouched original.
    let dir = Path::new(first["_dir"].as_str().expect("dir"));
    let working = std::fs::read(dir.join("01-photo.jpg")).expect("working copy");
    let original = std::fs::read(dir.join("01-photo.original.jpg")).expect("original");
    assert!(!has(&working, b"Exif") && has(&original, b"Exif"));
    assert_eq!(original, jpeg_with_gps());
    let second = by_story(&cndh, "SEGUNDA").expect("second case at the CNDH");
    assert!(second["identity"].is_null(), "anonymous");
    assert_eq!(second["assisted"]["shelter_copy"], Value::Bool(false));
    assert_eq!(second["channel"], "web");

    let oic_token = app.token_for("oic");
    let oic = pull(&app, "oic", &oic_token);
    assert_eq!(oic.len(), 2);
    assert!(
        oic.iter().all(|c| c["identity"].is_null()),
        "no identity at the OIC"
    );

    let shelter = pull(&app, "albergue", &shelter_token);
    assert_eq!(shelter.len(), 1, "a copy only where the person chose one");
    assert!(by_story(&shelter, "PRIMERA").is_some());
    assert!(
        shelter[0]["identity"].is_null(),
        "the copy without identity"
    );
    let fgr_token = app.token_for("fgr");
    assert!(pull(&app, "fgr", &fgr_token).is_empty());

    // The clear metadata says only that the cases were assisted.
    let list = app.case_list(&cndh_token).await;
    assert!(list.iter().all(|c| c["assisted"] == Value::Bool(true)));
    assert!(list.iter().all(|c| c["channel"] == "web"));
}
both_databases!(
    a_shelter_files_two_cases_in_a_real_browser_and_each_body_reads_exactly_the_persons_choices
);

// ---- Plain HTTP: what a browser hides (headers, refused requests). ----

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Logs in with a token; the session cookie (`name=value`) and the `Set-Cookie` line.
pub(crate) async fn login(app: &TestApp, token: &str) -> (String, String) {
    let resp = client()
        .post(format!("{}/shelter/login", app.address))
        .form(&[("token", token), ("lang", "es")])
        .send()
        .await
        .expect("login");
    assert_eq!(resp.status(), 303);
    let set = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_owned();
    let pair = set.split(';').next().expect("pair").to_owned();
    (pair, set)
}

/// The value of a hidden field in a page.
pub(crate) fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("field") + marker.len();
    html[start..].split('"').next().expect("value").to_owned()
}

/// A multipart body with text fields; a `files` field is sent as a plain-text file, and an
/// empty file input follows, as a browser sends one.
pub(crate) fn multipart(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "----buzon-test-boundary";
    let mut body = String::new();
    for (k, v) in fields {
        let file = if *k == "files" {
            "; filename=\"note.txt\"\r\nContent-Type: text/plain"
        } else {
            ""
        };
        body += &format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"{file}\r\n\r\n{v}\r\n"
        );
    }
    body += &format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

/// A complete filing (anonymous, copy for the shelter), as the review page posts it.
pub(crate) fn filing<'a>(csrf: &'a str, form_id: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("lang", "es"),
        ("form_id", form_id),
        ("present", "yes"),
        ("person_lang", "es"),
        ("interpreted", "no"),
        ("story", "Agentes me quitaron los papeles en la estación."),
        ("violation", "10"),
        ("perpetrator", "1"),
        ("state", "CHP"),
        ("when", "1"),
        ("send_to", "routed"),
        ("shelter_copy", "yes"),
        ("identity", "no"),
    ]
}

pub(crate) async fn post_file(
    app: &TestApp,
    cookie: &str,
    origin: Option<&str>,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (kind, body) = multipart(fields);
    let mut req = client()
        .post(format!("{}/shelter/file", app.address))
        .header("cookie", cookie)
        .header("content-type", kind)
        .body(body);
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    req.send().await.expect("post")
}

/// A logged-in session: its cookie, and the CSRF token and form id of a fresh form.
pub(crate) async fn fresh_form(app: &TestApp) -> (String, String, String) {
    let token = app.form_token_for("albergue");
    let (cookie, _) = login(app, &token).await;
    let html = client()
        .get(format!("{}/shelter?lang=es", app.address))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    (cookie, hidden(&html, "csrf"), hidden(&html, "form_id"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_without_or_with_a_wrong_csrf_token_or_from_another_site_is_refused_and_files_nothing()
 {
    let app = spawn_app(Db::Sqlite).await;
    let (cookie, csrf, form_id) = fresh_form(&app).await;
    let own = app.address.clone();

    let mut without = filing(&csrf, &form_id);
    without.retain(|(k, _)| *k != "csrf");
    let resp = post_file(&app, &cookie, Some(&own), &without).await;
    assert_eq!(resp.status(), 403);
    assert!(
        resp.text()
            .await
            .expect("html")
            .contains("No se envió nada")
    );

    let wrong = "0".repeat(csrf.len());
    let mut forged = filing(&wrong, &form_id);
    forged.push(("csrf", &csrf)); // only the first value counts
    assert_eq!(
        post_file(&app, &cookie, Some(&own), &forged).await.status(),
        403
    );

    // Another session's token is not this session's.
    let (other_cookie, _, _) = fresh_form(&app).await;
    let resp = post_file(&app, &other_cookie, Some(&own), &filing(&csrf, &form_id)).await;
    assert_eq!(resp.status(), 403);

    // The right token from another site's page.
    let resp = post_file(
        &app,
        &cookie,
        Some("https://evil.example"),
        &filing(&csrf, &form_id),
    )
    .await;
    assert_eq!(resp.status(), 403);
    // A browser says so in Sec-Fetch-Site, even when it sends `Origin: null`.
    let (kind, body) = multipart(&filing(&csrf, &form_id));
    let resp = client()
        .post(format!("{}/shelter/file", app.address))
        .header("cookie", &cookie)
        .header("content-type", kind)
        .header("origin", "null")
        .header("sec-fetch-site", "cross-site")
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), 403);
    assert_eq!(app.counts().await.cases, 0, "nothing was filed");

    // The same request with the token, from the page itself, files.
    let resp = post_file(&app, &cookie, Some(&own), &filing(&csrf, &form_id)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(app.counts().await.cases, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_submit_files_once_and_bad_input_keeps_the_answers_escaped() {
    let app = spawn_app(Db::Sqlite).await;
    let (cookie, csrf, form_id) = fresh_form(&app).await;
    let own = app.address.clone();

    // A missing answer: the form again, with a message, the story kept and escaped.
    let story = "<script>alert(1)</script> Me robaron & amenazaron";
    let resp = client()
        .post(format!("{}/shelter/review", app.address))
        .header("cookie", &cookie)
        .header("origin", &own)
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "es"),
            ("form_id", form_id.as_str()),
            ("present", "yes"),
            ("person_lang", "es"),
            ("interpreted", "no"),
            ("story", story),
            ("perpetrator", "1"),
            ("state", "CHP"),
            ("when", "1"),
        ])
        .send()
        .await
        .expect("review");
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.expect("html");
    assert!(html.contains("Elija qué abuso"), "{html}");
    assert!(!html.contains("<script>alert"), "user text is escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Me robaron &amp; amenazaron"));
    assert!(html.contains("value=\"CHP\" selected"), "answers kept");

    // A file of a kind Buzón does not take: the review again, choices kept, nothing filed.
    let mut with_text_file = filing(&csrf, &form_id);
    with_text_file.push(("files", "just some text"));
    let resp = post_file(&app, &cookie, Some(&own), &with_text_file).await;
    assert_eq!(resp.status(), 422);
    let html = resp.text().await.expect("html");
    assert!(html.contains("Archivos: hasta 10 archivos"), "{html}");
    assert!(html.contains("id=\"shelter_copy-yes\" value=\"yes\" required checked"));
    assert_eq!(app.counts().await.cases, 0);

    let first = post_file(&app, &cookie, Some(&own), &filing(&csrf, &form_id)).await;
    assert_eq!(first.status(), 200);
    assert!(receipt_in(&first.text().await.expect("html")).is_some());
    let again = post_file(&app, &cookie, Some(&own), &filing(&csrf, &form_id)).await;
    assert_eq!(again.status(), 409);
    assert!(again.text().await.expect("html").contains("ya se envió"));
    assert_eq!(app.counts().await.cases, 1, "one case for one form");
    // The form's dedupe row is written with the case: no time finer than a day beside it.
    let expiries = app.seen_expiries().await;
    assert!(!expiries.is_empty());
    assert!(expiries.iter().all(|t| t % 86_400 == 0), "{expiries:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shelter_page_has_strict_headers_and_a_bad_session_goes_back_to_login() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.form_token_for("albergue");
    let (cookie, set) = login(&app, &token).await;
    for attr in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/shelter",
        "Secure",
        "Max-Age=28800",
    ] {
        assert!(set.contains(attr), "{attr} in {set}");
    }
    assert!(!set.contains(&token));

    // A non-shelter's token gets no session.
    let oic = app.token_for("oic");
    let resp = client()
        .post(format!("{}/shelter/login", app.address))
        .form(&[("token", oic.as_str())])
        .send()
        .await
        .expect("login");
    assert_eq!(resp.status(), 403);
    assert!(resp.headers().get("set-cookie").is_none());

    let tampered = format!("{cookie}0");
    let pages = [
        ("GET", "/shelter", None),
        ("GET", "/shelter?lang=ar", Some(cookie.as_str())),
        ("GET", "/shelter/style.css", None),
        ("POST", "/shelter/review", Some(tampered.as_str())),
        ("POST", "/shelter/file", None),
    ];
    for (method, path, cookie) in pages {
        let mut req = client().request(
            method.parse().expect("method"),
            format!("{}{path}", app.address),
        );
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        if method == "POST" {
            req = req
                .header("content-type", "application/x-www-form-urlencoded")
                .body("lang=es");
        }
        let resp = req.send().await.expect("request");
        let h = resp.headers();
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        for part in [
            "default-src 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {part} in {csp}");
        }
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let status = resp.status();
        let body = resp.text().await.expect("body");
        if method == "POST" {
            // No valid session: the login page, and nothing read or filed.
            assert_eq!(status, 401, "{path}");
            assert!(body.contains("name=\"token\""), "{path}");
        }
        if path.contains("lang=ar") {
            assert!(
                body.contains("dir=\"rtl\""),
                "Arabic pages are right to left"
            );
        }
    }
    assert_eq!(app.counts().await.cases, 0);

    // Logging out clears the cookie (with the session's CSRF token, like every POST).
    let (cookie, csrf, _) = fresh_form(&app).await;
    let resp = client()
        .post(format!("{}/shelter/logout", app.address))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("lang", "es")])
        .send()
        .await
        .expect("logout");
    assert_eq!(resp.status(), 303);
    let set = resp.headers()["set-cookie"].to_str().expect("cookie");
    assert!(
        set.starts_with("buzon_shelter=;") && set.contains("Max-Age=0"),
        "{set}"
    );
}

/// Issue #12 item 3, through the shelters' form: a story whose bare `\r` once broke out of the
/// quote into a heading, an image, HTML and ESC sequences, and identity fields with escapes
/// and Markdown; the shelter's copy, pulled with `buzon inbox pull`, is read with a real
/// CommonMark parser: nothing became markup, no control character reached the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_and_escapes_in_web_form_fields_stay_inert_in_complaint_md() {
    let app = spawn_app(Db::Sqlite).await;
    let (cookie, csrf, form_id) = fresh_form(&app).await;
    let own = app.address.clone();
    let story = "pwned Me quitaron los papeles ![x](http://127.0.0.1:9/t.png)\r# pwned heading\r\
                 <img src=http://127.0.0.1:9/i.png>\r- pwned item \u{1b}[2J\u{1b}[31mrojo\u{7}";
    let mut fields = filing(&csrf, &form_id);
    fields.retain(|(k, _)| !matches!(*k, "story" | "identity"));
    fields.extend([
        ("story", story),
        ("identity", "yes"),
        (
            "name",
            "pwned Ana \u{1b}]8;;http://127.0.0.1:9/\u{7}**López**\u{1b}]8;;\u{7}",
        ),
        ("nationality", "pwned [gt](http://127.0.0.1:9/) <b>x</b>"),
        ("age", "30"),
        (
            "contact",
            "pwned \u{1b}[31m`+502` ![c](http://127.0.0.1:9/c.png)",
        ),
        ("identity_in_copy", "yes"),
    ]);
    let resp = post_file(&app, &cookie, Some(&own), &fields).await;
    let status = resp.status();
    let html = resp.text().await.expect("html");
    assert_eq!(status, 200, "{html}");
    let cases = pull(&app, "albergue", &app.token_for("albergue"));
    assert_eq!(cases.len(), 1);
    let dir = Path::new(cases[0]["_dir"].as_str().expect("dir"));
    let md = std::fs::read_to_string(dir.join("complaint.md")).expect("md");
    crate::helpers::assert_inert_markdown(&md, "pwned");
    for word in [
        "pwned heading",
        "pwned Ana",
        "**López**",
        "pwned [gt]",
        "`+502`",
    ] {
        assert!(md.contains(word), "{word} kept as written: {md}");
    }
    // The edge removed the controls before sealing: the JSON has none either.
    let json = std::fs::read_to_string(dir.join("complaint.json")).expect("json");
    assert!(!json.contains("\\u001b") && !json.contains("\\r"), "{json}");
}
