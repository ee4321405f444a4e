//! The knowledge base as a user changes it: `kb check` on the embedded base and on
//! broken ones, `kb export`, and overlay directories (`--kb`) that extend engines, change
//! one field or add a question.

use std::fs;

use crate::common::run::{dbadvise, failure_of, json_of, project, stdout_of};

#[test]
fn kb_check_passes_on_the_embedded_knowledge_base() {
    let out = stdout_of(dbadvise().args(["kb", "check"]));
    assert!(out.starts_with("knowledge base OK"), "{out}");
}

/// What every start loads (the base as the build wrote it, less its empty fields) is the
/// base that loading and checking the files gives, field for field.
#[test]
fn the_embedded_base_as_built_is_the_base_its_files_give() {
    use dbadvise::kb::{embedded::load_and_check, load::Checked};
    let as_built = Checked::new(dbadvise::kb::KnowledgeBase::embedded());
    let from_files = Checked::new(load_and_check(&[]).expect("the embedded files check"));
    let value = |c: &Checked| serde_json::to_value(c).unwrap();
    let (as_built, from_files) = (value(&as_built), value(&from_files));
    assert!(as_built["lists"]["questions"].as_array().unwrap().len() > 20);
    assert!(
        as_built == from_files,
        "the base loaded at start differs from its files"
    );
}

