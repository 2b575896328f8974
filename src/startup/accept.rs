//! The accept loop: hyper's HTTP/1 server over the router, with a deadline for request headers.
//!
//! `axum::serve` has no header-read timeout, so a client that opens a connection and dribbles
//! header bytes (slowloris) could hold it for ever. This loop is `axum::serve` with that one
//! difference: HTTP/1 only (as axum is built here), no TCP options changed, accept errors
//! handled the same way, and a graceful shutdown that stops accepting and lets requests in
//! flight finish. The 30 s request timeout and the in-flight cap stay in the router.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Serves `router` on `listener` until `shutdown` resolves, then waits for open requests.
/// A connection whose request headers are not complete `header_timeout` after it started
/// waiting for them (a new connection, or an idle kept-alive one) is closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_error(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let conn = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(
                TokioIo::new(stream),
                TowerToHyperService::new(router.clone()),
            );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that went away or was too slow: nothing to report beyond a trace.
            if let Err(e) = conn.await {
                tracing::trace!(error = %e, "connection ended with an error");
            }
        });
    }
    // Stop accepting at once; connections finish the request they are on, then close.
    drop(listener);
    graceful.shutdown().await;
}

/// Refused or reset connections are the client's business; anything else (e.g. out of file
/// descriptors) is logged and the loop pauses for a second, as `axum::serve` does.
async fn accept_error(e: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accept error");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
