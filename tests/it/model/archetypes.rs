//! The domains of knowledge/archetypes/ as a user meets them: `schema --archetype`, its
//! model to start from, the interview's answer that puts a domain's tables in the
//! record, and `kb check` on a domain an overlay brings.

use super::*;
use std::fs;

use crate::common::run::project;

#[test]
fn a_domain_is_written_from_its_id_and_its_model_is_the_same_tables_from_a_file() {
    let tables = stdout_of(dbadvise().args(["schema", "--archetype", "ledger"]));
    assert!(tables.contains("CREATE TABLE journal ("), "{tables}");
    assert!(
        tables.contains("CREATE TRIGGER journal_balanced"),
        "{tables}"
    );
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("ledger.yaml");
    let written = dbadvise()
        .args(["schema", "--archetype", "ledger", "--format", "yaml", "-o"])
        .arg(&model)
        .output()
        .unwrap();
    assert!(written.status.success());
    let from_file = stdout_of(dbadvise().args(["schema", "--model"]).arg(&model));
    assert_eq!(from_file, tables, "the model printed is the model written");
}

#[test]
fn an_unknown_domain_is_refused_with_the_domains_and_a_did_you_mean() {
    let (code, err) = failure_of(dbadvise().args(["schema", "--archetype", "invoic"]));
    assert_eq!(code, 13, "{err}");
    assert!(
        err.contains("unknown archetype `invoic` (did you mean `invoicing`?)")
            && err.contains("bookings, chat, content"),
        "{err}"
    );
    // A name far from any id is looked up in what the interview calls the domains.
    let (code, err) = failure_of(dbadvise().args(["schema", "--archetype", "ride-hailing"]));
    assert_eq!(code, 13, "{err}");
    assert!(
        err.contains("unknown archetype `ride-hailing` (did you mean `live-locations`?)"),
        "{err}"
    );
    // Words of the domains come before spelling: `carts` is the shop's, not `chat`.
    let (_, err) = failure_of(dbadvise().args(["schema", "--archetype", "carts"]));
    assert!(
        err.contains("unknown archetype `carts` (did you mean `ecommerce`?)"),
        "{err}"
    );
}

