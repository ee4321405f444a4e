// Reads Markdown files, finds their ```mermaid blocks (with markdown-it, a CommonMark
// parser) and parses each with mermaid's own parser, as GitHub's renderer would.
// Prints JSON on stdout, one object per file:
//   {"file": "...", "diagrams": [{"line": 12, "type": "er",
//      "entities": [{"name": "users", "attributes": [{"type": "BIGINT", "name": "id", "keys": ["PK"]}]}],
//      "relationships": [{"from": "users", "to": "items", "label": "owner_id",
//        "fromCardinality": "ONLY_ONE", "toCardinality": "ZERO_OR_MORE"}]}]}
// or, for a block mermaid rejects, {"line": 12, "error": "Parse error on line 3: ..."}.
// `from` is the entity on the left of the relationship, `to` the one on the right; each
// cardinality is the marker drawn at that entity's end (`||` ONLY_ONE, `|o` ZERO_OR_ONE,
// `o{` ZERO_OR_MORE, `|{` ONE_OR_MORE).
//
// Usage: node tests/tools/mermaid-er.mjs FILE.md...
// Exit status: 0 when every file was read (parse errors are reported in the JSON), 2 on
// a usage or read error.

import { readFileSync } from "node:fs";

// mermaid logs through console; keep stdout for the JSON alone.
for (const level of ["log", "info", "debug", "warn", "error", "trace"]) {
  console[level] = (...args) => process.stderr.write(args.join(" ") + "\n");
}

const { default: MarkdownIt } = await import("markdown-it");
const { default: mermaid } = await import("mermaid");

mermaid.initialize({ startOnLoad: false, logLevel: "fatal" });

/** The ```mermaid blocks of a Markdown text: their first line (1-based) and source. */
function mermaidBlocks(markdown) {
  const tokens = new MarkdownIt().parse(markdown, {});
  return tokens
    .filter((t) => t.type === "fence" && t.info.trim().split(/\s+/)[0] === "mermaid")
    .map((t) => ({ line: t.map[0] + 1, source: t.content }));
}

/** What mermaid read from one diagram, or the error it gave. */
async function parseDiagram(source) {
  try {
    // parse() validates the whole text; getDiagramFromText gives the diagram's db.
    await mermaid.parse(source);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const parsed = { type: diagram.type };
    if (diagram.type === "er") {
      const entities = [...diagram.db.getEntities().values()];
      const byId = new Map(entities.map((e) => [e.id, e.label]));
      parsed.entities = entities.map((e) => ({
        name: e.label,
        attributes: (e.attributes ?? []).map((a) => ({
          type: a.type,
          name: a.name,
          keys: a.keys ?? [],
        })),
      }));
      parsed.relationships = diagram.db.getRelationships().map((r) => ({
        from: byId.get(r.entityA) ?? r.entityA,
        to: byId.get(r.entityB) ?? r.entityB,
        label: r.roleA,
        // mermaid stores the marker drawn at the left entity's end as cardB.
        fromCardinality: r.relSpec?.cardB,
        toCardinality: r.relSpec?.cardA,
      }));
    }
    return parsed;
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node mermaid-er.mjs FILE.md...\n");
  process.exit(2);
}
const out = [];
for (const file of files) {
  let markdown;
  try {
    markdown = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`${file}: ${e.message}\n`);
    process.exit(2);
  }
  const diagrams = [];
  for (const block of mermaidBlocks(markdown)) {
    diagrams.push({ line: block.line, ...(await parseDiagram(block.source)) });
  }
  out.push({ file, diagrams });
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
