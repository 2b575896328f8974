//! `spawn_app()` and friends: a server per test, its own database (SQLite file or a fresh
//! PostgreSQL database), real age identities for its orgs, and a Twilio-signing client.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use buzon::channels::twilio;
use buzon::config::Settings;
use buzon::service::App;
use buzon::startup::Application;
use sqlx::Connection;
use tempfile::TempDir;

pub const PUBLIC_URL: &str = "https://buzon.test";
pub const SMS_PATH: &str = "/webhooks/sms/twilio";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Runs an async test body against SQLite and against PostgreSQL, as two tests.
#[macro_export]
macro_rules! both_databases {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                super::$name($crate::helpers::Db::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                super::$name($crate::helpers::Db::Postgres).await;
            }
        }
    };
}

/// One org of the test routing: its member's identity file, made by `buzon keygen`.
pub struct TestOrg {
    pub identity: PathBuf,
}

pub struct TestApp {
    pub dir: TempDir,
    pub address: String,
    pub config: PathBuf,
    pub auth_token: String,
    pub orgs: HashMap<&'static str, TestOrg>,
    pub app: Arc<App>,
    pub http: reqwest::Client,
    /// Kept for its `Drop`, which drops the test database.
    _pg: Option<PgDatabase>,
    pub next_sid: std::sync::atomic::AtomicU64,
}

/// The orgs of the test routing: INM agents go to "oic" and "cndh"; organised crime to "fgr";
/// "albergue" is civil society, reached only when a reporter chooses it.
pub const ORGS: &[(&str, &str, &str)] = &[
    ("oic", "OIC en el INM", "internal_oversight"),
    ("cndh", "CNDH", "human_rights_commission"),
    ("fgr", "FGR migrantes", "prosecutor"),
    ("albergue", "Albergue", "civil_society"),
];

/// A `buzon serve` child process and the address it printed.
pub struct Server {
    pub child: std::process::Child,
    pub address: String,
}

/// Starts `buzon serve --config CONFIG` with debug logs into `logs`.
pub fn start_server(config: &Path, logs: &Path) -> Server {
    let log = std::fs::File::create(logs).expect("log file");
    let mut child = Command::new(bin())
        .args(["serve", "--config"])
        .arg(config)
        .env("RUST_LOG", "debug")
        .stdout(std::process::Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("buzon serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("a line").expect("utf8");
        if let Some(a) = line.strip_prefix("listening on ") {
            break a.to_owned();
        }
    };
    Server { child, address }
}

/// Runs `buzon ARGS…`, asserts success, and returns its trimmed stdout.
pub fn run_ok(args: &[&std::ffi::OsStr]) -> String {
    let o = Command::new(bin()).args(args).output().expect("buzon runs");
    assert!(
        o.status.success(),
        "buzon {:?} failed: {}",
        args,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf8").trim().to_owned()
}

/// The decrypted complaint.json of the only case `buzon inbox pull` wrote into `out`.
pub fn only_complaint(out: &Path) -> serde_json::Value {
    let dirs: Vec<_> = std::fs::read_dir(out).expect("out").flatten().collect();
    assert_eq!(dirs.len(), 1, "exactly one case in {}", out.display());
    let text = std::fs::read_to_string(dirs[0].path().join("complaint.json")).expect("json");
    serde_json::from_str(&text).expect("valid json")
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_buzon")
}

/// Runs `buzon keygen --out FILE` and returns the printed recipient.
pub fn keygen(out: &Path) -> String {
    run_ok(&["keygen".as_ref(), "--out".as_ref(), out.as_os_str()])
}

/// Writes the test config and routing into `dir`; returns the config path.
pub fn write_config(
    dir: &Path,
    database_url: &str,
    auth_token: &str,
) -> (PathBuf, HashMap<&'static str, TestOrg>) {
    let mut routing = String::new();
    let mut orgs = HashMap::new();
    std::fs::create_dir_all(dir.join("keys")).expect("keys dir");
    for (id, name, kind) in ORGS {
        let identity = dir.join("keys").join(format!("{id}.key"));
        let recipient = keygen(&identity);
        // The civil-society org is also a shelter whose volunteers file with people.
        let intermediary = if *kind == "civil_society" {
            "intermediary = true\n"
        } else {
            ""
        };
        routing.push_str(&format!(
            "[[org]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\n{intermediary}recipients = [\"{recipient}\"]\n\n"
        ));
        orgs.insert(*id, TestOrg { identity });
    }
    routing.push_str(
        "[[rule]]\nperpetrator = [1]\nto = [\"oic\", \"cndh\"]\n\n\
         [[rule]]\nperpetrator = [8]\nto = [\"fgr\"]\n\n[fallback]\nto = [\"cndh\"]\n",
    );
    std::fs::write(dir.join("routing.toml"), routing).expect("routing");
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let config = format!(
        "listen = \"127.0.0.1:0\"\npublic_url = \"{PUBLIC_URL}\"\ndatabase_url = \"{database_url}\"\n\
         data_dir = \"{data}\"\nrouting = \"{routing}\"\nlocales = \"{locales}\"\n\
         draft_ttl_minutes = 120\n[sms]\nenabled = true\nauth_token = \"{auth_token}\"\n",
        data = dir.join("data").display(),
        routing = dir.join("routing.toml").display(),
        locales = locales.display(),
    );
    let path = dir.join("buzon.toml");
    std::fs::write(&path, config).expect("config");
    (path, orgs)
}

pub fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, |c| c).await
}