/// An answers file of the project-management SaaS, saying what the product does.
pub(super) fn answers_with(product: &str, tenants: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let project =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects/multi-tenant-saas.yaml");
    let text = fs::read_to_string(project).unwrap();
    assert!(text.contains("  multi-tenant: shared\n"), "{text}");
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("product:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = text
        .replace("answers:\n", &format!("answers:\n  product: {product}\n"))
        .replace(
            "  multi-tenant: shared\n",
            &format!("  multi-tenant: {tenants}\n"),
        );
    fs::write(dir.path().join("answers.yaml"), text).unwrap();
    dir
}

pub(super) fn record(dir: &Path) -> (String, String) {
    let out = dir.join("adr.md");
    let status = dbadvise()
        .args(["recommend", "--answers"])
        .arg(dir.join("answers.yaml"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let schema = fs::read_to_string(dir.join("adr.schema.sql")).unwrap();
    (fs::read_to_string(out).unwrap(), schema)
}

#[test]
fn the_product_answered_puts_its_domain_in_the_schema_and_its_rules_in_the_context() {
    let dir = answers_with("invoicing", "shared");
    let (record, schema) = record(dir.path());
    assert!(schema.contains("CREATE TABLE invoice ("), "{schema}");
    assert!(
        schema.contains("account_id"),
        "tenants share the tables: {schema}"
    );
    assert!(
        !schema.contains("CREATE TABLE users"),
        "not the generic tables: {schema}"
    );
    assert!(
        record.contains("The domain model is “Invoicing and billing”.")
            && record.contains("the invoice number runs 1, 2, 3… without gaps per account")
            && record.contains("invoice rows that are issued, paid or void never change"),
        "{record}"
    );
    assert!(
        record.contains("(`dbadvise explain gapless-numbering`)"),
        "what stays beside the tables, with its lesson: {record}"
    );

    // The buyer as the law requires it on the invoice, copied when it is issued and
    // frozen with it: a customer edited or erased later changes no issued invoice.
    let invoice = schema
        .split("CREATE TABLE invoice (")
        .nth(1)
        .and_then(|t| t.split(");").next())
        .unwrap();
    for column in ["buyer_name", "buyer_address", "buyer_vat_number"] {
        assert!(invoice.contains(column), "{column}: {invoice}");
    }

    let one_firm = answers_with("invoicing", "single");
    let (_, schema) = self::record(one_firm.path());
    assert!(
        schema.contains("CREATE TABLE invoice (") && !schema.contains("CREATE TABLE account ("),
        "one organisation's tables lose the tenant: {schema}"
    );

    // The answers search text: the shop's products get word search.
    let shop = answers_with("ecommerce", "single");
    let (_, schema) = self::record(shop.path());
    assert!(
        schema.contains("search TSVECTOR GENERATED ALWAYS AS")
            && schema.contains("CREATE INDEX product_search_idx ON product USING gin (search);"),
        "{schema}"
    );

    let none = answers_with("none", "shared");
    let (record, schema) = self::record(none.path());
    assert!(schema.contains("CREATE TABLE users"), "{schema}");
    assert!(!record.contains("The product's domain"), "{record}");
}

#[test]
fn kb_check_names_a_broken_domain_of_an_overlay_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("archetypes")).unwrap();
    fs::write(
        dir.path().join("archetypes/rentals.yaml"),
        "model: Rentals\nabout: Bikes rented by the hour.\ntopics: [no-double-bookin]\nentities:\n  - name: bike\n    attributes:\n      label: text\n  - name: rental\n    attributes:\n      rate: mony\n    references:\n      - {entity: bik}\n",
    )
    .unwrap();
    // A note said only for some answers names a question and an option that exist.
    fs::write(
        dir.path().join("archetypes/scooters.yaml"),
        "model: Scooters\nabout: Scooters parked anywhere.\nnotes:\n  - {text: Keep rides in the country., when: {residence: [pinned]}}\n  - text: Cache the map.\n    when: {residency: [pined]}\nentities:\n  - name: scooter\n    attributes:\n      label: text\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3, "{err}");
    for expected in [
        "rentals.yaml:10: attribute `rental.rate`: unknown type `mony` (did you mean `money`?)",
        "scooters.yaml:4: unknown question `residence` (did you mean `residency`?)",
        "scooters.yaml:6: unknown option of `residency` `pined` (did you mean `pinned`?)",
        "rentals.yaml:12: a reference of `rental` names the unknown entity `bik` (did you mean `bike`?)",
        "no option of the `product` question picks the archetype `rentals`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

/// A ride-hailing platform whose writes land in several regions: CockroachDB, an engine
/// whose tables dbadvise does not write from a model.
const RIDES: &str = "tests/scenarios/answers/054-ride-fulfillment-global-transactions.yaml";

#[test]
fn a_domain_without_tables_for_the_primary_store_still_names_its_rules_and_hot_paths() {
    let rides = Path::new(env!("CARGO_MANIFEST_DIR")).join(RIDES);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        dbadvise()
            .args(["recommend", "--format", "json", "--answers"])
            .arg(&rides),
    ))
    .unwrap();
    assert_eq!(json["stack"][0]["engine"], "cockroachdb", "{json}");
    assert_eq!(json["domain"]["archetype"], "live-locations");
    assert!(json["starter_schema"].is_null(), "{json}");

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for style in ["madr", "nygard"] {
        let template = root.join(format!("assets/templates/{style}.md"));
        let record = stdout_of(
            dbadvise()
                .args(["recommend", "--template"])
                .arg(&template)
                .arg("--answers")
                .arg(&rides),
        );
        for expected in [
            "The domain model is “Ride-hailing and live locations”. The database should \
             hold these rules itself",
            "trip rows that are completed or cancelled never change",
            "dbadvise does not write this domain's tables for CockroachDB",
            "`dbadvise schema --archetype live-locations --format yaml`",
            "Its hot paths, and what stays out of the tables:",
            // No Redis beside CockroachDB: the pings stay in its own spatial terms.
            "its position a GEOGRAPHY(POINT, 4326) with a spatial (inverted) index",
            "Personal data is kept in the rider, driver, trip and trip event entities: \
             encrypt it in transit and at rest",
        ] {
            assert!(record.contains(expected), "{style}: {expected}\n{record}");
        }
        assert!(
            !record.contains("GEOADD"),
            "{style}: Redis is not in this stack\n{record}"
        );
        // The domain's hot reads join the index plan (the MADR record has one).
        if style == "madr" {
            let row = "| A rider's trips, newest first | B-tree on trip (rider, created at), \
                       in that order | A hot read of the Ride-hailing and live locations domain. |";
            assert!(record.contains(row), "{record}");
        }
        assert!(
            !record.contains("Its starter schema makes the database itself hold"),
            "no starter schema holds them: {record}"
        );
        // No residency rule was answered: the note on jurisdictions is not said.
        assert!(!record.contains("jurisdiction"), "{style}: {record}");
        // Nor the note on matching in Redis: this stack has no Redis.
        assert!(!record.contains("GEOSEARCH"), "{style}: {record}");
    }

    // Data that must stay in its country: the same record says where it lives.
    let dir = tempfile::tempdir().unwrap();
    let pinned = dir.path().join("pinned.yaml");
    let text = fs::read_to_string(&rides).unwrap();
    assert!(text.contains("  residency: none\n"));
    fs::write(
        &pinned,
        text.replace("  residency: none\n", "  residency: pinned\n"),
    )
    .unwrap();
    let record = stdout_of(dbadvise().args(["recommend", "--answers"]).arg(&pinned));
    assert!(
        record.contains("live in a database in their region's jurisdiction"),
        "{record}"
    );

    // Live positions answered: Redis joins the stack, and matching in it is said.
    let live = dir.path().join("live.yaml");
    assert!(text.contains("  features: []\n"));
    fs::write(
        &live,
        text.replace("  features: []\n", "  features: [live]\n"),
    )
    .unwrap();
    let record = stdout_of(dbadvise().args(["recommend", "--answers"]).arg(&live));
    assert!(record.contains("| ephemeral | Redis |"), "{record}");
    assert!(record.contains("GEOSEARCH drivers:{city}"), "{record}");
}

#[test]
fn a_note_in_one_engine_s_idiom_is_said_only_for_that_engine() {
    let tables = |engine: &str| {
        stdout_of(dbadvise().args(["schema", "--archetype", "iot-telemetry", "--engine", engine]))
    };
    let (postgresql, mysql) = (tables("postgresql"), tables("mysql"));
    assert!(
        postgresql.contains("TimescaleDB hypertable"),
        "{postgresql}"
    );
    assert!(postgresql.contains("partial unique index"), "{postgresql}");
    // MySQL has neither hypertables nor partial indexes: its own note instead.
    assert!(
        !mysql.contains("TimescaleDB") && !mysql.contains("partial unique"),
        "{mysql}"
    );
    assert!(mysql.contains("RANGE COLUMNS (measured_at)"), "{mysql}");
    assert!(!postgresql.contains("RANGE COLUMNS"), "{postgresql}");
}

#[test]
fn kb_check_names_an_unknown_engine_of_a_note() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("archetypes")).unwrap();
    fs::write(
        dir.path().join("archetypes/scooters.yaml"),
        "model: Scooters\nabout: Scooters parked anywhere.\nnotes:\n  - text: Keep rides in Redis.\n    beside: [rediss]\nentities:\n  - name: scooter\n    attributes:\n      label: text\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("scooters.yaml:5: unknown engine or family `rediss` (did you mean `redis`?)"),
        "{err}"
    );
}

