//! What-if (`w` on the results), and the answers the advice hangs on.

use super::files::{autosave_config, path_in, temp};
use super::*;

// ---- what-if (w on the results) -------------------------------------------------------

pub(super) fn what_if(app: &App) -> dbadvise::tui::whatif::WhatIf {
    match &app.overlay {
        Some(Overlay::WhatIf(w)) => w.clone(),
        other => panic!("the what-if is not open: {other:?}"),
    }
}

/// Moves the what-if's highlight to the question `id`.
pub(super) fn highlight_question(app: &mut App, id: &str) {
    let at = app
        .session
        .what_if_questions()
        .iter()
        .position(|q| q.id == id)
        .unwrap_or_else(|| panic!("{id} is not on the path"));
    keys(app, "Home");
    for _ in 0..at {
        keys(app, "Down");
    }
}

#[test]
fn what_if_compares_without_changing_the_answers_and_esc_walks_back() {
    use dbadvise::tui::whatif::Stage;
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    let before = app.session.answers().clone();
    keys(&mut app, "w");
    assert_eq!(what_if(&app).stage, Stage::Question);
    // Free-text answers cannot be what-if'd: the project's domain is not listed.
    assert!(app
        .session
        .what_if_questions()
        .iter()
        .all(|q| q.id != "domain"));
    // The database the team runs: the one-choice answer the primary store hangs on.
    highlight_question(&mut app, "existing");
    keys(&mut app, "Enter");
    assert!(matches!(what_if(&app).stage, Stage::Answer { .. }));
    // The first option that is not the answer now is highlighted.
    assert_eq!(what_if(&app).option_cursor, 1);
    // The last one: the team runs MongoDB.
    keys(&mut app, "End Enter");
    let Stage::Compare { question, value } = what_if(&app).stage else {
        panic!("not comparing: {:?}", what_if(&app).stage)
    };
    assert_eq!((question.as_str(), &value), ("existing", &one("mongodb")));
    let compared = app.session.what_if(&question, &value);
    let primary = |a: &dbadvise::engine::Advice| {
        a.stack
            .iter()
            .find(|c| c.role == "primary")
            .map(|c| c.engine.clone())
    };
    assert_eq!(primary(app.session.advice()), Some("postgresql".into()));
    assert_eq!(primary(&compared.advice), Some("mongodb".into()));
    assert!(compared.diff.stack.iter().any(|c| c.role == "primary"));
    drop(compared);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("primary: PostgreSQL") && text.contains("primary: MongoDB"));
    assert_eq!(
        *app.session.answers(),
        before,
        "comparing changes no answer"
    );
    keys(&mut app, "Esc");
    assert!(matches!(what_if(&app).stage, Stage::Answer { .. }));
    keys(&mut app, "Esc Esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(*app.session.answers(), before);
}

#[test]
fn adopting_a_what_if_makes_it_the_answer() {
    let kb = fixture_kb();
    let dir = temp();
    let mut app = App::new(&kb, autosave_config(dir.path()));
    keys(&mut app, WHOLE);
    keys(&mut app, "w");
    highlight_question(&mut app, "latency");
    let now = app.session.answers().get("latency").cloned();
    keys(&mut app, "Enter");
    // Pick the other option than the one answered.
    keys(&mut app, "Enter a");
    let adopted = app.session.answers().get("latency").cloned();
    assert!(adopted.is_some() && adopted != now, "{now:?} → {adopted:?}");
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Results);
    assert!(app
        .status
        .as_deref()
        .is_some_and(|s| s.starts_with("Adopted")));
    let answers = read_answers(&kb, dir.path().join("state/autosave.yaml"));
    assert_eq!(
        answers.get("latency"),
        adopted.as_ref(),
        "the autosave has it"
    );
}

#[test]
fn adopting_an_answer_that_opens_questions_goes_to_them() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    keys(&mut app, "w");
    highlight_question(&mut app, "data-kinds");
    // Documents instead of business records: untick the first kind, tick the second.
    keys(&mut app, "Enter Space Down Space Enter");
    assert!(matches!(
        what_if(&app).stage,
        dbadvise::tui::whatif::Stage::Compare { .. }
    ));
    let opened = app
        .session
        .what_if("data-kinds", &many(&["documents"]))
        .advice
        .defaulted
        .clone();
    assert!(!opened.is_empty(), "document data opens a question");
    keys(&mut app, "a");
    assert_eq!(
        app.session.answers().get("data-kinds"),
        Some(&many(&["documents"]))
    );
    assert_eq!(app.screen, Screen::Interview);
    assert_eq!(current(&app), opened[0], "asked next");
}

