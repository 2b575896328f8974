//! Buzón: a complaint box that nobody in the chain of command can empty.
//!
//! # Layout
//!
//! The pure core is a crate of its own, `buzon-core` (`crates/core`), which cannot depend on
//! an HTTP, database or bot framework; its modules are re-exported here under their names:
//!
//! - [`domain`]: newtypes parsed at the edge (codes, receipt, org ids, the sealed complaint).
//! - [`intake`]: the conversation, a pure state machine; no I/O.
//! - [`routing`]: `config/routing.toml`, refusing any migration authority.
//! - [`i18n`]: Fluent catalogues from `locales/`, language detection, text folding.
//!
//! This crate is the edge around it:
//!
//! - [`channels`]: one module per provider: verify, parse, render.
//! - [`crypto`]: server secret, keyed hashes, sealed drafts, age envelopes, receipt wrapping.
//! - [`store`]: SQLite and PostgreSQL through one sqlx code path.
//! - [`private_files`]: the data folder 0700 and every file the server writes there 0600.
//! - [`service`]: the use cases: one inbound message end to end (admit, plan, effects, commit,
//!   answer; committed before it is answered), Telegram's updates, the web form's filing.
//! - [`api`]: HTTP routes; [`startup`] builds and runs the server.
//! - [`cli`]: the `buzon` subcommands, thin wrappers over the above.

pub use buzon_core::{domain, i18n, intake, routing};

pub mod api;
pub mod channels;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod private_files;
pub mod service;
pub mod startup;
pub mod store;
pub mod telemetry;
