//! Integration tests: real HTTP over 127.0.0.1 sockets against an in-process server.

mod client;
mod sign;
mod support;

mod addressing;
mod admin_api;
mod auth;
mod bucket_configs;
mod callback;
mod cli;
mod conditions;
mod early_errors;
mod faults;
mod lies;
mod multipart;
mod operations;
mod persistence;
mod ranges;
mod robustness;
mod tls;
mod upload_faults;
