//! Every screen drawn on ratatui's `TestBackend` at 80×24 and 120×40, compared with the
//! snapshots in `tests/snapshots/` (review changes with `cargo insta review`). Plus the
//! monochrome theme, the minimum size, and the footer and help coming from the key table.

use std::path::{Path, PathBuf};

use crate::common::tui::*;
use dbadvise::engine::Answers;
use dbadvise::kb::{AnswerValue, KnowledgeBase, QuestionKind};
use dbadvise::session::{Autosaved, Config};
use dbadvise::tui::app::{Action, App, TABS};
use dbadvise::tui::keymap::{self, BINDINGS};
use dbadvise::tui::view::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::style::{Color, Modifier};

/// The knowledge base the snapshots are drawn with.
fn kb() -> KnowledgeBase {
    fixture_kb()
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

/// Answers question after question with Enter (the default, or the answer given) until
/// `stop` says so; the interview's own keys, whatever the knowledge base asks.
fn advance_until(app: &mut App, stop: impl Fn(&App) -> bool) {
    for _ in 0..100 {
        if stop(app) {
            return;
        }
        press(app, "Enter");
    }
    panic!("never reached the state wanted");
}

fn kind_is(kind: QuestionKind) -> impl Fn(&App) -> bool {
    move |app: &App| {
        app.session
            .question()
            .is_some_and(|q| q.kind == kind && app.session.answers().get(&q.id).is_none())
    }
}

fn started(kb: &KnowledgeBase) -> App<'_> {
    let mut app = App::new(kb, Config::bare());
    press(&mut app, "\"Spare parts shop\" Enter");
    app
}

/// Answers with Enter until the question `id` is on screen, then presses `keys` there.
fn answer_at(app: &mut App, id: &str, keys: &str) {
    advance_until(app, |a| a.session.question().is_some_and(|q| q.id == id));
    press(app, keys);
}

/// The defaults, but a busy shop whose hot reads must answer in a few milliseconds (so a
/// cache beside the primary store), with the first option of the first several-choice
/// question that has nothing ticked (keyword search) ticked.
fn finished(kb: &KnowledgeBase) -> App<'_> {
    let mut app = started(kb);
    answer_at(&mut app, "peak-rate", "Down");
    answer_at(&mut app, "latency", "Down");
    advance_until(&mut app, |a| {
        a.session
            .question()
            .is_some_and(|q| q.kind == QuestionKind::Many && a.interview.toggled.is_empty())
    });
    press(&mut app, "Space");
    advance_until(&mut app, |a| a.session.is_complete());
    app
}

#[test]
fn start_screen() {
    let kb = kb();
    let mut app = App::new(&kb, Config::bare());
    press(&mut app, "\"Spare parts shop\"");
    snap("start", &mut app);
}

#[test]
fn start_screen_offering_the_autosave() {
    let kb = kb();
    let mut answers = Answers {
        project: Some("Older project".into()),
        ..Answers::default()
    };
    answers.set(&kb.questions[0].id, AnswerValue::One("something".into()));
    let config = Config {
        autosave: Some(PathBuf::from(
            "/home/me/.local/state/dbadvise/autosave.yaml",
        )),
        autosave_shown: "~/.local/state/dbadvise/autosave.yaml".into(),
        autosaved: Autosaved::Found {
            path: PathBuf::from("/home/me/.local/state/dbadvise/autosave.yaml"),
            answers,
        },
        ..Config::bare()
    };
    let mut app = App::new(&kb, config);
    press(&mut app, "Down Down");
    snap("start_resume", &mut app);
}

#[test]
fn interview_free_text_question() {
    let kb = kb();
    let mut app = started(&kb);
    advance_until(&mut app, kind_is(QuestionKind::Text));
    press(&mut app, "\"an online shop for spare parts\"");
    snap("interview_text", &mut app);
}

#[test]
fn interview_one_choice_question_with_the_stack_so_far() {
    let kb = kb();
    let mut app = started(&kb);
    advance_until(&mut app, |a| {
        !a.session.advice().stack.is_empty() && kind_is(QuestionKind::One)(a)
    });
    press(&mut app, "Down");
    snap("interview_one", &mut app);
}

#[test]
fn interview_several_choice_question_with_ticks() {
    let kb = kb();
    let mut app = started(&kb);
    advance_until(&mut app, kind_is(QuestionKind::Many));
    // The first option is ticked by default; tick the second too.
    press(&mut app, "Down Space");
    assert_eq!(
        app.interview.toggled.len(),
        2,
        "{:?}",
        app.interview.toggled
    );
    snap("interview_many", &mut app);
}

