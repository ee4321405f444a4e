//! How fast the binary starts, against a trivial process measured in the same run.
//!
//! `cargo bench --bench startup` compiles a Rust hello world as the release binary is
//! built (`rustc -C opt-level=3`, once, into cargo's scratch directory for benches), then
//! runs it, `/bin/true` and the release binary cargo built for the benches
//! (`target/release/dbadvise`) in turns, many times each, and prints per command the
//! median CPU time of the child (user + system, from `wait4`), its ratio to the hello
//! world's and to `/bin/true`'s, and the peak resident memory. Targets (issue #18), as
//! ratios to a hello-world process: `questions` at most 2×, `recommend --format json` at
//! most 3×, peak memory at most 15 MB. Ratios, not times, because the machine's speed and
//! load move both alike. Nothing is asserted: speed is measured here, not timed in tests.
//!
//! Measured on 2026-12-03 (2-core machine, other builds running; README "Start-up" has
//! the table): `questions` went from 5.2× the hello world to 1.6× (its text is rendered
//! by the build for the embedded base), `recommend --format json` from 9.8× to about
//! 7.7× (short of its target: loading the base and the sensitivity's walks; 6.8× later
//! that day, after the sensitivity re-walked only what an answer can turn), `--version`
//! stays at 1.5–1.6×; peak memory 5.8 MB for `questions`, 14.9–16.2 MB for `recommend`
//! depending on how much of the binary the page cache maps.
//!
//! `DBADVISE_STARTUP_RUNS=500 cargo bench --bench startup` runs each command more often
//! (200 by default); `DBADVISE_STARTUP_BINARY=path` measures another build of dbadvise
//! (an older one, to compare).

use std::path::Path;
use std::process::{Command, Stdio};

/// The commands measured, after the trivial processes, with their target ratio. `--version`
/// loads nothing: it shows what the binary costs before any work (page faults in 25 MB,
/// relocations, the allocator's set-up).
const COMMANDS: &[(&str, &[&str], Option<f64>)] = &[
    ("--version (a bare start)", &["--version"], None),
    ("questions", &["questions"], Some(2.0)),
    (
        "recommend --format json",
        &[
            "recommend",
            "--answers",
            "tests/scenarios/answers/001-session-store-web-fleet.yaml",
            "--format",
            "json",
        ],
        Some(3.0),
    ),
];

const TRIVIAL: &str = "/bin/true";
const PEAK_TARGET_MB: f64 = 15.0;

/// The hello world the targets are measured against: Rust's, built as the release
/// binary is (opt-level 3, no debug information), so that both pay the same runtime's
/// start (std, the dynamic loader, the standard library's set-up).
const HELLO: &str = "fn main() {\n    println!(\"Hello, world!\");\n}\n";

/// Compiles the hello world once into cargo's scratch directory for benches; `RUSTC`
/// names the compiler as it does for cargo (else the `rustc` on the PATH, rustup's).
fn hello_world() -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("startup-hello");
    std::fs::create_dir_all(&dir).expect("the bench's scratch directory is writable");
    let (source, binary) = (dir.join("main.rs"), dir.join("hello"));
    std::fs::write(&source, HELLO).expect("the bench's scratch directory is writable");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let status = Command::new(rustc)
        .args(["-C", "opt-level=3", "-C", "debuginfo=0", "-o"])
        .arg(&binary)
        .arg(&source)
        .status()
        .expect("cannot run rustc");
    assert!(status.success(), "rustc could not build the hello world");
    binary.to_string_lossy().into_owned()
}

/// CPU time (user + system, seconds) and peak resident memory (MB) of one run.
// The child is reaped by wait4, which tells what it used (std's `wait` does not).
#[allow(clippy::zombie_processes)]
fn run(program: &str, args: &[&str]) -> (f64, f64) {
    let child = Command::new(program)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 fills it for the child we spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{program} {args:?} failed (status {status})"
    );
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    // Linux gives ru_maxrss in kilobytes.
    (cpu, usage.ru_maxrss as f64 / 1024.0)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter or other flags mean nothing here.
    let binary = std::env::var("DBADVISE_STARTUP_BINARY")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_dbadvise").to_string());
    let binary = binary.as_str();
    assert!(Path::new(TRIVIAL).exists(), "{TRIVIAL} is missing");
    let runs: usize = std::env::var("DBADVISE_STARTUP_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let hello = hello_world();
    let mut programs: Vec<(&str, &str, &[&str])> = vec![
        ("hello world (Rust)", &hello, &[]),
        ("/bin/true", TRIVIAL, &[]),
    ];
    programs.extend(
        COMMANDS
            .iter()
            .map(|(name, args, _)| (*name, binary, *args)),
    );
    // In turns, so that a busy moment of the machine falls on every command alike.
    let mut samples = vec![(Vec::new(), 0.0f64); programs.len()];
    for _ in 0..runs {
        for ((_, program, args), (cpu, peak)) in programs.iter().zip(&mut samples) {
            let (c, p) = run(program, args);
            cpu.push(c);
            *peak = peak.max(p);
        }
    }
    println!("{binary}, {runs} runs each, median CPU time (user + system) and peak RSS;");
    println!("ratios to the Rust hello world's time (and, after the slash, to /bin/true's):");
    let medians: Vec<(f64, f64)> = samples
        .into_iter()
        .map(|(cpu, peak)| (median(cpu), peak))
        .collect();
    let (hello, truth) = (medians[0].0.max(1e-6), medians[1].0.max(1e-6));
    for (i, ((name, _, _), (cpu, peak))) in programs.iter().zip(&medians).enumerate() {
        let target = match i.checked_sub(2).and_then(|c| COMMANDS[c].2) {
            Some(ratio) => format!(" (target ≤ {ratio}×)"),
            None => String::new(),
        };
        println!(
            "  {name:<25} {:>7.2} ms  {:>5.1}× / {:>5.1}×{target:<16}  peak {peak:>5.1} MB",
            cpu * 1000.0,
            cpu / hello,
            cpu / truth
        );
    }
    println!("  peak memory target: ≤ {PEAK_TARGET_MB} MB");
}
