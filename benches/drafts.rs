//! Draft load and store against the real store: SQLite in a temporary folder, WAL with
//! `synchronous = FULL`, the group committer in front of it, as `buzon serve` runs it.
//!
//! - `draft_load`: one indexed read of a sealed draft.
//! - `draft_step_roundtrip`: what one message costs the store: load the draft, open it, seal
//!   the new one, commit it with a fresh dedupe key (durable before it returns).
//! - `draft_commit_64_concurrent`: 64 senders committing at once; grouping makes the cost per
//!   commit far below one fsync.
//!
//! Run: `cargo bench --bench drafts`.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use buzon::crypto::{Keys, Pseudonym, SenderId, ServerSecret};
use buzon::domain::Channel;
use buzon::store::{DraftWrite, FileRows, StepCommit, Store};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const EXPIRES: i64 = i64::MAX / 2;
const DRAFT_BYTES: usize = 1024;

struct Bench {
    store: Store,
    keys: Keys,
    sids: AtomicU64,
}

impl Bench {
    /// One message from `sender`: load, open, reseal, commit at the version loaded.
    async fn step(&self, sender: &SenderId, pseudonym: &Pseudonym) {
        let loaded = self.store.load_draft(pseudonym, 0).await.expect("load");
        let plain = match &loaded {
            Some(d) => self
                .keys
                .open_draft(sender, &d.sealed)
                .expect("opens")
                .to_vec(),
            None => vec![b'd'; DRAFT_BYTES],
        };
        let sid = self.sids.fetch_add(1, Ordering::Relaxed).to_string();
        let dedupe = self.keys.dedupe_key("sms", &sid);
        self.store
            .commit_step(StepCommit {
                dedupe: Some((&dedupe, EXPIRES)),
                pseudonym,
                expected_version: loaded.map(|d| d.version),
                draft: DraftWrite::Keep {
                    sealed: self.keys.seal_draft(sender, &plain),
                    expires_at: EXPIRES,
                },
                case: None,
                files: FileRows::Untouched,
            })
            .await
            .expect("commit");
    }
}

fn drafts(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let bench = Arc::new(Bench {
        store: rt.block_on(Store::connect(&url)).expect("store"),
        keys: Keys::derive(&ServerSecret::load_or_create(dir.path()).expect("secret")),
        sids: AtomicU64::new(0),
    });
    let sender = SenderId::new(Channel::Sms, "+5215551234567");
    let pseudonym = bench.keys.pseudonym(&sender);
    rt.block_on(bench.step(&sender, &pseudonym));

    c.bench_function("draft_load", |b| {
        b.iter(|| black_box(rt.block_on(bench.store.load_draft(&pseudonym, 0))))
    });
    let mut group = c.benchmark_group("draft_store");
    group.sample_size(20);
    group.bench_function("draft_step_roundtrip", |b| {
        b.iter(|| rt.block_on(bench.step(&sender, &pseudonym)))
    });
    let senders: Vec<(SenderId, Pseudonym)> = (0..64)
        .map(|i| {
            let s = SenderId::new(Channel::Sms, &format!("+52155500{i:05}"));
            let p = bench.keys.pseudonym(&s);
            (s, p)
        })
        .collect();
    let senders = Arc::new(senders);
    group.throughput(Throughput::Elements(64));
    group.bench_function("draft_commit_64_concurrent", |b| {
        b.iter(|| {
            rt.block_on(async {
                let tasks: Vec<_> = (0..senders.len())
                    .map(|i| {
                        let (bench, senders) = (Arc::clone(&bench), Arc::clone(&senders));
                        tokio::spawn(async move {
                            let (s, p) = &senders[i];
                            bench.step(s, p).await;
                        })
                    })
                    .collect();
                for t in tasks {
                    t.await.expect("task");
                }
            })
        })
    });
    group.finish();
    rt.block_on(bench.store.close());
}

criterion_group!(benches, drafts);
criterion_main!(benches);