#[test]
fn kb_check_holds_the_product_question_to_picking_tables_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("product.yaml"),
        "questions:\n  - id: product\n    options:\n      - {id: ledger, label: Ledger, weights: {acid: 3}}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("`product` option `ledger` weighs the ranking"),
        "{err}"
    );
}

#[test]
fn your_own_model_writes_the_record_s_schema_and_a_bad_one_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("adr.md");
    let bookings = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/bookings.yaml");
    let status = dbadvise()
        .args(["recommend", "--answers"])
        .arg(project("internal-tool"))
        .arg("--model")
        .arg(&bookings)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let schema = fs::read_to_string(dir.path().join("adr.schema.sql")).unwrap();
    assert!(
        schema.contains("the Room bookings domain") && schema.contains("CREATE TABLE booking ("),
        "{schema}"
    );
    let record = fs::read_to_string(&out).unwrap();
    assert!(
        record.contains("no two booking rows of one room overlap in time")
            && record.contains(&format!("--model {}", bookings.display())),
        "{record}"
    );

    let bad = dir.path().join("bad.yaml");
    fs::write(
        &bad,
        "entities:\n  - name: bike\n    attributes:\n      rate: mony\n",
    )
    .unwrap();
    let again = dir.path().join("again.md");
    let (code, err) = failure_of(
        dbadvise()
            .args(["recommend", "--answers"])
            .arg(project("internal-tool"))
            .arg("--model")
            .arg(&bad)
            .arg("-o")
            .arg(&again),
    );
    assert_eq!(code, 13, "{err}");
    assert!(
        err.contains("bad.yaml:4: attribute `bike.rate`: unknown type `mony`"),
        "{err}"
    );
    assert!(!again.exists() && !dir.path().join("again.schema.sql").exists());

    // A list of patterns is a domain of the knowledge base's to give: in your own model
    // it would be ignored, so it is refused at its line.
    let listed = dir.path().join("listed.yaml");
    fs::write(
        &listed,
        "model: Wallets\npatterns: [schema-ledger-double-entry]\nentities:\n  - name: wallet\n    attributes:\n      label: text\n",
    )
    .unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .args(["recommend", "--answers"])
            .arg(project("internal-tool"))
            .arg("--model")
            .arg(&listed)
            .arg("-o")
            .arg(&again),
    );
    assert_eq!(code, 13, "{err}");
    assert!(
        err.contains("listed.yaml:2: `patterns:` is read only"),
        "{err}"
    );
    assert!(!again.exists());
}

