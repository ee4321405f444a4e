//! How fast the knowledge base loads and the engine advises, and how that grows.
//!
//! `cargo bench --bench engine` prints, per measurement, criterion's time estimate:
//! - `load+check/embedded`: parse and check the embedded knowledge base (target < 5 ms);
//! - `advise/embedded`: walk every tree and build the `Advice` for a full answers file,
//!   the e-commerce project (target < 100 µs);
//! - `walk/embedded`, `choose-stores/embedded` (the ranking, part of the walk) and
//!   `starter-schema/embedded`: the parts of that advise that are most of its cost;
//! - the same two on a generated knowledge base 10× and 100× larger (every question,
//!   tree, engine, pattern and snippet copied with renamed ids; the criteria shared), to show the
//!   cost grows no worse than linearly.
//!
//! It also prints how many allocations one advise makes on each base: a figure that does
//! not depend on the machine, to show that the work grows linearly even where the time
//! grows faster (a 100× base no longer fits in the processor's caches).
//! `DBADVISE_BENCH_COPIES=30,300 cargo bench --bench engine` measures other sizes.
//!
//! It runs on mimalloc, the binary's allocator. With the system allocator advise takes
//! about a fifth longer.

use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use dbadvise::engine::advise::advise;
use dbadvise::engine::answers::parse_answers;
use dbadvise::engine::Answers;
use dbadvise::kb::load::{embedded_files, load_sources, SourceFile};
use std::collections::BTreeMap;

use dbadvise::kb::{AnswerValue, Condition, KbFile, KnowledgeBase, Text};

// The binary's allocator (see src/main.rs), so that the figures are the binary's,
// counting its allocations: a count does not depend on caches or a busy machine, so it
// shows how the work itself grows with the knowledge base. (One relaxed add per
// allocation: well under 1% of an advise.)
#[global_allocator]
static ALLOCATOR: Counted = Counted;

struct Counted;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// How many allocations `f` makes.
fn allocations<T>(f: impl FnOnce() -> T) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    drop(black_box(f()));
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

const ANSWERS: &str = include_str!("../tests/projects/ecommerce-catalogue.yaml");

/// The embedded files, `copies` times over, every id of copy `k` suffixed with `-k`.
fn scaled_sources(copies: usize) -> Vec<SourceFile> {
    let files = embedded_files();
    let engine_ids: Vec<String> = KnowledgeBase::embedded()
        .engines
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    let mut out = Vec::new();
    for k in 0..copies {
        for file in &files {
            if let Some(path) = file.relative.strip_prefix("snippets/") {
                let (dialect, rest) = path.split_once('/').unwrap();
                out.push(SourceFile {
                    shown_as: format!("{}#{k}", file.shown_as),
                    relative: format!("snippets/{dialect}/{k}/{rest}"),
                    text: file.text.clone(),
                    json: None,
                });
            } else if file.relative.ends_with(".yaml") {
                let parsed: KbFile = serde_yaml::from_str(&file.text).unwrap();
                let copy = renamed(parsed, k, &engine_ids);
                // Like the embedded files, the copies come with their JSON form.
                out.push(SourceFile {
                    shown_as: format!("{}#{k}", file.shown_as),
                    relative: format!("{k}/{}", file.relative),
                    text: serde_yaml::to_string(&copy).unwrap(),
                    json: Some(serde_json::to_string(&copy).unwrap()),
                });
            }
        }
    }
    out
}

