//! The `/shelter` routes. A page without a valid session is the login page; every POST after
//! login checks the session, the `Origin` and the CSRF token before it reads anything else of
//! the form. Filing is the service's ([`crate::service::web_form`]): these routes check and
//! read the form, and show what became of it.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, Query, State};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::answers::{self, Answers, Choices};
use super::csrf;
use super::fields::{FormError, Upload};
use super::lang::choose;
use super::pages::{LoggedIn, Page, STYLE};
use super::session::{Session, random_id};
use crate::api::ApiError;
use crate::channels::pictures;
use crate::channels::telegram::MediaType;
use crate::domain::{Lang, OrgId, TokenScope};
use crate::i18n::ids;
use crate::intake::AttachmentNote;
use crate::service::App;
use crate::service::attachments::{OpenedFile, accept};
use crate::service::web_form::{self, FormFiling};
use crate::store::StoreError;

#[derive(Deserialize)]
pub(super) struct LangQuery {
    lang: Option<String>,
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn see_other(to: &str, cookie: HeaderValue) -> Response {
    let mut resp = StatusCode::SEE_OTHER.into_response();
    let h = resp.headers_mut();
    h.insert(header::SET_COOKIE, cookie);
    if let Ok(to) = HeaderValue::from_str(to) {
        h.insert(header::LOCATION, to);
    }
    resp
}

fn shelter_name(app: &App, org: &OrgId) -> String {
    app.routing
        .org(org)
        .map(|o| o.name.clone())
        .unwrap_or_else(|| org.to_string())
}

/// `GET /shelter/style.css`.
pub(super) async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// `GET /shelter[?lang=xx]`: the login page, or a new, empty form.
pub(super) async fn show(
    State(app): State<Arc<App>>,
    query: Result<Query<LangQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let asked = query.as_ref().ok().and_then(|q| q.lang.as_deref());
    let page = Page {
        app: &app,
        lang: choose(&app.catalog, asked, &headers),
    };
    let session = match Session::from_headers(&app, &headers).await {
        Ok(Some(session)) => session,
        Ok(None) => return html(StatusCode::OK, page.login(None)),
        Err(e) => return session_unavailable(&page, &e),
    };
    let shelter = shelter_name(&app, &session.org);
    let csrf = csrf::token(&app, &session);
    let who = LoggedIn {
        shelter: &shelter,
        csrf: &csrf,
    };
    let languages = app.catalog.languages().to_vec();
    html(
        StatusCode::OK,
        page.form(&who, &Answers::new(random_id()), &[], &languages),
    )
}

/// `POST /shelter/login`: the shelter's API token, once; on success a session cookie. The
/// origin is checked before the body is read, and the body is a small URL-encoded form.
pub(super) async fn login(State(app): State<Arc<App>>, req: Request<Body>) -> Response {
    let headers = req.headers().clone();
    if !csrf::same_origin(&app, &headers) {
        let page = Page {
            app: &app,
            lang: choose(&app.catalog, query_lang(&req).as_deref(), &headers),
        };
        return html(
            StatusCode::FORBIDDEN,
            page.notice(None, ids::WEB_REFUSED_HEADING, ids::WEB_REFUSED_ORIGIN),
        );
    }
    let fields = match super::fields::Fields::read_small(req).await {
        Ok(f) => f,
        Err(e) => return form_error(e),
    };
    let page = Page {
        app: &app,
        lang: choose(&app.catalog, fields.get("lang"), &headers),
    };
    let token = fields.get("token").map(str::trim).unwrap_or_default();
    if token.is_empty() || token.len() > 256 {
        return html(
            StatusCode::UNAUTHORIZED,
            page.login(Some(ids::WEB_LOGIN_BAD)),
        );
    }
    match crate::api::cases::grant_for_token(&app, token).await {
        Ok(grant) if !app.routing.org(&grant.org).is_some_and(|o| o.intermediary) => html(
            StatusCode::FORBIDDEN,
            page.login(Some(ids::WEB_LOGIN_NOT_SHELTER)),
        ),
        // The org-wide inbox token (which downloads and acknowledges cases) never opens the
        // form: a computer at the front desk gets a token that can only file.
        Ok(grant) if grant.scope != TokenScope::ShelterForm => html(
            StatusCode::FORBIDDEN,
            page.login(Some(ids::WEB_LOGIN_INBOX_TOKEN)),
        ),
        Ok(grant) => match Session::start(&app, grant.org, grant.id).await {
            Ok(session) => {
                tracing::info!("shelter web form: login");
                let to = format!("/shelter?lang={}", page.lang.as_str());
                see_other(&to, session.set_cookie(&app))
            }
            Err(e) => session_unavailable(&page, &e),
        },
        Err(ApiError::TooManyRequests) => html(
            StatusCode::TOO_MANY_REQUESTS,
            page.login(Some(ids::WEB_LOGIN_SLOW)),
        ),
        Err(ApiError::Unavailable(cause)) => {
            tracing::error!(
                error = format!("{cause:#}"),
                "shelter web form: token lookup failed"
            );
            html(
                StatusCode::SERVICE_UNAVAILABLE,
                page.notice(None, ids::WEB_REFUSED_HEADING, ids::WEB_UNAVAILABLE),
            )
        }
        Err(_) => html(
            StatusCode::UNAUTHORIZED,
            page.login(Some(ids::WEB_LOGIN_BAD)),
        ),
    }
}

/// The database could not say whether a session is live: 503, nothing read or filed.
fn session_unavailable(page: &Page<'_>, e: &StoreError) -> Response {
    tracing::error!(error = %e, "shelter web form: session lookup failed");
    html(
        StatusCode::SERVICE_UNAVAILABLE,
        page.notice(None, ids::WEB_REFUSED_HEADING, ids::WEB_UNAVAILABLE),
    )
}

/// The `lang` of a request's query string, if any.
fn query_lang(req: &Request<Body>) -> Option<String> {
    req.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.into_owned())
    })
}