/// Like [`spawn_app`], with the config text edited before the server starts.
pub async fn spawn_app_with(db: Db, edit: impl FnOnce(String) -> String) -> TestApp {
    spawn_app_edited(db, edit, |r| r).await
}

/// Like [`spawn_app`], with the config and routing texts edited before the server starts.
pub async fn spawn_app_edited(
    db: Db,
    edit: impl FnOnce(String) -> String,
    edit_routing: impl FnOnce(String) -> String,
) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let pg = match db {
        Db::Postgres => Some(PgDatabase::create().await),
        Db::Sqlite => None,
    };
    let database_url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{}", dir.path().join("db/buzon.db").display()),
    };
    let auth_token = random_token();
    let (config, orgs) = write_config(dir.path(), &database_url, &auth_token);
    let edited = edit(std::fs::read_to_string(&config).expect("config"));
    std::fs::write(&config, edited).expect("config");
    let routing_path = dir.path().join("routing.toml");
    let routing = edit_routing(std::fs::read_to_string(&routing_path).expect("routing"));
    std::fs::write(&routing_path, routing).expect("routing");
    let (settings, _) = Settings::load(&config).expect("settings");
    let application = Application::build(settings).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", application.port());
    let app = application.app();
    tokio::spawn(application.run_until(std::future::pending()));
    let mut test_app = TestApp::for_running(address, config, auth_token, orgs, dir, app);
    test_app._pg = pg;
    test_app
}

impl TestApp {
    /// A second `buzon serve` on the same config: same database, same server secret, its own
    /// port. (The first instance keeps the temporary folder and database alive.)
    pub async fn second_instance(&self) -> TestApp {
        let (settings, _) = Settings::load(&self.config).expect("settings");
        let application = Application::build(settings)
            .await
            .expect("second instance builds");
        let address = format!("http://127.0.0.1:{}", application.port());
        let app = application.app();
        tokio::spawn(application.run_until(std::future::pending()));
        let orgs = self
            .orgs
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    TestOrg {
                        identity: v.identity.clone(),
                    },
                )
            })
            .collect();
        let mut second = TestApp::for_running(
            address,
            self.config.clone(),
            self.auth_token.clone(),
            orgs,
            tempfile::tempdir().expect("tempdir"),
            app,
        );
        // Message ids must not collide with the first instance's.
        second.next_sid = std::sync::atomic::AtomicU64::new(1_000_000);
        second
    }

    /// Wraps a server started elsewhere (a `buzon serve` child process) for the same helpers.
    pub fn for_running(
        address: String,
        config: PathBuf,
        auth_token: String,
        orgs: HashMap<&'static str, TestOrg>,
        dir: TempDir,
        app: Arc<App>,
    ) -> Self {
        TestApp {
            dir,
            address,
            config,
            auth_token,
            orgs,
            app,
            http: reqwest::Client::new(),
            _pg: None,
            next_sid: std::sync::atomic::AtomicU64::new(1),
        }
    }
}