#[test]
fn what_if_on_a_several_choice_question_compares_the_ticks() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    // The features beside the primary store: live counters bring Redis.
    let extra = app
        .session
        .what_if_questions()
        .iter()
        .find(|q| q.id == "features")
        .map(|q| q.id.clone())
        .unwrap();
    assert_eq!(
        kb.question(&extra).unwrap().kind,
        dbadvise::kb::QuestionKind::Many
    );
    keys(&mut app, "w");
    highlight_question(&mut app, &extra);
    keys(&mut app, "Enter");
    // Enter on the ticks as they are now compares nothing: it says so and stays.
    keys(&mut app, "Enter");
    assert!(matches!(
        what_if(&app).stage,
        dbadvise::tui::whatif::Stage::Answer { .. }
    ));
    assert!(what_if(&app).note.is_some());
    // Untick every option ticked now: no secondary store at all.
    let ticked = app.session.answers().get(&extra).unwrap().values().len();
    let q = kb.question(&extra).unwrap();
    for (i, o) in q.options.iter().enumerate() {
        if app
            .session
            .answers()
            .get(&extra)
            .unwrap()
            .values()
            .contains(&o.id.as_str())
        {
            keys(&mut app, "Home");
            for _ in 0..i {
                keys(&mut app, "Down");
            }
            keys(&mut app, "Space");
        }
    }
    assert!(ticked > 0);
    keys(&mut app, "Enter");
    let dbadvise::tui::whatif::Stage::Compare { value, .. } = what_if(&app).stage else {
        panic!("not comparing")
    };
    assert_eq!(value, many(&[]));
    let diff = app.session.what_if(&extra, &value).diff.clone();
    assert!(
        diff.stack
            .iter()
            .any(|c| c.role == "ephemeral" && c.after.is_none()),
        "no store for live counters without them: {diff:?}"
    );
    assert!(
        diff.stack
            .iter()
            .any(|c| c.role == "search" && c.after.is_none()),
        "no search without keyword search: {diff:?}"
    );
}

#[test]
fn the_results_list_the_answers_the_advice_hangs_on() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    let hangs: Vec<String> = app
        .session
        .sensitivity()
        .iter()
        .map(|s| s.question.clone())
        .collect();
    assert!(hangs.contains(&"existing".to_string()), "{hangs:?}");
    keys(&mut app, "Tab");
    let mut text = String::new();
    for _ in 0..10 {
        text.push_str(&screen(&mut app, 120, 40));
        keys(&mut app, "PgDn");
    }
    assert!(text.contains("What the advice hangs on"));
    assert!(text.contains("primary PostgreSQL → MongoDB"), "{text}");
}

#[test]
fn the_exported_record_says_which_answers_the_decision_rests_on_as_recommend_does() {
    let dir = temp();
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert!(
        !app.session.sensitivity().is_empty(),
        "the fixture has answers that matter"
    );
    let record = path_in(dir.path(), "shop.md");
    keys(&mut app, &format!("e C-u \"{record}\" Enter"));
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.contains("The stores rest on these answers"), "{text}");
    // The answers that move the stores, as the record of `recommend` lists them (a few
    // per question).
    let meta = dbadvise::report::RecordMeta {
        status: "proposed".into(),
        date: "2025-01-01".into(),
        deciders: vec![],
    };
    let record =
        dbadvise::report::record::kickoff(&kb, app.session.advice(), app.session.answers(), &meta);
    assert!(!record.assumptions.is_empty());
    for a in &record.assumptions {
        for alternative in &a.alternatives {
            let line = format!("  * {}", dbadvise::report::escape_inline(alternative));
            assert!(text.contains(&line), "{line} missing from\n{text}");
        }
    }
    // They are among those the Trade-offs tab lists.
    let summaries: Vec<String> = app
        .session
        .sensitivity()
        .iter()
        .map(dbadvise::report::diff::alternative)
        .collect();
    assert!(record
        .assumptions
        .iter()
        .flat_map(|a| &a.alternatives)
        .all(|alt| summaries.contains(alt)));
}

/// A what-if cannot untick every kind of data: the question takes at least one, so
/// Enter with none ticked says so and compares nothing.
#[test]
fn a_what_if_with_nothing_ticked_where_one_is_needed_compares_nothing() {
    use dbadvise::tui::keymap::KeyCommand;
    use dbadvise::tui::whatif::{Stage, WhatIf, WhatIfOutcome};
    let kb = KnowledgeBase::embedded();
    let kinds = kb.question("data-kinds").unwrap();
    let now = |_: &str| Some(many(&["records"]));
    let mut w = WhatIf::open();
    w.update(&[kinds], now, KeyCommand::Choose, 10);
    assert!(matches!(w.stage, Stage::Answer { .. }), "{:?}", w.stage);
    // The cursor starts on the first option, records: untick it, and Enter.
    w.option_cursor = 0;
    w.update(&[kinds], now, KeyCommand::Toggle, 10);
    let outcome = w.update(&[kinds], now, KeyCommand::Choose, 10);
    assert!(matches!(outcome, WhatIfOutcome::Stay));
    assert!(matches!(w.stage, Stage::Answer { ref ticked, .. } if ticked.is_empty()));
    assert!(
        w.note
            .as_deref()
            .is_some_and(|n| n.contains("at least one")),
        "{:?}",
        w.note
    );
    // Ticking documents instead compares.
    w.option_cursor = 1;
    w.update(&[kinds], now, KeyCommand::Toggle, 10);
    w.update(&[kinds], now, KeyCommand::Choose, 10);
    assert!(matches!(w.stage, Stage::Compare { .. }), "{:?}", w.stage);
}