/// A count that writes add to and take from (`counter: true`) is a rule of the domain,
/// never below zero, and its CHECK holds it; a minimum alone checks a value (a file's
/// size, a currency's decimals) and is no rule to name: the ledger's Context once listed
/// "never below zero: currency code minor units" as what held its balances.
#[test]
fn only_a_count_that_writes_move_is_a_rule_never_below_zero() {
    let text = "model: Shop\nentities:\n  - name: product\n    attributes:\n      \
                stock: {type: integer, counter: true}\n      \
                weight_grams: {type: integer, min: 0}\n";
    let types = ["integer", "text"].into_iter().collect();
    let model = dbadvise::model::parse("shop.yaml", text, &types).unwrap();
    let never_negative: Vec<_> = model
        .rules_held()
        .into_iter()
        .filter(|r| matches!(r, dbadvise::model::Held::NeverNegative { .. }))
        .collect();
    assert_eq!(
        never_negative,
        [dbadvise::model::Held::NeverNegative {
            entity: "product".into(),
            columns: vec!["stock".into()],
        }]
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.yaml");
    fs::write(&file, text).unwrap();
    let tables = tables(&file, "postgresql", "internal");
    assert!(tables.contains("CHECK (stock >= 0)"), "{tables}");

    let ledger = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(project("payments-ledger")),
    );
    assert!(!ledger.contains("never below zero: currency"), "{ledger}");
    assert!(
        ledger.contains(
            "a journal becomes posted only when its entry rows sum to zero in each currency"
        ),
        "{ledger}"
    );
    // The balance, kept in its kind's normal sign, is a count the CHECK holds.
    assert!(
        ledger.contains("never below zero: ledger account balance"),
        "{ledger}"
    );
}

