//! A model that does not hold is refused with its file, its line and what is wrong, and
//! exit code 13; nothing is written.

use super::*;

fn refused(text: &str, args: &[&str]) -> String {
    super::refused_model("shop.yaml", text, args)
}

#[test]
fn an_unknown_entity_a_cycle_of_ownership_and_an_unknown_type_are_named_at_their_lines() {
    let err = refused(
        "entities:\n  - name: customer\n    attributes:\n      name: text\n  - name: cart\n    owner: customr\n    attributes:\n      total: mony\n  - name: invoice\n    owner: line\n  - name: line\n    owner: invoice\n",
        &[],
    );
    assert!(
        err.contains("shop.yaml:6: `cart`'s owner names the unknown entity `customr` (did you mean `customer`?)"),
        "{err}"
    );
    assert!(
        err.contains(
            "shop.yaml:8: attribute `cart.total`: unknown type `mony` (did you mean `money`?)"
        ),
        "{err}"
    );
    assert!(err.contains("ownership goes round in a circle"), "{err}");
    assert!(
        err.contains("invoice is owned by line is owned by invoice"),
        "{err}"
    );
}

#[test]
fn a_type_the_engine_lacks_and_a_reserved_word_are_refused_for_that_engine_only() {
    let model = "entities:\n  - name: order\n    attributes:\n      rate: decimal\n";
    let err = refused(model, &["--engine", "sqlite"]);
    assert!(
        err.contains("shop.yaml:4: attribute `order.rate`: SQLite has no `decimal` type"),
        "{err}"
    );
    assert!(
        err.contains("shop.yaml:2: `order` is a reserved word in SQLite"),
        "{err}"
    );
    // PostgreSQL has decimals, but reserves `order` too; a diagram needs neither.
    let err = refused(model, &["--engine", "postgresql"]);
    assert!(!err.contains("decimal"), "{err}");
    assert!(err.contains("reserved word in PostgreSQL"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.yaml");
    std::fs::write(&file, model).unwrap();
    let mermaid = stdout_of(
        dbadvise()
            .args(["schema", "--format", "mermaid", "--model"])
            .arg(&file),
    );
    assert!(mermaid.contains("order {"), "{mermaid}");
}

#[test]
fn answers_that_share_tables_between_tenants_need_the_tenant_named() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    std::fs::write(
        &answers,
        "answers:\n  data-kinds: [records]\n  multi-tenant: shared\n",
    )
    .unwrap();
    let err = refused(
        "entities:\n  - name: customer\n    attributes:\n      name: text\n",
        &["--answers", answers.to_str().unwrap()],
    );
    assert!(
        err.contains("multi-tenant = shared") && err.contains("tenant:"),
        "{err}"
    );
}

#[test]
fn the_answers_choose_the_engine_and_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    std::fs::write(
        &answers,
        "answers:\n  data-kinds: [records]\n  existing: mysql\n  id-exposure: exposed\n",
    )
    .unwrap();
    let sql = stdout_of(
        dbadvise()
            .args(["schema", "--answers"])
            .arg(&answers)
            .arg("--model")
            .arg(model_file("invoicing")),
    );
    assert!(sql.contains("as MySQL tables"), "{sql}");
    assert!(sql.contains("public_id BINARY(16)"), "{sql}");
    assert!(sql.contains("ENGINE=InnoDB"), "{sql}");
}

#[test]
fn a_rule_on_columns_the_entity_lacks_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: room\n    attributes:\n      label: text\n  - name: booking\n    no_overlap: {per: rom, from: starts_at, to: label}\n    frozen: {when: {label: [done]}}\n    attributes:\n      starts_at: timestamp\n      label: text\n    references:\n      - {entity: room}\n",
        &[],
    );
    assert!(
        err.contains("shop.yaml:6: `booking`'s no_overlap is per `rom`, which is neither a reference nor the owner of it"),
        "{err}"
    );
    assert!(
        err.contains("shop.yaml:6: `booking`'s no_overlap runs from `starts_at` to `label`, which must be two attributes of the same type, timestamp or date"),
        "{err}"
    );
    assert!(
        err.contains("shop.yaml:7: `booking`'s frozen names `label`")
            && err.contains("it must be an enum attribute"),
        "{err}"
    );
}

/// An attribute required in some states names an enum of its entity and some of its
/// values, and is optional otherwise.
#[test]
fn a_required_when_on_a_state_the_entity_lacks_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: booking\n    attributes:\n      state: {type: enum, values: [held, done]}\n      expires_at: {type: timestamp, optional: true, required_when: {state: [hold]}}\n      ends_at: {type: timestamp, required_when: {state: [held]}}\n",
        &[],
    );
    for line in [5, 6] {
        assert!(
            err.contains(&format!("shop.yaml:{line}: attribute `booking."))
                && err.contains("`required_when` names one enum attribute of `booking`"),
            "{err}"
        );
    }
}

