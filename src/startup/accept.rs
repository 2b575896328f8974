//! The accept loop: hyper's HTTP/1 server over the router, with a deadline for request headers.
//!
//! `axum::serve` has no header-read timeout, so a client that opens a connection and dribbles
//! header bytes (slowloris) could hold it for ever. This loop is `axum::serve` with that one
//! difference: HTTP/1 only (as axum is built here), no TCP options changed, accept errors
//! handled the same way, and a graceful shutdown that stops accepting and lets requests in
//! flight finish. It also caps the connections one client address holds open at once, so no
//! single client can take every connection the process can hold. The 30 s request timeout, the
//! per-class capacity and the body deadlines stay in the router (`api::admission`).

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Serves `router` on `listener` until `shutdown` resolves, then waits for open requests.
/// A connection whose request headers are not complete `header_timeout` after it started
/// waiting for them (a new connection, or an idle kept-alive one) is closed. A client address
/// that already holds `per_address` connections has its next one closed at once (0: no cap).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    per_address: usize,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let graceful = GracefulShutdown::new();
    let open = Arc::new(PerAddress::new(per_address));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_error(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(held) = open.admit(peer.ip()) else {
            // Dropping the stream closes it; the address is not logged (it may be a person's).
            tracing::debug!("a client address at its connection cap: connection closed");
            continue;
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
            drop(held);
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

/// Open connections per client address. IPv6 clients are counted per /64 (one subscriber's
/// usual allocation), IPv4-mapped addresses as IPv4.
struct PerAddress {
    cap: usize,
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One open connection, counted until it is dropped.
struct Held {
    table: Arc<PerAddress>,
    key: IpAddr,
}

impl PerAddress {
    fn new(cap: usize) -> Self {
        Self {
            cap,
            open: Mutex::new(HashMap::new()),
        }
    }

    fn key(ip: IpAddr) -> IpAddr {
        match ip {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let s = v6.segments();
                    IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
                }
            },
        }
    }

    /// A counted place for one more connection from `ip`, or `None` past the cap.
    fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<Option<Held>> {
        if self.cap == 0 {
            return Some(None);
        }
        let key = Self::key(ip);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(key).or_insert(0);
        if *n >= self.cap {
            return None;
        }
        *n += 1;
        Some(Some(Held {
            table: Arc::clone(self),
            key,
        }))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut open = self.table.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_past_its_cap_is_refused_until_one_of_its_connections_ends() {
        let table = Arc::new(PerAddress::new(2));
        let a: IpAddr = "127.0.0.2".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b_same_64: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("ip");
        let one = table.admit(a).expect("first");
        let _two = table.admit(a).expect("second");
        assert!(table.admit(a).is_none(), "third refused");
        let _b1 = table.admit(b).expect("another address");
        let _b2 = table.admit(b_same_64).expect("same /64, second");
        assert!(
            table.admit(b).is_none(),
            "an IPv6 /64 counts as one address"
        );
        drop(one);
        assert!(table.admit(a).is_some(), "a place freed");
        let none = Arc::new(PerAddress::new(0));
        assert!((0..1000).all(|_| none.admit(a).is_some()), "0: no cap");
    }
}