#[test]
fn interview_changing_an_earlier_answer_from_the_path() {
    let kb = kb();
    let mut app = finished(&kb);
    press(&mut app, "Esc Tab Home Down");
    snap("interview_path", &mut app);
    press(&mut app, "Enter");
    snap("interview_change", &mut app);
}

#[test]
fn results_tabs() {
    let kb = kb();
    let mut app = finished(&kb);
    for (i, tab) in TABS.iter().enumerate() {
        assert_eq!(app.results.tab, i);
        snap(
            &format!("results_{}", tab.to_lowercase().replace('-', "_")),
            &mut app,
        );
        press(&mut app, "Tab");
    }
}

#[test]
fn results_record_scrolled() {
    let kb = kb();
    let mut app = finished(&kb);
    press(&mut app, "BackTab");
    render(&mut app, 80, 24);
    press(&mut app, "PgDn");
    snap("results_record_scrolled", &mut app);
}

#[test]
fn results_record_in_the_nygard_layout() {
    let kb = kb();
    let mut app = finished(&kb);
    // Tab in the export prompt switches the layout; the preview behind it follows.
    press(&mut app, "BackTab e Tab");
    snap("overlay_export_nygard", &mut app);
    press(&mut app, "Esc");
    snap("results_record_nygard", &mut app);
}

/// Every row of the Record tab, page by page, at `width`×`height`.
fn whole_record(app: &mut App, width: u16, height: u16) -> String {
    press(app, "Home");
    let mut text = String::new();
    loop {
        text.push_str(&screen(app, width, height));
        if app.results.scroll[TABS.len() - 1] >= app.layout.scroll_limit {
            return text;
        }
        press(app, "PgDn");
    }
}

/// The Record tab shows the record as it will read: headings, bullets, tables as
/// columns, task boxes, and none of the Markdown or HTML marks of the file; nothing in
/// colour under NO_COLOR.
#[test]
fn the_record_tab_reads_as_text_not_markup() {
    let real = KnowledgeBase::embedded();
    let fixture = kb();
    let projects = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects");
    let mut apps = vec![finished(&fixture)];
    for name in ["internal-tool", "ecommerce-catalogue", "multi-tenant-saas"] {
        let file = projects.join(format!("{name}.yaml"));
        let answers = crate::common::answers::read_answers(&real, &file);
        apps.push(App::resumed(&real, Config::bare(), answers, &file));
    }
    for mut app in apps {
        let name = app.session.answers().project.clone().unwrap_or_default();
        let markdown = app.record_preview().to_string();
        // The file has the marks the preview must not show.
        for mark in ["| --- |", "**", "\n## ", "* [ ] ", "](", "---\nstatus:"] {
            assert!(
                markdown.contains(mark),
                "{name}: {mark:?} not in the record"
            );
        }
        press(&mut app, "BackTab");
        assert_eq!(app.results.tab, TABS.len() - 1);
        for mono in [false, true] {
            app.session.config.mono = mono;
            for (w, h) in SIZES {
                let text = whole_record(&mut app, w, h);
                for mark in [
                    "|---", "| ---", "---:", "<details", "<summary", "</", "**", "```", "* [", "](",
                ] {
                    assert!(
                        !text.contains(mark),
                        "{name} {w}x{h}: {mark:?} shown:\n{text}"
                    );
                }
                for line in text.lines() {
                    let inside = line.trim_start_matches(['│', ' ']);
                    assert!(
                        !inside.starts_with('#'),
                        "{name} {w}x{h}: a raw heading: {line}"
                    );
                }
                for shown in ["═══", "• ", "[ ] ", "─┼─", " │ ", "Decision Drivers"]
                {
                    assert!(
                        text.contains(shown),
                        "{name} {w}x{h}: no {shown:?}:\n{text}"
                    );
                }
                if mono {
                    let terminal = render(&mut app, w, h);
                    for cell in terminal.backend().buffer().content.iter() {
                        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
                    }
                }
            }
        }
    }
}