#[test]
fn kb_export_writes_a_knowledge_base_that_checks_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let kb_dir = dir.path().join("kb");
    dbadvise()
        .args(["kb", "export"])
        .arg(&kb_dir)
        .assert()
        .success();
    assert!(kb_dir.join("README.md").exists());
    assert!(kb_dir.join("trees").is_dir());
    let (code, _) = failure_of(dbadvise().args(["kb", "export"]).arg(&kb_dir));
    assert_eq!(code, 6, "export refuses to overwrite");
    dbadvise()
        .args(["kb", "check"])
        .arg(&kb_dir)
        .assert()
        .success();

    // A company changes an engine's name in its copy: the override wins by id.
    let engines = kb_dir.join("catalog/engines.yaml");
    let text = fs::read_to_string(&engines).unwrap().replacen(
        "name: PostgreSQL",
        "name: PostgreSQL (approved)",
        1,
    );
    fs::write(&engines, text).unwrap();
    let json = json_of(
        dbadvise()
            .arg("--kb")
            .arg(&kb_dir)
            .args(["recommend", "--format", "json", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(json["stack"][0]["name"], "PostgreSQL (approved)");
}

/// (role, engine) → score of every alternative `recommend` shows.
fn scores(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["role"].as_str().unwrap().to_string(),
                a["engine"].as_str().unwrap().to_string(),
                a["score"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The embedded knowledge base with the overlay directory `dir` on top.
fn with_overlay(dir: &std::path::Path) -> dbadvise::kb::KnowledgeBase {
    dbadvise::kb::load(&[dir.to_path_buf()]).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("the overlay does not load:\n{}", list.join("\n"))
    })
}

/// The problems that refuse an overlay of one file, `name` holding `text`, as printed.
fn refused_overlay(name: &str, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    let Err(problems) = dbadvise::kb::load(&[dir.path().to_path_buf()]) else {
        panic!("the overlay {name} loads, and should be refused:\n{text}");
    };
    problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn an_engine_can_extend_only_an_engine_the_catalog_has() {
    let text = refused_overlay(
        "engines.yaml",
        "engines: [{id: citus, extends: postgress}]\n",
    );
    assert!(
        text.iter()
            .any(|t| t.contains("extends") && t.contains("postgress") && t.contains("postgresql")),
        "{text:?}"
    );
}

#[test]
fn an_overlay_changes_one_field_of_an_engine_and_nothing_else() {
    use dbadvise::kb::{KnowledgeBase, Rating};
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("engines.yaml"),
        "engines: [{id: mysql, ratings: {complex-queries: poor}}]\n",
    )
    .unwrap();
    let base = KnowledgeBase::embedded();
    let kb = with_overlay(dir.path());
    let before = base.engine("mysql").unwrap();
    let after = kb.engine("mysql").unwrap();
    assert_ne!(
        before.ratings["complex-queries"],
        Rating::Poor,
        "a real change"
    );
    assert_eq!(after.ratings["complex-queries"], Rating::Poor);
    // Every other field of MySQL, and every other engine, as embedded.
    let mut expected = serde_yaml::to_value(before).unwrap();
    expected["ratings"]["complex-queries"] = serde_yaml::Value::from("poor");
    assert_eq!(serde_yaml::to_value(after).unwrap(), expected);
    assert_eq!(kb.engines.len(), base.engines.len());
    for e in base.engines.iter().filter(|e| e.id != "mysql") {
        assert_eq!(
            serde_yaml::to_value(kb.engine(&e.id).unwrap()).unwrap(),
            serde_yaml::to_value(e).unwrap(),
            "{} changed",
            e.id
        );
    }
    // On the command line: MySQL scores lower for the MySQL shop, no other score moves.
    let recommend = |overlay: bool| {
        let mut cmd = dbadvise();
        if overlay {
            cmd.arg("--kb").arg(dir.path());
        }
        json_of(
            cmd.args(["recommend", "--format", "json", "--answers"])
                .arg(project("mysql-shop")),
        )
    };
    let (plain, changed) = (scores(&recommend(false)), scores(&recommend(true)));
    assert_eq!(plain.len(), changed.len(), "{plain:?}\n{changed:?}");
    for ((role, engine, was), (_, _, now)) in plain.iter().zip(&changed) {
        if role == "primary" && engine == "mysql" {
            assert!(now < was, "MySQL's score: {was} → {now}");
        } else {
            assert_eq!(now, was, "{role} {engine}");
        }
    }
}

/// A misspelt value in an item that changes one field is named at its line, though the
/// merge with the embedded item leaves no position in the parser's error.
#[test]
fn a_misspelt_rating_in_an_overlay_that_changes_one_field_is_named_at_its_line() {
    let text = refused_overlay(
        "engines.yaml",
        "# lower one rating\nengines:\n  - id: mysql\n    ratings: { complex-queries: fiar }\n",
    );
    assert!(
        text.iter()
            .any(|t| t.contains("engines.yaml:4:") && t.contains("`fiar`") && t.contains("`fair`")),
        "{text:?}"
    );
}

/// An overlay question asked only after two answers (its own `ask.when`) is reached
/// by kb check's search for paths, so it is judged on what it changes: weights that
/// move the ranking pass, options that weigh nothing are named.
#[test]
fn an_overlay_question_two_answers_away_is_judged_on_what_it_changes() {
    let question = |weights: [&str; 2]| {
        format!(
            "questions:\n  - id: pager-duty\n    section: Team\n    \
             prompt: Is someone on call for the database at night?\n    \
             help: Someone paged at night restores a failed primary.\n    kind: one\n    \
             default: \"no\"\n    \
             ask: {{before: stores, when: {{existing: [mysql], volume: [huge]}}}}\n    \
             options:\n      - {{id: \"yes\", label: A rota, weights: {{{}}}}}\n      \
             - {{id: \"no\", label: Nobody, weights: {{{}}}}}\n",
            weights[0], weights[1]
        )
    };
    let inert_of = |text: String| {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("pager.yaml"), text).unwrap();
        dbadvise::engine::effects::inert(&with_overlay(dir.path()))
    };
    let moving = inert_of(question(["operating-cost: -2", "operating-cost: 3"]));
    assert!(
        moving.iter().all(|(q, _, _)| q != "pager-duty"),
        "{moving:?}"
    );
    let idle = inert_of(question(["", ""]));
    assert!(
        idle.iter()
            .any(|(q, _, what)| q == "pager-duty" && what.starts_with("changes nothing")),
        "{idle:?}"
    );
}

#[test]
fn an_overlay_question_asked_before_the_stores_eliminates_engines_without_its_capability() {
    use dbadvise::engine::{parse_answers, walk};
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("drivers.yaml"),
        "questions:\n  - id: drivers\n    section: Platform\n    prompt: Must the applications keep their PostgreSQL drivers?\n    help: Every service is written against the PostgreSQL protocol.\n    kind: one\n    ask: {before: stores}\n    options:\n      - {id: \"yes\", label: \"Yes\", requires: [postgresql-protocol]}\n      - {id: \"no\", label: \"No\"}\n",
    )
    .unwrap();
    let kb = with_overlay(dir.path());
    // Asked before the stores: with every other answer of the MySQL shop given, it is the
    // next question, and no store is chosen until it is answered.
    let shop = fs::read_to_string(project("mysql-shop")).unwrap();
    let answers = parse_answers(&kb, "mysql-shop.yaml", &shop).unwrap();
    let open = walk(&kb, &answers);
    assert_eq!(open.next_question(), Some("drivers"), "{:?}", open.pending);
    assert!(open.stack.is_none(), "the stores wait for it");
    let answered = parse_answers(
        &kb,
        "mysql-shop.yaml",
        &format!("{shop}  drivers: \"no\"\n"),
    )
    .unwrap();
    let path = walk(&kb, &answered).asked;
    let at = |q: &str| {
        path.iter()
            .position(|a| *a == q)
            .unwrap_or_else(|| panic!("{q} is not asked: {path:?}"))
    };
    assert!(
        at("features") < at("drivers") && at("drivers") < at("multi-tenant"),
        "after the questions of the stores, before the later trees': {path:?}"
    );
    let (code, err) = failure_of(
        dbadvise()
            .arg("--kb")
            .arg(dir.path())
            .args(["recommend", "--answers"])
            .arg(project("mysql-shop")),
    );
    assert_eq!(code, 5);
    assert!(err.contains("drivers: Must the applications keep"), "{err}");
    // Answered yes: every engine without the PostgreSQL protocol is out, MySQL with it.
    let files = tempfile::tempdir().unwrap();
    let run = |answer: &str| {
        let file = files.path().join(format!("shop-{answer}.yaml"));
        fs::write(&file, format!("{shop}  drivers: \"{answer}\"\n")).unwrap();
        json_of(
            dbadvise()
                .arg("--kb")
                .arg(dir.path())
                .args(["recommend", "--format", "json", "--answers"])
                .arg(&file),
        )
    };
    let yes = run("yes");
    let primary = yes["stack"][0]["engine"].as_str().unwrap();
    let has = |engine: &str| {
        kb.engine(engine)
            .unwrap()
            .capabilities
            .iter()
            .any(|c| c == "postgresql-protocol")
    };
    assert!(has(primary), "{primary} is the primary");
    assert_ne!(primary, "mysql");
    let ranked: Vec<&serde_json::Value> = yes["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["role"] == "primary")
        .collect();
    for a in &ranked {
        let engine = a["engine"].as_str().unwrap();
        assert_eq!(a["eliminated"].is_string(), !has(engine), "{a}");
    }
    let mysql = ranked
        .iter()
        .find(|a| a["engine"] == "mysql")
        .expect("MySQL, the team's engine, is shown as eliminated");
    let why = mysql["eliminated"].as_str().unwrap();
    assert!(
        why.contains("the PostgreSQL wire protocol") && why.contains("drivers = yes"),
        "{why}"
    );
    // Answered no: the MySQL shop stays on MySQL.
    assert_eq!(run("no")["stack"][0]["engine"], "mysql");
}

#[test]
fn an_option_without_a_branch_needs_an_otherwise_or_a_next() {
    let tree = |next: &str| {
        format!(
            "trees:\n  - id: hot-tree\n    title: Hot keys\n    order: 95\n    start: ask\n    nodes:\n      - id: ask\n        question: hot-keys\n        branches:\n          \"yes\": guard\n{next}      - id: guard\n        outcome: {{title: Guard the hot keys, summary: One request rebuilds a hot key.}}\n      - id: always\n        outcome: {{title: Name the keys, summary: Every key has a TTL.}}\n"
        )
    };
    // Neither: the option left out is named.
    let text = refused_overlay("tree.yaml", &tree(""));
    assert!(
        text.iter()
            .any(|t| t.contains("`no`") && t.contains("no branch")),
        "{text:?}"
    );
    // With `next`, "no" goes straight on to what follows every answer.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tree.yaml"), tree("        next: always\n")).unwrap();
    let kb = with_overlay(dir.path());
    let tree = kb.trees.iter().find(|t| t.id == "hot-tree");
    assert!(tree.is_some_and(|t| t.nodes.len() == 3));
}

#[test]
fn a_broken_knowledge_base_names_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mine.yaml"),
        "questions:\n  - id: budget\n    section: Team\n    prompt: What is the budget?\n    hlep: Money matters.\n    kind: text\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("tree.yaml"),
        "trees:\n  - id: budget-tree\n    title: Budget\n    order: 90\n    start: ask\n    nodes:\n      - id: ask\n        question: budgett\n        next: nowhere\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("syntax.yaml"),
        "patterns:\n  - id: x\n    title: a: b\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("mine.yaml:5"),
        "unknown field at its line: {err}"
    );
    assert!(
        err.contains("hlep") && err.contains("help"),
        "suggests the field: {err}"
    );
    assert!(
        err.contains("syntax.yaml:3"),
        "syntax error at its line: {err}"
    );
    // Links between files are checked once every file parses, so that a file that failed
    // to parse does not also show up as a cascade of unknown ids.
    fs::write(
        dir.path().join("mine.yaml"),
        "questions:\n  - id: budget\n    section: Team\n    prompt: What is the budget?\n    help: Money matters.\n    kind: text\n",
    )
    .unwrap();
    fs::remove_file(dir.path().join("syntax.yaml")).unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("tree.yaml:8") && err.contains("budgett"),
        "dangling question: {err}"
    );
    assert!(err.contains("nowhere"), "dangling node: {err}");
    // The same problems stop every command that loads the knowledge base.
    let (code, _) = failure_of(dbadvise().arg("--kb").arg(dir.path()).arg("questions"));
    assert_eq!(code, 3);
}

