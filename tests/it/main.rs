//! Every integration test, in one binary: the crate and its dependencies are linked once
//! rather than once per test file (issue 18). Each file is a module; run one with a filter,
//! `cargo test --test it scenarios::`, and the helpers the files share are in one module,
//! `common`.

mod common;

mod answers_files;
mod applies;
mod cap;
mod cli;
mod coherence;
mod column_stores;
mod connections;
mod contention;
mod conventions;
mod embedded;
mod engine;
mod event_logs;
mod event_store;
mod fuzz;
mod growth;
mod hostile_files;
mod hostile_input;
mod hostile_tui;
mod idioms;
mod large_workloads;
mod model;
mod projects;
mod queues;
mod ranking;
mod record_lint;
mod records;
mod regions;
mod review;
mod review_agrees;
mod review_answers;
mod review_corpus;
mod review_fixes;
mod review_live;
mod review_progress;
mod scenarios;
mod schema;
mod short_lived;
mod snippets;
mod stores;
mod streams;
mod topics;
mod tui_app;
mod tui_export;
mod tui_plain;
mod tui_snapshots;
mod tui_tmux;
mod whatif;
