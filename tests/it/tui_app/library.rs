//! The topic library (`t`, and `dbadvise learn`).

use super::*;

// ---- the topic library (t, and `dbadvise learn`) ------------------------------------

pub(super) fn library(app: &App) -> dbadvise::tui::library::Learn {
    match &app.overlay {
        Some(Overlay::Learn(learn)) => learn.clone(),
        other => panic!("the topic library is not open: {other:?}"),
    }
}

#[test]
fn t_opens_the_topic_behind_the_question_and_esc_comes_back_to_it() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, "\"shop\" Enter \"an online shop\" Enter");
    assert_eq!(current(&app), "data-kinds");
    let (cursor, answers) = (app.interview.cursor, app.session.answers().clone());
    keys(&mut app, "t");
    let open = library(&app);
    assert_eq!(
        open.topic, "relational-vs-document",
        "the question's first topic"
    );
    assert!(screen(&mut app, 120, 40).contains("Relational or document model"));
    // Its related links are numbered in the order of the topic's `related`.
    keys(&mut app, "2");
    assert_eq!(library(&app).topic, "btree-index");
    keys(&mut app, "1");
    assert_eq!(library(&app).topic, "relational-vs-document");
    // Esc walks the links back, then closes onto the same question, nothing changed.
    keys(&mut app, "Esc");
    assert_eq!(library(&app).topic, "btree-index");
    keys(&mut app, "Esc Esc");
    assert!(app.overlay.is_none());
    assert_eq!(current(&app), "data-kinds");
    assert_eq!(
        (app.interview.cursor, app.session.answers()),
        (cursor, &answers)
    );
    // A link number the page does not have does nothing.
    keys(&mut app, "t 9");
    assert_eq!(library(&app).topic, "relational-vs-document");
    assert!(library(&app).history.is_empty());
}

#[test]
fn on_the_results_t_opens_the_topic_of_the_tab() {
    let kb = fixture_kb();
    let mut app = App::new(&kb, Config::bare());
    keys(&mut app, WHOLE);
    keys(&mut app, "Tab t");
    assert_eq!(app.results.tab, 1, "Trade-offs");
    assert_eq!(library(&app).topic, "cap-theorem");
    keys(&mut app, "q");
    assert!(app.overlay.is_none(), "q closes the library, not the app");
    assert_eq!(app.screen, Screen::Results);
    keys(&mut app, "BackTab t");
    assert_eq!(
        library(&app).topic,
        "relational-vs-document",
        "the Stack tab"
    );
}

#[test]
fn search_narrows_the_list_as_it_is_typed_and_esc_clears_it() {
    let kb = fixture_kb();
    let mut app = App::library(&kb, Config::bare(), None);
    assert_eq!(library(&app).visible(&kb).len(), 4);
    keys(&mut app, "/ \"index\"");
    let learn = library(&app);
    assert!(learn.searching);
    let ids: Vec<&str> = learn.visible(&kb).iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["btree-index"]);
    assert_eq!(learn.topic, "btree-index", "the first match is shown");
    // Letters are text while searching: q does not close.
    keys(&mut app, "\"zq\"");
    assert!(library(&app).visible(&kb).is_empty());
    keys(&mut app, "Bs Bs Enter");
    assert!(!library(&app).searching);
    assert_eq!(library(&app).visible(&kb).len(), 1);
    // Back clears the search before it closes the library.
    keys(&mut app, "Esc");
    assert_eq!(library(&app).query, "");
    assert_eq!(library(&app).visible(&kb).len(), 4);
    assert_eq!(library(&app).topic, "btree-index", "the topic read stays");
}

#[test]
fn the_list_moves_with_the_arrows_and_enter_reads_the_page() {
    let kb = fixture_kb();
    let mut app = App::library(&kb, Config::bare(), None);
    // The list is grouped by area in the knowledge base's order of areas.
    let ids: Vec<String> = library(&app)
        .visible(&kb)
        .iter()
        .map(|t| t.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "acid",
            "cap-theorem",
            "relational-vs-document",
            "btree-index"
        ]
    );
    keys(&mut app, "Down Down");
    assert_eq!(library(&app).topic, "relational-vs-document");
    keys(&mut app, "End");
    assert_eq!(library(&app).topic, "btree-index");
    keys(&mut app, "Home Enter");
    let learn = library(&app);
    assert_eq!(learn.topic, "acid");
    assert_eq!(learn.focus, dbadvise::tui::library::LearnFocus::Page);
    // With the page focused the arrows scroll it.
    keys(&mut app, "Down");
    assert_eq!(library(&app).topic, "acid");
    assert_eq!(library(&app).scroll, 1);
}

#[test]
fn learn_alone_quits_when_the_library_closes() {
    let kb = fixture_kb();
    let mut app = App::library(&kb, Config::bare(), Some("acid"));
    assert!(app.is_library_only());
    assert_eq!(library(&app).topic, "acid");
    let effects = keys(&mut app, "q");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Quit)),
        "q quits dbadvise learn: {effects:?}"
    );
}