#[test]
fn kb_check_fails_on_a_link_to_a_missing_topic() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("q.yaml"),
        "questions:\n  - id: budget\n    section: Team\n    prompt: What is the budget?\n    help: Money matters.\n    kind: text\n    topics: [acid-transactons]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("t.yaml"),
        "topics:\n  - id: lonely\n    title: Lonely\n    area: foundations\n    summary: Nobody links here.\n    body: Nothing.\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(err.contains("acid-transactons"), "{err}");
    assert!(err.contains("lonely"), "a topic linked from nothing: {err}");
}

#[test]
fn kb_check_refuses_a_cap_on_a_criterion_the_catalog_does_not_rate() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("budget.yaml"),
        "questions:\n  - id: budget\n    section: Platform\n    prompt: How large is the budget?\n    help: Money matters.\n    kind: one\n    ask: {before: stores}\n    options:\n      - {id: low, label: Low, enough: {horizontal-scalng: fair}}\n      - {id: high, label: High, enough: {team-runs-it: good}}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("budget.yaml:")
            && err.contains("option `low`: enough: unknown criterion `horizontal-scalng`")
            && err.contains("horizontal-scaling"),
        "{err}"
    );
    assert!(
        err.contains("option `high`: enough: `team-runs-it` is not rated by the catalog"),
        "{err}"
    );
}