/// A partitioned table's keys hold its partition column: an entity that only `grows` may
/// not be referred to, nor be unique without that column, and grows on a timestamp.
#[test]
fn a_growing_entity_that_others_refer_to_or_unique_without_its_time_is_refused() {
    let err = refused(
        "entities:\n  - name: message\n    grows: sent_at\n    attributes:\n      sent_at: timestamp\n      slug: {type: text, unique: true}\n  - name: attachment\n    owner: message\n  - name: reading\n    grows: measured_at\n    attributes:\n      measured_at: timestamp\n      sensor: text\n    unique: [[sensor]]\n  - name: note\n    grows: body\n    attributes:\n      body: text\n  - name: ping\n    grows: sent\n    attributes:\n      sent_at: timestamp\n",
        &[],
    );
    assert!(
        err.contains(
            "shop.yaml:3: `message` cannot be partitioned by time on `sent_at`: attachment \
             refer to its rows"
        ),
        "{err}"
    );
    assert!(
        err.contains("shop.yaml:10: `reading` cannot be partitioned by time on `measured_at`: its unique set [sensor] lacks `measured_at`"),
        "{err}"
    );
    assert!(
        err.contains("shop.yaml:16: `note` cannot be partitioned by time on `body`: `grows` names a timestamp attribute of it, or created_at"),
        "{err}"
    );
    assert!(
        err.contains("shop.yaml:20: `ping` cannot be partitioned by time on `sent`: `grows` names a timestamp attribute of it, or created_at (did you mean `sent_at`?); its timestamps are sent_at, created_at"),
        "{err}"
    );
}

/// `changes` says which columns of a hot read's index change after the row is written;
/// a column the index is not on is a slip, named at its line.
#[test]
fn a_changing_column_the_index_is_not_on_is_refused() {
    let err = refused(
        "entities:\n  - name: alert\n    attributes:\n      state: {type: enum, values: [open, resolved]}\n      opened_at: timestamp\n    indexes:\n      - {on: [opened_at], changes: [state], for: \"open alerts\"}\n",
        &[],
    );
    assert!(
        err.contains("an index of `alert` says `state` changes, but is not on it"),
        "{err}"
    );
}

/// A final state is one of the frozen states, and the status must be excepted to move
/// at all: otherwise `final` would say nothing.
#[test]
fn a_final_state_outside_the_frozen_ones_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: order\n    frozen: {when: {status: [paid, void]}, except: [status], final: [voided]}\n    attributes:\n      status: {type: enum, values: [draft, paid, void]}\n  - name: bill\n    frozen: {when: {status: [paid, void]}, final: [void]}\n    attributes:\n      status: {type: enum, values: [draft, paid, void]}\n",
        &[],
    );
    for line in [3, 7] {
        assert!(
            err.contains(&format!("shop.yaml:{line}: `"))
                && err.contains("`final` names some of the frozen states"),
            "{err}"
        );
    }
}

#[test]
fn a_sum_of_lines_that_do_not_refer_to_it_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: wallet\n    sums: {column: balance, lines: entry, amount: amount}\n    attributes:\n      balance: {type: integer, counter: true}\n  - name: entry\n    attributes:\n      amount: integer\n",
        &[],
    );
    assert!(
        err.contains("shop.yaml:3: `")
            && err.contains("`wallet`'s sums: `lines` must name an entity that refers to `wallet`"),
        "{err}"
    );
}

#[test]
fn a_sum_negated_by_two_attributes_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: account\n    sums: {column: balance, lines: entry, amount: amount, negated_when: {kind: [liability], side: [credit]}}\n    attributes:\n      balance: {type: integer, counter: true}\n      kind: {type: enum, values: [asset, liability]}\n      side: {type: enum, values: [debit, credit]}\n  - name: entry\n    owner: account\n    attributes:\n      amount: integer\n",
        &[],
    );
    assert!(
        err.contains("shop.yaml:3: `") && err.contains("`negated_when` names one attribute"),
        "{err}"
    );
}

/// The lines count once their owner is in a state: the state must be the owner's.
#[test]
fn a_sum_counted_by_a_state_its_lines_owner_lacks_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: account\n    sums: {column: balance, lines: entry, amount: amount, counted_when: {status: [posted]}}\n    attributes:\n      balance: {type: integer, counter: true}\n  - name: journal\n    attributes:\n      note: text\n  - name: entry\n    owner: journal\n    attributes:\n      amount: integer\n    references:\n      - {entity: account}\n",
        &[],
    );
    assert!(
        err.contains("shop.yaml:3: `") && err.contains("`counted_when` names one attribute"),
        "{err}"
    );
}

#[test]
fn a_fixed_column_the_entity_lacks_is_refused_at_its_line() {
    let err = refused(
        "entities:\n  - name: account\n    fixed: [kind]\n    attributes:\n      code: text\n",
        &[],
    );
    assert!(
        err.contains("shop.yaml:3: `") && err.contains("`account`'s fixed names `kind`"),
        "{err}"
    );
}
