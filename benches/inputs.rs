//! The cost of reading inputs at 1×, 10× and 100× of a realistic one, to show it grows
//! linearly (issue #19: an answers file with 20,000 unknown keys took 23 s, four times
//! longer for each doubling):
//!
//! - `answers/N`: the e-commerce answers file with its answers copied N times, every copy
//!   after the first under new keys, so that each is an unknown question to locate and
//!   explain (as a file written for another knowledge base would be);
//! - `kb-dir/N`: a `--kb` directory holding the embedded questions file N times over (ids
//!   renamed per copy, so every copy's references dangle), walked, read, parsed, checked
//!   and its problems located.
//!
//! `cargo bench --bench inputs`; the README lists the figures.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dbadvise::engine::parse_answers;
use dbadvise::kb::load::{directory_files, embedded_files, load_sources};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ANSWERS: &str = include_str!("../tests/projects/ecommerce-catalogue.yaml");
const SCALES: [usize; 3] = [1, 10, 100];

/// The answers file with its `answers:` entries copied `copies` times, copy k's keys
/// suffixed with `-k`.
fn scaled_answers(copies: usize) -> String {
    let (head, body) = ANSWERS.split_once("answers:\n").unwrap();
    let mut out = format!("{head}answers:\n{body}");
    for k in 1..copies {
        for line in body.lines() {
            match line.split_once(": ") {
                Some((key, value)) if !key.trim_start().starts_with('#') => {
                    out.push_str(&format!("{key}-{k}: {value}\n"));
                }
                _ => {}
            }
        }
    }
    out
}

/// The embedded questions file `copies` times, ids renamed per copy.
fn scaled_questions(copies: usize) -> String {
    let questions = embedded_files()
        .into_iter()
        .find(|f| f.relative.starts_with("questions/"))
        .expect("the embedded base has questions");
    let mut out = String::from("questions:\n");
    let body = questions.text.split_once("questions:\n").unwrap().1;
    for k in 0..copies {
        for line in body.lines() {
            match line.trim_start().strip_prefix("- id: ") {
                Some(id) if line.starts_with("  - id: ") => {
                    out.push_str(&format!("  - id: {id}-{k}\n"))
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let kb = dbadvise::kb::load(&[]).unwrap();
    let mut answers = c.benchmark_group("answers");
    for copies in SCALES {
        let text = scaled_answers(copies);
        answers.bench_with_input(BenchmarkId::from_parameter(copies), &text, |b, text| {
            b.iter(|| parse_answers(&kb, "shop.yaml", black_box(text)).map(drop))
        });
    }
    answers.finish();

    let mut kb_dir = c.benchmark_group("kb-dir");
    kb_dir.measurement_time(Duration::from_secs(10));
    for copies in SCALES {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("questions.yaml"), scaled_questions(copies)).unwrap();
        kb_dir.bench_with_input(BenchmarkId::from_parameter(copies), dir.path(), |b, dir| {
            b.iter(|| {
                let files = directory_files(black_box(dir)).unwrap();
                load_sources(vec![files]).map(drop)
            })
        });
    }
    kb_dir.finish();
}

criterion_group!(inputs, benches);
criterion_main!(inputs);