fn renamed(mut f: KbFile, k: usize, engine_ids: &[String]) -> KbFile {
    let id = |s: &str| Text::from(format!("{s}-{k}"));
    // Where an item applies names the first copy's engines, which the one ranking
    // chooses from (families and capabilities are shared).
    let first_copy = |declared: &mut Vec<Text>| {
        for e in declared.iter_mut() {
            if engine_ids.iter().any(|id| id == e.as_str()) {
                *e = Text::from(format!("{e}-0"));
            }
        }
    };
    let snippet = |s: &str| {
        let (dialect, rest) = s.split_once('/').unwrap();
        Text::from(format!("{dialect}/{k}/{rest}"))
    };
    let condition = |c: &Condition| {
        let rename = |m: &BTreeMap<String, AnswerValue>| {
            m.iter()
                .map(|(q, v)| (id(q).to_string(), v.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        match c {
            Condition::All(m) => Condition::All(rename(m)),
            Condition::Any(ms) => Condition::Any(ms.iter().map(rename).collect()),
        }
    };
    for q in &mut f.questions {
        q.id = id(&q.id);
        // Only the first copy's answers move the one ranking (there is one `choose`).
        if k > 0 {
            for o in &mut q.options {
                o.weights.clear();
                o.requires.clear();
                o.favours.clear();
            }
        } else {
            for o in &mut q.options {
                for engines in o.favours.values_mut() {
                    *engines = engines.iter().map(|e| id(e)).collect();
                }
            }
        }
    }
    // The criteria and capabilities are shared by all copies: every engine is rated on
    // every criterion, as `kb check` requires, and the matrix keeps its size. So are the
    // topics (every copy links the same ones), read by learn mode only. The needs read
    // the first copy's questions, which alone are asked before the stores are chosen.
    if k > 0 {
        f.criteria.clear();
        f.capabilities.clear();
        f.topics.clear();
        f.needs.clear();
        f.upgrades.clear();
    }
    for n in &mut f.needs {
        n.id = id(&n.id);
        n.when = condition(&n.when);
        n.unless = n.unless.as_ref().map(condition);
    }
    // Starter schemas name the questions they are tailored to; the copies' questions are
    // renamed, so the scaled bases measure the trees, not the schema assembly (which the
    // embedded base's `advise` includes).
    f.schemas.clear();
    // The rules name items of their own copy, the first copy's engines, and the starter
    // schemas' tables, which the copies do not have.
    f.rules.retain(|r| r.kept_tables.is_empty());
    for r in &mut f.rules {
        r.id = id(&r.id);
        r.when = r.when.as_ref().map(condition);
        for item in r.never_together.iter_mut().chain(r.requires.iter_mut()) {
            let (kind, rest) = item.split_once(':').unwrap();
            let rest = match kind {
                "pattern" => id(rest).to_string(),
                "decision" => {
                    let (tree, outcome) = rest.split_once('/').unwrap();
                    format!("{}/{outcome}", id(tree))
                }
                "engine" | "primary" => format!("{rest}-0"),
                "answer" => {
                    let (question, option) = rest.split_once('=').unwrap();
                    format!("{}={option}", id(question))
                }
                _ => rest.to_string(),
            };
            *item = format!("{kind}:{rest}");
        }
    }
    for e in &mut f.engines {
        e.id = id(&e.id);
        e.extends = e.extends.as_deref().map(id);
    }
    for t in &mut f.topics {
        t.snippets = t.snippets.iter().map(|s| snippet(s).to_string()).collect();
    }
    for p in &mut f.patterns {
        p.id = id(&p.id);
        first_copy(&mut p.engines);
        p.snippets = p.snippets.iter().map(|s| snippet(s)).collect();
    }
    for t in &mut f.trees {
        t.id = id(&t.id);
        t.order += 1000 * k as i32;
        // One ranking for all copies: the copies' stack trees ask their questions and
        // stop where the first copy's chooses.
        if k > 0 {
            t.nodes.retain(|n| n.choose.is_none());
            for n in &mut t.nodes {
                if n.next.as_deref() == Some("choose") {
                    n.next = None;
                }
            }
        }
        for n in &mut t.nodes {
            n.question = n.question.as_deref().map(|q| id(q).to_string());
            n.decision = n.decision.as_deref().map(|d| id(d).to_string());
            n.when = n.when.as_ref().map(condition);
            n.unless = n.unless.as_ref().map(condition);
            n.check = n.check.as_ref().map(condition);
            // Every copy reads the one ranking, whose engines are the first copy's.
            if n.engine.is_some() && n.capability.is_none() {
                n.branches = n
                    .branches
                    .iter()
                    .map(|(e, to)| (format!("{e}-0"), to.clone()))
                    .collect();
            }
            if let Some(o) = &mut n.outcome {
                o.patterns = o.patterns.iter().map(|p| id(p)).collect();
                o.indexes = o.indexes.iter().map(|p| id(p)).collect();
                o.snippets = o.snippets.iter().map(|s| snippet(s)).collect();
                for check in &mut o.checklist {
                    first_copy(&mut check.engines);
                }
            }
        }
    }
    f
}

/// The shop's answers, given to every copy of every question.
fn scaled_answers(kb: &KnowledgeBase, answers: &Answers, copies: usize) -> Answers {
    let mut out = Answers {
        project: answers.project.clone(),
        ..Answers::default()
    };
    for k in 0..copies {
        for (q, v) in &answers.values {
            let v: AnswerValue = v.clone();
            out.set(&format!("{q}-{k}"), v);
        }
    }
    assert!(kb.questions.len() >= answers.values.len() * copies);
    out
}

fn benches(c: &mut Criterion) {
    let kb = KnowledgeBase::embedded();
    let answers = parse_answers(&kb, "ecommerce-catalogue.yaml", ANSWERS).unwrap();
    c.bench_function("load+check/embedded", |b| {
        b.iter(|| load_sources(vec![black_box(embedded_files())]).unwrap())
    });
    c.bench_function("advise/embedded", |b| {
        b.iter(|| advise(&kb, black_box(&answers)))
    });
    c.bench_function("walk/embedded", |b| {
        b.iter(|| {
            dbadvise::engine::walk(&kb, black_box(&answers))
                .reached
                .len()
        })
    });
    // The ranking that chooses the stores, part of the walk.
    let asked = dbadvise::engine::walk(&kb, &answers).asked;
    c.bench_function("choose-stores/embedded", |b| {
        b.iter(|| {
            dbadvise::engine::select::choose(&kb, black_box(&answers), &asked)
                .picks
                .len()
        })
    });
    let stores = dbadvise::engine::domain::Stores {
        tables: "postgresql".into(),
        stack: Some(vec!["postgresql".into()]),
        reads: None,
        beside: Vec::new(),
        searched_beside: false,
    };
    c.bench_function("starter-schema/embedded", |b| {
        b.iter(|| dbadvise::engine::starter_schema(&kb, black_box(&answers), &stores))
    });

    // The 1× copy (no starter schema, like the others) is the unit the counts are
    // compared with.
    let unit = load_sources(vec![scaled_sources(1)]).unwrap();
    let unit_answers = scaled_answers(&unit, &answers, 1);
    let unit_allocations = allocations(|| advise(&unit, &unit_answers));
    println!(
        "allocations per advise: embedded {}, 1x copy {unit_allocations}",
        allocations(|| advise(&kb, &answers))
    );
    let sizes = std::env::var("DBADVISE_BENCH_COPIES").unwrap_or_else(|_| "10,100".into());
    for copies in sizes.split(',').map(|n| {
        n.trim()
            .parse::<usize>()
            .expect("DBADVISE_BENCH_COPIES: numbers, like 10,100")
    }) {
        let sources = scaled_sources(copies);
        let big =
            load_sources(vec![scaled_sources(copies)]).unwrap_or_else(|p| panic!("{:?}", &p[..3]));
        let big_answers = scaled_answers(&big, &answers, copies);
        let advice = advise(&big, &big_answers);
        assert!(advice.complete, "the generated base is fully answered");
        assert_eq!(
            advice.decisions.len(),
            advise(&kb, &answers).decisions.len() * copies
        );
        let n = allocations(|| advise(&big, &big_answers));
        println!(
            "allocations per advise: {copies}x {n}, {:.2} per copy of the 1x copy's",
            n as f64 / (unit_allocations * copies) as f64
        );

        let mut group = c.benchmark_group(format!("{copies}x"));
        group.sample_size(10);
        group.bench_function("load+check", |b| {
            b.iter_batched(
                || sources.clone(),
                |files| load_sources(vec![files]).unwrap(),
                criterion::BatchSize::LargeInput,
            )
        });
        group.bench_function("advise", |b| {
            b.iter(|| advise(&big, black_box(&big_answers)))
        });
        group.finish();
    }
}

criterion_group!(engine, benches);
criterion_main!(engine);
