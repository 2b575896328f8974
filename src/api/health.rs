//! `GET /healthz`: 200 when the database answers, 503 otherwise.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::ApiError;
use crate::service::App;

pub async fn healthz(State(app): State<Arc<App>>) -> Result<Json<Value>, ApiError> {
    if app.store.ping().await {
        Ok(Json(json!({ "status": "ok" })))
    } else {
        Err(ApiError::Unavailable(anyhow::anyhow!(
            "database ping failed"
        )))
    }
}