/// A checked POST: a live session, this site's origin, and the session's CSRF token. As an
/// extractor it answers a failed check itself (the login page, or a refusal page).
pub(super) struct Posted {
    session: Session,
    fields: super::fields::Fields,
    lang: Lang,
    shelter: String,
    csrf: String,
}

impl FromRequest<Arc<App>> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request<Body>, app: &Arc<App>) -> Result<Self, Response> {
        Self::check(app, req).await
    }
}

impl Posted {
    async fn check(app: &Arc<App>, req: Request<Body>) -> Result<Self, Response> {
        let headers = req.headers().clone();
        let query_lang = query_lang(&req);
        let early = || Page {
            app,
            lang: choose(&app.catalog, query_lang.as_deref(), &headers),
        };
        let session = match Session::from_headers(app, &headers).await {
            Ok(Some(session)) => session,
            // No session (expired, logged out, or its token revoked): back to the login page,
            // nothing read.
            Ok(None) => {
                return Err(html(
                    StatusCode::UNAUTHORIZED,
                    early().login(Some(ids::WEB_LOGIN_EXPIRED)),
                ));
            }
            Err(e) => return Err(session_unavailable(&early(), &e)),
        };
        if !csrf::same_origin(app, &headers) {
            return Err(html(
                StatusCode::FORBIDDEN,
                early().notice(None, ids::WEB_REFUSED_HEADING, ids::WEB_REFUSED_ORIGIN),
            ));
        }
        let fields = super::fields::Fields::read(req).await.map_err(form_error)?;
        let lang = choose(&app.catalog, fields.get("lang"), &headers);
        if !csrf::verify(app, &session, fields.get("csrf")) {
            tracing::info!("shelter web form: a POST without a valid CSRF token was refused");
            let page = Page { app, lang };
            return Err(html(
                StatusCode::FORBIDDEN,
                page.notice(None, ids::WEB_REFUSED_HEADING, ids::WEB_REFUSED_CSRF),
            ));
        }
        Ok(Self {
            shelter: shelter_name(app, &session.org),
            csrf: csrf::token(app, &session),
            session,
            fields,
            lang,
        })
    }

    fn page<'a>(&self, app: &'a App) -> Page<'a> {
        Page {
            app,
            lang: self.lang.clone(),
        }
    }

    fn who(&self) -> LoggedIn<'_> {
        LoggedIn {
            shelter: &self.shelter,
            csrf: &self.csrf,
        }
    }
}

/// A body that is not a readable form: the JSON error of the rest of the API.
fn form_error(e: FormError) -> Response {
    match e {
        FormError::TooLarge => ApiError::PayloadTooLarge.into_response(),
        FormError::Malformed => {
            ApiError::BadRequest("expected a form (URL-encoded or multipart)").into_response()
        }
    }
}

/// `POST /shelter/logout`: the session's record is deleted (so the cookie opens nothing, even
/// if a copy of it survives) and the cookie cleared.
pub(super) async fn logout(State(app): State<Arc<App>>, posted: Posted) -> Response {
    if let Err(e) = posted.session.end(&app).await {
        return session_unavailable(&posted.page(&app), &e);
    }
    let to = format!("/shelter?lang={}", posted.lang.as_str());
    see_other(&to, Session::clear_cookie(&app))
}

/// `POST /shelter/edit`: the first step again, with the answers kept.
pub(super) async fn edit(State(app): State<Arc<App>>, posted: Posted) -> Response {
    let answers = Answers::from_fields(&posted.fields, random_id);
    let languages = app.catalog.languages().to_vec();
    html(
        StatusCode::OK,
        posted
            .page(&app)
            .form(&posted.who(), &answers, &[], &languages),
    )
}

/// The first step's answers when complete; else the form page again, with what is missing.
fn first_step(app: &App, posted: &Posted) -> Result<Answers, String> {
    let answers = Answers::from_fields(&posted.fields, random_id);
    let languages = app.catalog.languages();
    let problems = answers.problems(languages);
    if problems.is_empty() {
        return Ok(answers);
    }
    Err(posted
        .page(app)
        .form(&posted.who(), &answers, &problems, languages))
}

