//! A tmux server of our own for end-to-end tests of the real binary in a real terminal:
//! `send-keys` types, `capture-pane` reads the screen.
//!
//! Without tmux the tests say SKIPPED, unless `DBADVISE_REQUIRE_ENGINES=1` (as `.ci/run`
//! sets it), where a missing tmux fails them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_dbadvise");

/// A tmux server of our own (its own socket), killed when the test ends.
pub struct Tmux {
    pub socket: String,
    pub dir: tempfile::TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

pub fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("DBADVISE_REQUIRE_ENGINES").is_ok_and(|v| v == "1") {
            panic!("tmux is not installed, and DBADVISE_REQUIRE_ENGINES=1 requires it (apt-get install tmux)");
        }
        // Straight to the standard error, past the test harness's capture, so it shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: tmux is not installed; the end-to-end TUI tests did not run"
        );
    }
    found
}

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("dbadvise-test-{}-{name}", std::process::id()),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Starts the binary in a `width`×`height` window; when it ends, the pane says how,
    /// and whether the terminal is back in cooked mode.
    pub fn start(&self, width: u16, height: u16, env: &str, args: &str) {
        let script = self.script(env, args);
        let out = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            &script,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs the binary again in the same window.
    pub fn restart(&self, env: &str, args: &str) {
        let script = self.script(env, args);
        let out = self.cmd(&["respawn-pane", "-k", "-t", "main", "sh", "-c", &script]);
        assert!(
            out.status.success(),
            "tmux respawn-pane: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Waits for the binary to end; returns the screen, which says its exit code and
    /// whether the terminal is in cooked mode again (`icanon`) or still raw (`-icanon`).
    pub fn wait_exit(&self) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains("exited with")
                && screen.lines().any(|l| l == "icanon" || l == "-icanon")
            {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("the binary did not end; the screen is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn script(&self, env: &str, args: &str) -> String {
        format!(
            "cd '{dir}'; env DBADVISE_STATE_DIR='{dir}/state' {env} '{BIN}' {args}; \
             echo \"exited with $?\"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon; sleep 600",
            dir = self.path().display(),
        )
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let out = self.cmd(&["send-keys", "-t", "main", key]);
            assert!(out.status.success());
        }
    }

    pub fn type_text(&self, text: &str) {
        let out = self.cmd(&["send-keys", "-t", "main", "-l", text]);
        assert!(out.status.success());
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-e", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    /// Waits until `text` shows and the screen has stopped changing: a capture can land
    /// in the middle of drawing a frame.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        let mut previous = String::new();
        loop {
            let screen = self.screen();
            if screen.contains(text) && screen == previous {
                return screen;
            }
            previous = screen.clone();
            if start.elapsed() > Duration::from_secs(10) {
                panic!("waited 10 s for {text:?}; the screen is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until the screen differs from `before`, and returns it.
    pub fn wait_change(&self, before: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen != before {
                // Let the frame finish: the same capture twice in a row.
                let mut last = screen;
                loop {
                    std::thread::sleep(Duration::from_millis(30));
                    let now = self.screen();
                    if now == last {
                        return now;
                    }
                    last = now;
                }
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("the screen did not change; it is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Answers with Enter (what is highlighted: the default) until the results show,
    /// ticking the first option of the first several-choice question that has nothing
    /// ticked by default.
    pub fn answer_all(&self) {
        let mut ticked = false;
        for _ in 0..60 {
            let screen = self.screen();
            if screen
                .lines()
                .next()
                .is_some_and(|h| h.contains("recommendation ·"))
            {
                return;
            }
            if !ticked
                && screen.contains("[ ] ")
                && !screen.contains("[x] ")
                && screen.contains("Space ticks")
            {
                self.keys(&["Space"]);
                self.wait_for("[x] ");
                ticked = true;
            }
            self.keys(&["Enter"]);
            self.wait_change(&screen);
        }
        panic!("the interview did not end:\n{}", self.screen());
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }
}
