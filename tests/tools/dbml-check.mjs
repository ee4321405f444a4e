// Reads DBML files with @dbml/core, the parser dbdiagram.io uses, and prints JSON on
// stdout, one object per file:
//   {"file": "...", "tables": [{"name": "customer", "fields": ["id", "account_id", ...]}],
//    "refs": [{"from": "customer.account_id", "to": "account.id", "onDelete": "cascade"}]}
// or {"file": "...", "error": "..."} for a file the parser rejects.
//
// Usage: node tests/tools/dbml-check.mjs FILE.dbml...
// Exit status: 0 when every file was read (parse errors are in the JSON), 2 on a usage
// or read error.

import { readFileSync } from "node:fs";

const { Parser } = await import("@dbml/core");

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node dbml-check.mjs FILE.dbml...\n");
  process.exit(2);
}

const results = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${e.message}\n`);
    process.exit(2);
  }
  try {
    const database = new Parser().parse(text, "dbml");
    const schema = database.schemas[0];
    results.push({
      file,
      tables: schema.tables.map((t) => ({ name: t.name, fields: t.fields.map((f) => f.name) })),
      refs: schema.refs.map((r) => {
        const [from, to] = r.endpoints;
        return {
          from: `${from.tableName}.${from.fieldNames.join(",")}`,
          to: `${to.tableName}.${to.fieldNames.join(",")}`,
          onDelete: r.onDelete ?? null,
        };
      }),
    });
  } catch (e) {
    const diags = e.diags ?? [];
    const message = diags.length ? diags.map((d) => d.message).join("; ") : String(e.message ?? e);
    results.push({ file, error: message });
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