/// What the SMS webhook answered.
pub struct SmsReply {
    pub status: u16,
    pub body: String,
}

impl SmsReply {
    /// The reply text the phone shows, or "" for an empty `<Response/>`.
    pub fn text(&self) -> String {
        buzon::cli::twiml_message(&self.body).unwrap_or_default()
    }

    /// Whether the reply shows `phrase`, as written in the locale file (SMS replies are folded
    /// to GSM-7, so "Buzón" travels as "Buzon").
    pub fn shows(&self, phrase: &str) -> bool {
        shows(&self.text(), phrase)
    }
}

impl TestApp {
    pub fn sid(&self) -> String {
        let n = self
            .next_sid
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("SM{n:032}")
    }

    /// Posts a form exactly as Twilio does, signed over `PUBLIC_URL + path`.
    pub async fn post_signed(&self, params: &[(&str, &str)]) -> SmsReply {
        let signature = twilio::sign(
            self.auth_token.as_bytes(),
            &format!("{PUBLIC_URL}{SMS_PATH}"),
            params,
        );
        let resp = self
            .http
            .post(format!("{}{SMS_PATH}", self.address))
            .header("X-Twilio-Signature", signature)
            .form(params)
            .send()
            .await
            .expect("request");
        SmsReply {
            status: resp.status().as_u16(),
            body: resp.text().await.expect("body"),
        }
    }

    /// Sends one SMS from `from` with a fresh MessageSid, with the location fields Twilio adds.
    pub async fn sms(&self, from: &str, body: &str) -> SmsReply {
        let sid = self.sid();
        self.sms_with_sid(from, body, &sid).await
    }

    pub async fn sms_with_sid(&self, from: &str, body: &str, sid: &str) -> SmsReply {
        self.post_signed(&[
            ("MessageSid", sid),
            ("SmsSid", sid),
            ("AccountSid", "AC00000000000000000000000000000000"),
            ("From", from),
            ("To", "+525500000000"),
            ("Body", body),
            ("NumMedia", "0"),
            ("FromCity", "TAPACHULA"),
            ("FromState", "CHIS"),
            ("FromZip", "30700"),
            ("FromCountry", "MX"),
        ])
        .await
    }

    /// Drives a whole complaint: the story, then the given menu answers, then confirm.
    /// Returns the receipt's 16 digits.
    /// With an empty `story`, the sender's current draft is continued.
    pub async fn file_complaint(&self, from: &str, story: &[&str], answers: &[&str]) -> String {
        let mut last = String::new();
        for (i, part) in story.iter().enumerate() {
            let r = self.sms(from, part).await;
            assert_eq!(r.status, 200, "story part {i}: {}", r.body);
            if i == 0 {
                // Consent.
                let r = self.sms(from, "1").await;
                assert_eq!(r.status, 200);
            }
        }
        for a in answers {
            let r = self.sms(from, a).await;
            assert_eq!(r.status, 200, "answer {a}: {}", r.body);
            last = r.text();
        }
        receipt_in(&last).unwrap_or_else(|| panic!("no receipt in the last reply: {last}"))
    }

    /// Runs `buzon org token <org>` against this app's config and returns the token.
    pub fn token_for(&self, org: &str) -> String {
        run_ok(&[
            "org".as_ref(),
            "token".as_ref(),
            org.as_ref(),
            "--config".as_ref(),
            self.config.as_os_str(),
        ])
    }

    /// Runs `buzon org token <org> --scope shelter-form`: the shelters' web form login.
    pub fn form_token_for(&self, org: &str) -> String {
        run_ok(&[
            "org".as_ref(),
            "token".as_ref(),
            org.as_ref(),
            "--scope".as_ref(),
            "shelter-form".as_ref(),
            "--config".as_ref(),
            self.config.as_os_str(),
        ])
    }