#[test]
fn overlays() {
    let kb = kb();
    let mut app = finished(&kb);
    press(&mut app, "?");
    snap("overlay_help", &mut app);
    press(&mut app, "Esc s");
    snap("overlay_save", &mut app);
    press(&mut app, "Esc e");
    snap("overlay_export", &mut app);
    press(&mut app, "Esc q");
    snap("overlay_quit", &mut app);
    press(&mut app, "Esc");
    let write = app.write_for(
        dbadvise::session::WriteKind::Export,
        "docs/decisions/0001-shop.md".as_ref(),
    );
    press(&mut app, "e");
    app.update(Action::Wrote {
        kind: write.kind,
        path: write.files[0].0.clone(),
        result: Err(dbadvise::session::WriteError::Exists(
            write.files[0].0.clone(),
        )),
    });
    snap("overlay_overwrite", &mut app);
}

#[test]
fn status_line_after_saving() {
    let kb = kb();
    let mut app = finished(&kb);
    press(&mut app, "s");
    app.update(Action::Wrote {
        kind: dbadvise::session::WriteKind::Save,
        path: "spare-parts-shop.answers.yaml".into(),
        result: Ok(()),
    });
    snap("results_saved", &mut app);
}

#[test]
fn below_the_minimum_size_the_screen_says_so() {
    let kb = kb();
    let mut app = started(&kb);
    let text = screen(&mut app, MIN_WIDTH - 1, MIN_HEIGHT + 5);
    assert!(text.contains("terminal too small"), "{text}");
    assert!(text.contains(&format!(
        "(needs {MIN_WIDTH}×{MIN_HEIGHT}, has {}×{})",
        MIN_WIDTH - 1,
        MIN_HEIGHT + 5
    )));
    let text = screen(&mut app, MIN_WIDTH, MIN_HEIGHT);
    assert!(!text.contains("too small"), "{text}");
    assert!(
        text.contains("In one sentence") || text.contains("step 1 of about"),
        "{text}"
    );
    insta::assert_snapshot!("too_small_50x12", screen(&mut app, 50, 12));
}

#[test]
fn no_color_draws_without_colour_and_shows_focus_by_reverse_video() {
    let kb = kb();
    let config = Config {
        mono: true,
        ..Config::bare()
    };
    let mut app = App::new(&kb, config);
    press(&mut app, "\"shop\" Enter Enter");
    for (w, h) in SIZES {
        let terminal = render(&mut app, w, h);
        let buffer = terminal.backend().buffer();
        let mut reversed_rows = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let cell = &buffer[(x, y)];
                assert_eq!(cell.fg, Color::Reset, "colour at {x},{y}");
                assert_eq!(cell.bg, Color::Reset, "colour at {x},{y}");
                if cell.modifier.contains(Modifier::REVERSED) && !reversed_rows.contains(&y) {
                    reversed_rows.push(y);
                }
            }
        }
        // The highlighted option (its first row) is in reverse video.
        let text = screen(&mut app, w, h);
        let row = text.lines().position(|l| l.contains("› ")).unwrap() as u16;
        assert!(
            reversed_rows.contains(&row),
            "rows {reversed_rows:?}, highlight on {row}\n{text}"
        );
    }
    // With colour, the same highlight has a background colour instead.
    let mut app = {
        let mut app = App::new(&kb, Config::bare());
        press(&mut app, "\"shop\" Enter Enter");
        app
    };
    let terminal = render(&mut app, 80, 24);
    let text = screen(&mut app, 80, 24);
    let row = text.lines().position(|l| l.contains("› ")).unwrap() as u16;
    assert_ne!(terminal.backend().buffer()[(10, row)].bg, Color::Reset);
}

#[test]
fn the_footer_and_the_help_are_the_key_table() {
    let kb = kb();
    let mut app = finished(&kb);
    // The footer shows exactly the table's hints for the live contexts.
    let text = screen(&mut app, 120, 40);
    let footer = text.lines().last().unwrap();
    for hint in keymap::footer(&app.contexts()) {
        assert!(
            footer.contains(&format!("{} {}", hint.keys, hint.text)),
            "{hint:?} in {footer:?}"
        );
    }
    // The help lists every binding's keys and what it does.
    press(&mut app, "?");
    let mut help = String::new();
    for _ in 0..40 {
        help.push_str(&screen(&mut app, 120, 40));
        press(&mut app, "Down");
    }
    // Bindings without help text (2…9 beside "1…9") are folded into the row before them.
    for b in BINDINGS.iter().filter(|b| !b.help.is_empty()) {
        for key in b.label.split(' ') {
            assert!(
                help.contains(key),
                "{key} ({}) missing from the help",
                b.help
            );
        }
        assert!(help.contains(b.help), "{:?} missing from the help", b.help);
    }
}