/// The review page for complete answers.
fn review_page(
    app: &App,
    posted: &Posted,
    answers: &Answers,
    choices: &Choices,
    problems: &[&str],
    status: StatusCode,
) -> Response {
    let facts = answers.facts();
    let routed = app.routing.route(&facts);
    let shelter = &posted.session.org;
    let names = |ids: &[OrgId]| {
        let n = app.routing.names(ids);
        if n.is_empty() { "—".to_owned() } else { n }
    };
    let not_shelter =
        |ids: Vec<OrgId>| -> Vec<OrgId> { ids.into_iter().filter(|o| o != shelter).collect() };
    let routed_names = names(&not_shelter(routed.clone()));
    let civil_names = names(&app.routing.civil_society(&routed));
    let identity_bodies = app.routing.identity_bodies(&routed);
    // No human-rights commission among the bodies: nobody could take an identity, so the
    // question is not asked.
    let identity_names = (!identity_bodies.is_empty()).then(|| names(&identity_bodies));
    html(
        status,
        posted.page(app).review(
            &posted.who(),
            answers,
            choices,
            problems,
            &routed_names,
            &civil_names,
            identity_names.as_deref(),
        ),
    )
}

/// `POST /shelter/review`: the answers checked; the form again with what is missing, or the
/// review with the person's choices.
pub(super) async fn review(State(app): State<Arc<App>>, posted: Posted) -> Response {
    let answers = match first_step(&app, &posted) {
        Ok(a) => a,
        Err(form) => return html(StatusCode::UNPROCESSABLE_ENTITY, form),
    };
    review_page(
        &app,
        &posted,
        &answers,
        &Choices::default(),
        &[],
        StatusCode::OK,
    )
}

/// Checks each upload's type against its bytes, as for Telegram documents: pictures by their
/// bytes, PDF by its header, audio and video by the declared type. `None`: one is refused.
fn open_uploads(uploads: Vec<Upload>) -> Option<Vec<OpenedFile>> {
    uploads
        .into_iter()
        .map(|u| {
            let declared = if pictures::sniff(&u.bytes).is_some() {
                Some("image/*")
            } else {
                u.declared.as_deref()
            };
            let (kind, media_type) = accept(MediaType::Document, declared, &u.bytes)?;
            Some(OpenedFile {
                note: AttachmentNote {
                    id: random_id(),
                    kind,
                    media_type,
                    bytes: u.bytes.len() as u64,
                },
                bytes: u.bytes,
            })
        })
        .collect()
}

/// `POST /shelter/file` (multipart): checks everything again, seals, commits, and shows the
/// receipt. A form id already filed files nothing more.
pub(super) async fn file(State(app): State<Arc<App>>, mut posted: Posted) -> Response {
    let page = posted.page(&app);
    let answers = match first_step(&app, &posted) {
        Ok(a) => a,
        Err(form) => return html(StatusCode::UNPROCESSABLE_ENTITY, form),
    };
    let choices = Choices::from_fields(&posted.fields);
    let shelter = posted.session.org.clone();
    let civil_only = choices.civil_only == Some(true);
    let to = answers::recipients(
        &app.routing,
        &answers.facts(),
        civil_only,
        &shelter,
        choices.shelter_copy == Some(true),
    );
    let mut problems = choices.problems(&app.routing, &to);
    let uploads = std::mem::take(&mut posted.fields.files);
    let files = if posted.fields.files_refused {
        None
    } else {
        open_uploads(uploads)
    };
    if files.is_none() {
        problems.push(ids::WEB_ERR_FILES);
    }
    let (Some(files), true) = (files, problems.is_empty()) else {
        return review_page(
            &app,
            &posted,
            &answers,
            &choices,
            &problems,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let assisted = choices.assisted(&app.routing, &answers, &shelter, &to);
    let Some(submission) =
        answers::submission(page.lang.clone(), &answers, to, civil_only, assisted)
    else {
        return ApiError::BadRequest("incomplete form").into_response();
    };
    let notice = |status: StatusCode, heading: &str, text: &str| {
        html(status, page.notice(Some(&posted.who()), heading, text))
    };
    match web_form::file(
        &app,
        &shelter,
        &answers.form_id,
        submission,
        files,
        &page.lang,
    )
    .await
    {
        FormFiling::Filed { receipt, person } => {
            let text = app.catalog.render(&page.lang, &receipt.text);
            html(StatusCode::OK, page.receipt(&posted.who(), &person, &text))
        }
        FormFiling::AlreadyFiled => notice(
            StatusCode::CONFLICT,
            ids::WEB_ALREADY_HEADING,
            ids::WEB_ALREADY_FILED,
        ),
        FormFiling::Unavailable => notice(
            StatusCode::SERVICE_UNAVAILABLE,
            ids::WEB_REFUSED_HEADING,
            ids::WEB_UNAVAILABLE,
        ),
    }
}