    /// Runs `buzon inbox pull` for an org into `out`; returns its stdout.
    pub fn inbox_pull(&self, org: &str, token: &str, out: &Path) -> String {
        let token_file = self.dir.path().join(format!("{org}.token"));
        std::fs::write(&token_file, token).expect("token file");
        let o = Command::new(bin())
            .args(["inbox", "pull", "--server", &self.address, "--token-file"])
            .arg(&token_file)
            .arg("--identity")
            .arg(&self.orgs[org].identity)
            .arg("--out")
            .arg(out)
            .output()
            .expect("buzon inbox runs");
        assert!(
            o.status.success(),
            "inbox pull failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).expect("utf8")
    }

    pub async fn api_get(&self, path: &str, token: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.address))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    pub async fn api_post(&self, path: &str, token: &str) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.address))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    /// The org's case list from the recipient API.
    pub async fn case_list(&self, token: &str) -> Vec<serde_json::Value> {
        let list: serde_json::Value = self
            .api_get("/api/v1/cases", token)
            .await
            .json()
            .await
            .expect("json");
        list["cases"].as_array().cloned().unwrap_or_default()
    }

    /// A connection straight to a SQLite test database's file, to look at what is at rest.
    pub async fn sqlite(&self) -> sqlx::SqliteConnection {
        let url = format!("sqlite://{}", self.dir.path().join("db/buzon.db").display());
        sqlx::SqliteConnection::connect(&url).await.expect("sqlite")
    }

    /// Every `seen_messages.expires_at` of a SQLite test database, read straight from the
    /// file: invariant 2 wants each on a day boundary (they are written with cases).
    pub async fn seen_expiries(&self) -> Vec<i64> {
        use sqlx::Row;
        sqlx::query("SELECT expires_at FROM seen_messages")
            .fetch_all(&mut self.sqlite().await)
            .await
            .expect("query")
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect()
    }

    pub async fn counts(&self) -> buzon::store::Counts {
        self.app.store.counts().await.expect("counts")
    }

    /// Decrypts an envelope file with an org's identity, with the age library directly.
    pub fn decrypt_with(&self, org: &str, envelope: &[u8]) -> Option<Vec<u8>> {
        let ids = age::IdentityFile::from_file(self.orgs[org].identity.display().to_string())
            .expect("identity file")
            .into_identities()
            .expect("identities");
        buzon::crypto::open_envelope(envelope, &ids).ok()
    }
}

/// Whether an SMS text shows `phrase` once both are folded to GSM-7 as replies are.
pub fn shows(text: &str, phrase: &str) -> bool {
    use buzon::channels::sms::fold_to_gsm7;
    text.contains(phrase) || fold_to_gsm7(text).contains(&fold_to_gsm7(phrase))
}

/// The first run of exactly 16 digits in a reply (the receipt as the reporter types it back).
pub fn receipt_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 16)
        .map(str::to_owned)
}

/// A throwaway PostgreSQL database, dropped when the test ends.
struct PgDatabase {
    url: String,
    admin: String,
    name: String,
}

impl PgDatabase {
    async fn create() -> Self {
        let base = std::env::var("BUZON_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let name = format!("buzon_test_{}", random_token());
        let admin = format!("{base}/postgres");
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| {
                panic!("PostgreSQL at {base} is needed for this test ({e}); .ci/run starts it")
            });
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create database");
        Self {
            url: format!("{base}/{name}"),
            admin,
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut conn)
                        .await;
                    }
                });
            }
        })
        .join();
    }
}

/// Reads a `complaint.md` with a real CommonMark parser (every extension on) and asserts that
/// it holds no image, link or HTML at all, no control character, and that the reporter's
/// words (each carrying `marker`) appear, but only as code: never as a heading, a list item,
/// emphasis, a quote or a table of their own.
pub fn assert_inert_markdown(md: &str, marker: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a control character in complaint.md: {md:?}"
    );
    let mut in_code = 0;
    let mut seen = false;
    for e in Parser::new_ext(md, Options::all()) {
        match &e {
            Event::Start(Tag::Image { .. } | Tag::Link { .. } | Tag::HtmlBlock)
            | Event::Html(_)
            | Event::InlineHtml(_) => panic!("complaint.md makes {e:?}:\n{md}"),
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            Event::Code(c) if c.contains(marker) => seen = true,
            Event::Text(t) if t.contains(marker) => {
                assert!(in_code > 0, "reporter text read as Markdown: {t:?}\n{md}");
                seen = true;
            }
            _ => {}
        }
    }
    assert!(seen, "the reporter's words are shown:\n{md}");
}
