//! Buzón: a complaint box that nobody in the chain of command can empty.
//!
//! # Layout
//!
//! - [`domain`]: newtypes parsed at the edge (codes, receipt, org ids, the sealed complaint).
//! - [`intake`]: the conversation, a pure state machine; no I/O.
//! - [`channels`]: one module per provider: verify, parse, render.
//! - [`i18n`]: Fluent catalogues from `locales/` and language detection.
//! - [`routing`]: `config/routing.toml`, refusing any migration authority.
//! - [`crypto`]: server secret, keyed hashes, sealed drafts, age envelopes, receipt wrapping.
//! - [`store`]: SQLite and PostgreSQL through one sqlx code path.
//! - [`private_files`]: the data folder 0700 and every file the server writes there 0600.
//! - [`service`]: one inbound message end to end, committed before it is answered.
//! - [`api`]: HTTP routes; [`startup`] builds and runs the server.
//! - [`cli`]: the `buzon` subcommands, thin wrappers over the above.

pub mod api;
pub mod channels;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod intake;
pub mod private_files;
pub mod routing;
pub mod service;
pub mod startup;
pub mod store;
pub mod telemetry;
