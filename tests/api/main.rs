//! End-to-end tests: a real server on a random port with its own temporary database, driven
//! through signed HTTP requests and the `buzon` binary as a user types it.

mod helpers;

mod bad_input;
mod cli_errors;
mod crash;
mod file_modes;
mod inbox_pull;
mod languages;
mod leaks;
mod loadtest;
mod pictures;
mod recipient_api;
mod retention;
mod routing_check;
mod scaleout;
mod shelter;
mod slow_clients;
mod sms_flow;
mod startup;
mod storage_links;
mod telegram;
mod telegram_files;
mod tokens;
mod web_form;
