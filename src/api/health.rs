//! `GET /healthz`: 200 when the database answers, 503 otherwise. `GET /livez`: 200 while the
//! process serves HTTP, with no other work (the load generator's ceiling).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::ApiError;
use crate::service::App;

pub async fn livez() -> &'static str {
    "ok"
}

pub async fn healthz(State(app): State<Arc<App>>) -> Result<Json<Value>, ApiError> {
    if app.store.ping().await {
        Ok(Json(json!({ "status": "ok" })))
    } else {
        Err(ApiError::Unavailable(anyhow::anyhow!(
            "database ping failed"
        )))
    }
}