#[test]
fn a_resize_redraws_the_same_state_at_the_new_size() {
    let kb = kb();
    let mut app = started(&kb);
    advance_until(&mut app, kind_is(QuestionKind::Many));
    let big = screen(&mut app, 120, 40);
    let small = screen(&mut app, 80, 24);
    assert_eq!(big.lines().count(), 40);
    assert_eq!(small.lines().count(), 24);
    let prompt = app.session.question().unwrap().prompt.clone();
    let first_words: String = prompt
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(big.contains(&first_words) && small.contains(&first_words));
}

/// The key table as the README shows it, from the key table itself.
fn readme_key_table() -> String {
    let mut out = String::from("| keys | what they do |\n| --- | --- |\n");
    for (section, hints) in keymap::help() {
        out.push_str(&format!("| **{section}** | |\n"));
        for hint in hints {
            let keys: Vec<String> = hint.keys.split(' ').map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), hint.text));
        }
    }
    out
}

#[test]
fn the_readme_shows_the_key_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme_key_table();
    assert!(
        readme.contains(&table),
        "README.md should contain the key table as it is now:\n\n{table}"
    );
}

#[test]
fn the_topic_library() {
    let kb = kb();
    let mut app = App::library(&kb, Config::bare(), None);
    snap("learn_list", &mut app);
    press(&mut app, "Enter");
    snap("learn_page", &mut app);
    press(&mut app, "/ \"index\"");
    snap("learn_search", &mut app);
}

#[test]
fn the_topic_of_a_question_over_the_interview() {
    let kb = kb();
    let mut app = started(&kb);
    advance_until(&mut app, |a| {
        a.session.question().is_some_and(|q| !q.topics.is_empty())
    });
    press(&mut app, "t");
    snap("learn_over_interview", &mut app);
}

#[test]
fn what_if_over_the_results() {
    let kb = kb();
    let mut app = finished(&kb);
    press(&mut app, "w");
    snap("whatif_questions", &mut app);
    // The database the team runs: an answer the primary store hangs on.
    for _ in 0..10 {
        if screen(&mut app, 120, 40).contains("▸ ◆ Is there a database") {
            break;
        }
        press(&mut app, "Down");
    }
    assert!(screen(&mut app, 120, 40).contains("▸ ◆ Is there a database"));
    // Its last option: the team runs MongoDB.
    press(&mut app, "Enter End");
    snap("whatif_answers", &mut app);
    press(&mut app, "Enter");
    snap("whatif_compare", &mut app);
}

/// The stack so far lists its roles in one column as wide as the longest, so that a
/// role longer than the usual ones (`object-store`) neither runs into its engine's name
/// nor pushes that name out of line with the others.
#[test]
fn the_stack_so_far_lines_up_its_names_whatever_the_roles() {
    let kb = KnowledgeBase::embedded();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inspections.yaml");
    std::fs::write(
        &file,
        "project: Pole inspections\nanswers:\n  data-kinds: [documents, files, analytics]\n  \
         team: small-team\n  existing: none\n  deployment: devices-sync\n  volume: medium\n  \
         peak-rate: hundreds\n  query-complexity: complex\n",
    )
    .unwrap();
    let answers = crate::common::answers::read_answers(&kb, &file);
    let mut app = App::resumed(&kb, Config::bare(), answers, &file);
    let roles: Vec<String> = app
        .session
        .advice()
        .stack
        .iter()
        .map(|c| c.role.to_string())
        .collect();
    assert!(roles.iter().any(|r| r == "object-store"), "{roles:?}");
    for (w, h) in SIZES {
        let text = screen(&mut app, w, h);
        let lines: Vec<&str> = text.lines().collect();
        let top = lines
            .iter()
            .position(|l| l.contains("Recommendation so far"))
            .expect("the stack so far is on screen");
        // The column where each role's engine name starts, within the panel.
        let starts: Vec<usize> = lines[top + 1..top + 1 + roles.len()]
            .iter()
            .zip(&roles)
            .map(|(line, role)| {
                let panel = line.rsplit('│').nth(1).unwrap_or(line);
                let at = panel.find(role.as_str()).expect("the role is listed");
                let after = &panel[at + role.len()..];
                panel[..at].chars().count()
                    + role.chars().count()
                    + after.chars().take_while(|c| *c == ' ').count()
            })
            .collect();
        assert!(
            starts.windows(2).all(|p| p[0] == p[1]) && starts[0] > "object-store".len(),
            "{w}x{h}: {starts:?}\n{text}"
        );
    }
}
