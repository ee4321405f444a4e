//! How the application reaches a SQL server it counts connections on: functions that
//! come and go with the traffic go through a proxy (or an HTTP data API), which a
//! long-running application with its own pool does not need; a store reached over HTTP
//! (DynamoDB) needs neither.

use crate::common::advice::outcomes;
use crate::common::answers::{advice, with_answers};
use dbadvise::kb::KnowledgeBase;

/// Business records on a managed PostgreSQL, a few hundred requests a second.
const SHOP: &str = include_str!("../projects/ecommerce-catalogue.yaml");
const CARTS: &str = include_str!("../projects/serverless-carts.yaml");

const PROXY: &str = "functions-through-a-proxy";

#[test]
fn functions_reach_a_sql_server_through_a_proxy() {
    let kb = KnowledgeBase::embedded();
    let serverless = advice(
        &kb,
        &with_answers(SHOP, &[("deployment", "serverless"), ("cloud", "aws")]),
    );
    let primary = serverless.stack[0].engine.as_str();
    assert!(
        matches!(primary, "postgresql" | "mysql"),
        "{primary}: {:?}",
        serverless.stack
    );
    let decided = outcomes(&serverless, "operations");
    assert!(decided.contains(&PROXY), "{decided:?}");
    assert!(
        serverless
            .checklist
            .iter()
            .any(|c| c.starts_with("Functions connect through a proxy")),
        "{:?}",
        serverless.checklist
    );

    let managed = advice(&kb, &with_answers(SHOP, &[("deployment", "managed")]));
    assert!(!outcomes(&managed, "operations").contains(&PROXY));

    let carts = advice(&kb, CARTS);
    assert_eq!(
        carts.stack[0].engine.as_str(),
        "dynamodb",
        "{:?}",
        carts.stack
    );
    assert!(!outcomes(&carts, "operations").contains(&PROXY));
}
