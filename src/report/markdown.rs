//! The Markdown report of a recommendation.

use super::{code_block, escape_inline as esc};
use crate::engine::{Advice, Because};
use crate::kb::KnowledgeBase;

fn because_line(kb: &KnowledgeBase, because: &[Because]) -> String {
    let parts: Vec<String> = because
        .iter()
        .map(|b| {
            let prompt = kb
                .question(&b.question)
                .map(|q| q.prompt.trim().trim_end_matches('?').to_string())
                .unwrap_or_else(|| b.question.clone());
            format!("{} → *{}*", esc(&prompt), esc(&b.label))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("Because you answered: {}.", parts.join("; "))
    }
}

fn dialect_language(dialect: &str) -> &str {
    match dialect {
        "postgresql" | "mysql" | "sqlite" | "timescaledb" | "cassandra" => "sql",
        "mongodb" | "dynamodb" | "elasticsearch" => "json",
        "redis" => "shell",
        "neo4j" => "cypher",
        other => other,
    }
}

pub fn markdown(kb: &KnowledgeBase, advice: &Advice) -> String {
    let mut out = String::new();
    let project = advice.project.as_deref().unwrap_or("this project");
    out.push_str(&format!("# Database design decision for {}\n\n", esc(project)));
    if let Some(primary) = advice.primary() {
        out.push_str(&format!(
            "**Recommendation:** {} as the primary store{}.\n\n",
            esc(&primary.name),
            secondary_summary(advice)
        ));
    }
    if !advice.defaulted.is_empty() {
        out.push_str(&format!(
            "> Answered with defaults (check these): {}.\n\n",
            advice
                .defaulted
                .iter()
                .map(|q| format!("`{q}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    out.push_str("## Recommended stack\n\n");
    for c in &advice.stack {
        out.push_str(&format!("- **{}**: {}", esc(&c.role), esc(&c.name)));
        if !c.reason.is_empty() {
            out.push_str(&format!(": {}", esc(c.reason.trim())));
        }
        out.push('\n');
        let because = because_line(kb, &c.because);
        if !because.is_empty() {
            out.push_str(&format!("  {because}\n"));
        }
    }
    out.push('\n');

    out.push_str("## Decisions\n\n");
    for d in &advice.decisions {
        out.push_str(&format!("### {}: {}\n\n", esc(&d.tree_title), esc(&d.title)));
        out.push_str(&format!("{}\n\n", esc(d.summary.trim())));
        if !d.reason.is_empty() {
            out.push_str(&format!("{}\n\n", esc(d.reason.trim())));
        }
        let because = because_line(kb, &d.because);
        if !because.is_empty() {
            out.push_str(&format!("{because}\n\n"));
        }
        for (label, items) in [("Good", &d.good), ("Bad", &d.bad)] {
            for item in items {
                out.push_str(&format!("- {label}, because {}\n", esc(item.trim())));
            }
        }
        if !d.good.is_empty() || !d.bad.is_empty() {
            out.push('\n');
        }
    }

    if !advice.alternatives.is_empty() {
        out.push_str("## Alternatives considered\n\n");
        out.push_str("Scores are the selection matrix weighted by your answers (0–100).\n\n");
        let mut role = "";
        for a in &advice.alternatives {
            if a.role != role {
                role = &a.role;
                out.push_str(&format!("### For the {} role\n\n", esc(role)));
            }
            let chosen = if a.chosen { " (chosen)" } else { "" };
            out.push_str(&format!("- **{}**{chosen}: score {}\n", esc(&a.name), a.score));
            for r in &a.reasons {
                out.push_str(&format!("  - {}\n", esc(r)));
            }
        }
        out.push('\n');
    }

    if !advice.cap.is_empty() {
        out.push_str("## Behaviour under network partitions\n\n");
        for n in &advice.cap {
            let name = kb.engine(&n.engine).map(|e| e.name.as_str()).unwrap_or(&n.engine);
            out.push_str(&format!("- **{}** ({}): {}\n", esc(name), esc(&n.cap), esc(n.note.trim())));
        }
        out.push('\n');
    }

    for (title, list) in [("Indexes", &advice.indexes), ("Patterns to apply", &advice.patterns)] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("## {title}\n\n"));
        for p in list {
            out.push_str(&format!("### {}\n\n{}\n\n", esc(&p.title), esc(p.summary.trim())));
            if !p.why.is_empty() {
                out.push_str(&format!("Why: {}\n\n", esc(p.why.trim())));
            }
            for pitfall in &p.pitfalls {
                out.push_str(&format!("- Pitfall: {}\n", esc(pitfall.trim())));
            }
            if !p.pitfalls.is_empty() {
                out.push('\n');
            }
            let because = because_line(kb, &p.because);
            if !because.is_empty() {
                out.push_str(&format!("{because}\n\n"));
            }
        }
    }

    if !advice.snippets.is_empty() {
        out.push_str("## Schema and code snippets\n\n");
        for s in &advice.snippets {
            out.push_str(&format!("### {} ({})\n\n", esc(&s.title), esc(&s.dialect)));
            out.push_str(&code_block(dialect_language(&s.dialect), &s.code));
            out.push('\n');
        }
    }

    if !advice.checklist.is_empty() {
        out.push_str("## Checklist\n\n");
        for item in &advice.checklist {
            out.push_str(&format!("- [ ] {}\n", esc(item.trim())));
        }
        out.push('\n');
    }

    out.push_str("## Answers\n\n");
    for b in &advice.answers {
        let prompt = kb.question(&b.question).map(|q| q.prompt.trim()).unwrap_or(&b.question);
        out.push_str(&format!("- {} (`{}`): {}\n", esc(prompt), b.question, esc(&b.label)));
    }
    out
}

fn secondary_summary(advice: &Advice) -> String {
    let others: Vec<String> = advice
        .stack
        .iter()
        .filter(|c| c.role != "primary")
        .map(|c| format!("{} for {}", esc(&c.name), esc(&c.role)))
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!(", with {}", others.join(", "))
    }
}
