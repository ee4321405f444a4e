//! How long the interview takes to draw.
//!
//! `cargo bench --bench tui` prints criterion's time estimate for:
//! - `frame/<screen>`: one whole frame of each screen at 120×40 on ratatui's
//!   `TestBackend`, including everything derived from the answers for it (the walk,
//!   progress, advice, record); target ≤ 1 ms a frame;
//! - `first-frame`: from nothing to the first frame drawn: load and check the embedded
//!   knowledge base, build the app, draw the start screen; target ≤ 20 ms. (The terminal
//!   setup itself — raw mode, alternate screen — is a few syscalls on top.)
//!
//! With the embedded knowledge base unfinished (it does not pass its checks), the bench
//! falls back to the small test knowledge base and says so.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use dbadvise::kb::load::{directory_files, load_sources};
use dbadvise::kb::{KnowledgeBase, QuestionKind};
use dbadvise::session::Config;
use dbadvise::tui::app::{Action, App, TABS};
use dbadvise::tui::keymap::KeyCommand;
use dbadvise::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

// The binary's allocator (see src/main.rs), so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn knowledge_base() -> (KnowledgeBase, &'static str) {
    match dbadvise::kb::load(&[]) {
        Ok(kb) => (kb, "embedded"),
        Err(_) => {
            eprintln!(
                "the embedded knowledge base does not load: benchmarking the test knowledge base"
            );
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-kb");
            (
                load_sources(vec![directory_files(&dir).unwrap()]).unwrap(),
                "fixture",
            )
        }
    }
}

fn key(app: &mut App, command: KeyCommand) {
    app.update(Action::Key(command));
}

fn benches(c: &mut Criterion) {
    let (kb, which) = knowledge_base();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut frame = |name: &str, app: &App| {
        c.bench_function(&format!("frame/{name} ({which})"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        view::draw(f, black_box(app));
                    })
                    .unwrap();
            })
        });
    };

    let mut app = App::new(&kb, Config::bare());
    "Spare parts shop".chars().for_each(|ch| {
        app.update(Action::Char(ch));
    });
    frame("start", &app);
    key(&mut app, KeyCommand::Choose);
    frame("interview-first", &app);
    // Halfway: answer with the defaults until half the path is answered.
    let (_, total) = app.session.step();
    while app.session.path().len() < total / 2 {
        key(&mut app, KeyCommand::Choose);
    }
    frame("interview-halfway", &app);
    while !app.session.is_complete() {
        if app
            .session
            .question()
            .is_some_and(|q| q.kind == QuestionKind::Many)
        {
            key(&mut app, KeyCommand::Toggle);
        }
        key(&mut app, KeyCommand::Choose);
    }
    for (i, tab) in TABS.iter().enumerate() {
        app.results.tab = i;
        frame(&format!("results-{}", tab.to_lowercase()), &app);
    }
    app.results.tab = 0;
    key(&mut app, KeyCommand::Help);
    frame("help", &app);
    key(&mut app, KeyCommand::Cancel);
    // The what-if's list (the sensitivity is worked out with the answers) and a
    // comparison; the topic library on the question's topic.
    let _ = app.session.sensitivity();
    key(&mut app, KeyCommand::WhatIf);
    frame("what-if-list", &app);
    key(&mut app, KeyCommand::Choose);
    key(&mut app, KeyCommand::Choose);
    frame("what-if-compare", &app);
    key(&mut app, KeyCommand::Quit);
    key(&mut app, KeyCommand::Topic);
    frame("topic-library", &app);

    c.bench_function(&format!("first-frame ({which})"), |b| {
        b.iter(|| {
            let kb = match which {
                "embedded" => dbadvise::kb::load(&[]).unwrap(),
                _ => knowledge_base().0,
            };
            let app = App::new(&kb, Config::bare());
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal
                .draw(|f| {
                    view::draw(f, &app);
                })
                .unwrap();
            black_box(terminal.backend().buffer().area);
        })
    });
}

criterion_group!(tui, benches);
criterion_main!(tui);
