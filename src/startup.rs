//! Building the application from settings, and running it until SIGTERM or Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::crypto::{Keys, ServerSecret};
use crate::i18n::Catalog;
use crate::routing::Routing;
use crate::service::App;
use crate::store::Store;

mod accept;

/// A built server: bound to its port, not yet serving.
pub struct Application {
    listener: TcpListener,
    app: Arc<App>,
    demo: bool,
}

/// Loads everything a server (or an admin subcommand) needs, refusing to start on any
/// problem with one clear line.
pub async fn load_app(settings: Settings) -> anyhow::Result<(App, bool)> {
    let catalog = Catalog::embedded_or(settings.locales.as_deref())?;
    // Folders left readable by others (older versions followed the umask) are tightened.
    if settings.data_dir.exists() {
        crate::private_files::private_dir(&settings.data_dir)
            .with_context(|| format!("making {} private", settings.data_dir.display()))?;
    }
    let (routing_path, demo) = crate::demo::routing_path(&settings.routing, &settings.data_dir)
        .with_context(|| format!("demo routing under {}", settings.data_dir.display()))?;
    let routing = Routing::load(&routing_path)?;
    let secret = ServerSecret::load_or_create(&settings.data_dir)?;
    let keys = Keys::derive(&secret);
    let store = Store::connect(&settings.database_url)
        .await
        .context("opening the database")?;
    let telegram = crate::channels::telegram::send::Telegram::from_settings(&settings.telegram);
    Ok((
        App {
            limits: crate::service::limits::Limits::new(settings.limits),
            seal_permits: tokio::sync::Semaphore::new(4),
            uploads: Default::default(),
            telegram,
            settings,
            store,
            keys,
            catalog,
            routing,
        },
        demo,
    ))
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let listen = settings.listen;
        let (app, demo) = load_app(settings).await?;
        crate::service::shelter::refresh_volunteers(&app)
            .await
            .context("cannot read the shelter volunteers")?;
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        Ok(Self {
            listener,
            app: Arc::new(app),
            demo,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn demo(&self) -> bool {
        self.demo
    }

    pub fn app(&self) -> Arc<App> {
        Arc::clone(&self.app)
    }

    /// Serves until `shutdown` resolves, then finishes in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let sweeper = tokio::spawn(sweep(Arc::clone(&self.app)));
        let vacuum = (self.app.store.backend() == crate::store::Backend::Postgres)
            .then(|| tokio::spawn(vacuum_drafts(Arc::clone(&self.app))));
        let telegram = &self.app.settings.telegram;
        let poller = (telegram.enabled
            && telegram.mode == crate::channels::telegram::Mode::Polling)
            .then(|| tokio::spawn(crate::service::telegram::poll_loop(Arc::clone(&self.app))));
        let router = crate::api::router(Arc::clone(&self.app));
        let header_timeout = Duration::from_millis(self.app.settings.header_read_timeout_ms.max(1));
        if self.app.settings.max_in_flight.is_some() {
            tracing::warn!(
                "max_in_flight is no longer read: each class of routes has its own \
                 ([http.webhooks], [http.api], [http.web_form], [http.health] max_in_flight)"
            );
        }
        let per_address = self.app.settings.http.max_connections_per_address;
        accept::serve(self.listener, router, header_timeout, per_address, shutdown).await;
        sweeper.abort();
        if let Some(v) = vacuum {
            v.abort();
        }
        if let Some(p) = poller {
            p.abort();
        }
        self.app.store.close().await;
        Ok(())
    }

    /// Serves until SIGTERM or Ctrl-C.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

async fn sweep(app: Arc<App>) {
    let period = Duration::from_secs(app.settings.sweep_interval_seconds.max(1));
    // The first sweep one period after start, not at once: start-up stays light.
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        every.tick().await;
        if let Err(e) = crate::service::sweep_once(&app).await {
            tracing::warn!(error = %e, "sweep failed");
        }
    }
}

/// PostgreSQL only: vacuums the draft tables every [`crate::store::DRAFT_VACUUM_EVERY`], so
/// the dead row of a draft erased by a filing (whose `xmax` is the filing's transaction, the
/// case rows' `xmin`) is gone within that window instead of whenever autovacuum comes by.
async fn vacuum_drafts(app: Arc<App>) {
    let mut every = tokio::time::interval(crate::store::DRAFT_VACUUM_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(e) = app.store.vacuum_drafts().await {
            tracing::warn!(error = %e, "draft vacuum failed");
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