/// Where each large tenant has a database of its own, a domain's tables hold one tenant
/// (and the record does not say one organisation uses the system), but SaaS
/// administration is the catalog of the tenants: its tables stay shared, keyed by the
/// organisation that its notes name.
#[test]
fn a_database_per_tenant_keeps_one_tenant_s_tables_and_a_shared_catalog_of_tenants() {
    let invoicing = answers_with("invoicing", "isolated");
    let (record, schema) = record(invoicing.path());
    assert!(
        schema.contains("CREATE TABLE invoice (") && !schema.contains("account_id"),
        "{schema}"
    );
    assert!(
        record.contains(
            "Each large tenant has a database of its own, so these tables hold one tenant"
        ) && !record.contains("One organisation uses the system"),
        "{record}"
    );

    let admin = answers_with("saas-admin", "isolated");
    let (record, schema) = self::record(admin.path());
    assert!(
        schema.contains("CREATE TABLE organisation (") && schema.contains("organisation_id"),
        "{schema}"
    );
    assert!(
        record.contains("These tables are the catalog every tenant shares")
            && record.contains("(organisation\\_id, created\\_at) index"),
        "{record}"
    );
}

/// The header says who sets updated_at as the tables do: MySQL's column sets itself on
/// every UPDATE, PostgreSQL's trigger sets it (as the record's snippets advise), and
/// SQLite's is the application's to write.
#[test]
fn the_header_says_who_sets_updated_at_as_the_engine_does() {
    for (engine, mechanism) in [
        ("mysql", Some("ON UPDATE CURRENT_TIMESTAMP")),
        (
            "postgresql",
            Some("BEFORE UPDATE ON invoice FOR EACH ROW EXECUTE FUNCTION set_updated_at()"),
        ),
        ("sqlite", None),
    ] {
        let tables =
            stdout_of(dbadvise().args(["schema", "--archetype", "invoicing", "--engine", engine]));
        let sets_itself = mechanism.is_some();
        if let Some(mechanism) = mechanism {
            assert!(tables.contains(mechanism), "{engine}: {tables}");
        }
        assert_eq!(
            tables.contains("the database sets updated_at on every UPDATE")
                || tables.contains("updated_at is set by the database on every UPDATE"),
            sets_itself,
            "{engine}: {tables}"
        );
        assert_eq!(
            tables.contains("updated_at is the application's to set"),
            !sets_itself,
            "{engine}"
        );
    }
}

/// The content domain's words follow the stack: with no cache chosen, its pages are not
/// said to be served from Redis, or to be cached already in front of the database.
#[test]
fn the_content_domain_claims_no_cache_the_stack_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("news.yaml");
    fs::write(
        &answers,
        "project: News\nanswers:\n  product: content\n  data-kinds: [records]\n  team: small-team\n",
    )
    .unwrap();
    let json = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--format", "json", "--answers"])
            .arg(&answers),
    );
    assert!(json.contains("\"outcome\": \"no-cache\""), "{json}");
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&answers),
    );
    assert!(
        record.contains("The domain model is “Content and publishing”"),
        "{record}"
    );
    for claim in ["Redis with cache-aside", "cached in front of the database"] {
        assert!(!record.contains(claim), "{claim}: {record}");
    }
}

/// The game's leaderboard note writes the season total with ZADD … GT: on a real Redis, a
/// late write of a lower total leaves the higher one, where a plain ZADD would lower it.
#[test]
fn the_leaderboard_note_never_lowers_a_score_on_redis() {
    let note = fs::read_to_string(super::domains::archetype("game-backend")).unwrap();
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        note.contains("ZADD lb:{season}:{mode} GT total player_id"),
        "{note}"
    );
    let redis = match crate::common::engines::Redis::start() {
        Ok(redis) => redis,
        Err(unavailable) => {
            skip_or_fail(&unavailable).unwrap();
            return;
        }
    };
    let out = redis
        .run_redis(
            "ZADD lb:s1:ranked GT 120 p1\nZADD lb:s1:ranked GT 100 p1\nZSCORE lb:s1:ranked p1\n",
        )
        .unwrap();
    assert_eq!(out.lines().last(), Some("\"120\""), "{out}");
    let out = redis
        .run_redis("ZADD lb:s1:plain 120 p1\nZADD lb:s1:plain 100 p1\nZSCORE lb:s1:plain p1\n")
        .unwrap();
    assert_eq!(out.lines().last(), Some("\"100\""), "{out}");
}