#[test]
fn kb_check_refuses_at_least_one_on_a_question_it_cannot_hold_for() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("q.yaml"),
        "questions:\n  - id: budget\n    section: Platform\n    prompt: How large is the budget?\n    help: Money matters.\n    kind: one\n    at_least_one: true\n    options:\n      - {id: low, label: Low}\n      - {id: high, label: High}\n  - id: extras\n    section: Platform\n    prompt: Which extras?\n    help: Extras matter.\n    kind: many\n    at_least_one: true\n    default: []\n    options:\n      - {id: a, label: A}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("question `budget`: only a several-choice question takes `at_least_one`"),
        "{err}"
    );
    assert!(
        err.contains("question `extras` takes at least one option but its default ticks none"),
        "{err}"
    );
}

#[test]
fn kb_check_holds_every_dialect_of_models_to_the_same_types() {
    // An overlay changes fields of an item: here it adds a type to PostgreSQL's model
    // only, and gives SQLite's booleans a check that names no column.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("models.yaml"),
        "schemas:\n  - id: postgresql\n    model:\n      types:\n        interval: {sql: INTERVAL}\n  - id: sqlite\n    model:\n      types:\n        boolean: {sql: INTEGER, check: \"x IN (0, 1)\"}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3, "{err}");
    for schema in ["mysql", "sqlite"] {
        assert!(
            err.contains(&format!(
                "schema `{schema}`: model: the type `interval` is neither written (`types`) nor said to be lacking (`lacks`)"
            )),
            "{err}"
        );
    }
    assert!(
        err.contains("schema `sqlite`: model: a type's `check` must name `{column}`"),
        "{err}"
    );
}

/// The index plan fills an engine's `keyed_index` in; a placeholder it cannot fill is
/// refused, and so is a non-relational primary store that would otherwise be said to
/// use B-trees.
#[test]
fn kb_check_refuses_an_index_form_it_cannot_fill_or_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("engines.yaml"),
        "engines:\n  - id: mongodb\n    keyed_index: \"Index on {table} ({columns})\"\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("engines.yaml:")
            && err.contains("engine `mongodb` keyed_index: unknown placeholder `{table}`"),
        "{err}"
    );
    // The form for a key column that changes may name `{changing}` as well, and no more.
    fs::write(
        dir.path().join("engines.yaml"),
        "engines:\n  - id: clickhouse\n    changing_key: \"Not on {changing} of {table}\"\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains(
            "engine `clickhouse` changing_key: unknown placeholder `{table}` (it may name \
             `{entity}`, `{columns}`, `{changing}`)"
        ),
        "{err}"
    );
    // An overlay that takes the form away leaves MongoDB with B-trees it does not have.
    fs::write(
        dir.path().join("engines.yaml"),
        "engines:\n  - id: mongodb\n    keyed_index: null\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains(
            "engine `mongodb`: a primary store that is not relational needs `keyed_index`"
        ),
        "{err}"
    );
}
