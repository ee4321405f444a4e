//! The results screen: tabs, scrolling, clicks and the key table.

use super::*;

#[test]
fn results_tabs_and_scrolling() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    assert_eq!(app.results.tab, 0);
    keys(&mut app, "Tab Tab Right");
    assert_eq!(app.results.tab, 3);
    keys(&mut app, "BackTab Left h");
    assert_eq!(app.results.tab, 0);
    keys(&mut app, "BackTab");
    assert_eq!(app.results.tab, 6, "tabs wrap around");
    render(&mut app, 80, 24);
    let limit = app.layout.scroll_limit;
    assert!(limit > 10, "the record is longer than a screen");
    keys(&mut app, "j j PgDn");
    assert_eq!(app.results.scroll[6], 2 + app.layout.page_height);
    keys(&mut app, "End");
    assert_eq!(app.results.scroll[6], limit);
    keys(&mut app, "Down");
    assert_eq!(app.results.scroll[6], limit, "not past the end");
    keys(&mut app, "Home");
    assert_eq!(app.results.scroll[6], 0);
    app.update(Action::ScrollDown);
    assert_eq!(
        app.results.scroll[6], 3,
        "the mouse wheel scrolls three lines"
    );
}

#[test]
fn clicks_pick_options_answers_and_tabs() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let text = screen(&mut app, 120, 40);
    let row = text
        .lines()
        .position(|l| l.contains("Self-contained documents"))
        .unwrap() as u16;
    app.update(Action::Click { column: 10, row });
    assert_eq!(app.interview.cursor, 1);
    assert_eq!(
        app.interview.toggled,
        ["records", "documents"],
        "a click ticks it"
    );
    keys(&mut app, "Enter Enter Enter Enter");
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(
        app.session.answers().get("data-kinds"),
        Some(&many(&["records", "documents"]))
    );
    let text = screen(&mut app, 120, 40);
    let line = text.lines().nth(1).unwrap();
    let column = line.find("Schema").unwrap() as u16;
    app.update(Action::Click { column, row: 1 });
    assert_eq!(app.results.tab, 2);
}

#[test]
fn only_the_keys_of_the_key_table_do_anything() {
    // Keys outside the table are ignored, not guessed at.
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter");
    let before = (
        app.interview.cursor,
        app.session.answers().clone(),
        app.overlay.clone(),
    );
    let f5 = key_event(KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(translate(&app, Event::Key(f5)), None);
    keys(&mut app, "x z");
    assert_eq!(
        (
            app.interview.cursor,
            app.session.answers().clone(),
            app.overlay.clone()
        ),
        before
    );
}

#[test]
fn the_help_scrolls_no_further_than_its_end() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter Enter ?");
    render(&mut app, 80, 24);
    let limit = app.layout.help_limit;
    assert!(
        limit > 0 && limit < 100,
        "the help is longer than 24 rows: {limit}"
    );
    for _ in 0..100 {
        keys(&mut app, "Down");
    }
    keys(&mut app, "Up");
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: limit - 1 }));
}

/// The CAP notes of the Trade-offs tab name each store as the stack does: a self-run
/// object store is MinIO or Ceph there, not the clouds' services.
#[test]
fn trade_offs_name_each_store_as_the_stack_does() {
    let kb = KnowledgeBase::embedded();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects/iot-fleet.yaml");
    let mut answers = read_answers(&kb, &file);
    answers.set("deployment", one("self-hosted"));
    answers.set("data-kinds", many(&["time-series", "files"]));
    let mut app = App::resumed(&kb, Config::bare(), answers, &file);
    assert_eq!(app.screen, Screen::Results);
    let stack = screen(&mut app, 120, 200);
    let name = "S3-compatible object storage (MinIO or Ceph)";
    assert!(stack.contains(&format!("{name} — object-store")), "{stack}");
    keys(&mut app, "Tab");
    let trade_offs = screen(&mut app, 120, 200);
    assert!(
        trade_offs.contains(&format!("{name} is CP")),
        "{trade_offs}"
    );
    assert!(
        !trade_offs.contains("Azure Blob object storage is CP"),
        "{trade_offs}"
    );
}
