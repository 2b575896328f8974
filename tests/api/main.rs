//! End-to-end tests: a real server on a random port with its own temporary database, driven
//! through signed HTTP requests and the `buzon` binary as a user types it.

mod helpers;

mod bad_input;
mod crash;
mod languages;
mod leaks;
mod loadtest;
mod pictures;
mod recipient_api;
mod retention;
mod scaleout;
mod shelter;
mod slow_clients;
mod sms_flow;
mod startup;
mod telegram;
mod web_form;
