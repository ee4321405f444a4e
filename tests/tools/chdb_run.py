"""Runs a ClickHouse SQL script on chDB (ClickHouse in-process), for tests/snippets.rs.

Usage: tests/tools/chdb/bin/python tests/tools/chdb_run.py < script.sql

How the script is split into statements (the rule the `clickhouse` snippets follow):
  - a line whose first non-blank characters are `--` is a comment and is dropped;
  - a statement ends with a line that ends with `;` (trailing blanks allowed), so a
    statement may span lines, and a `;` inside a line does not split it;
  - text after the last `;` is one more statement.
A `-- comment` after the `;` on the same line hides that `;`: put comments on their own lines.

Every statement runs in one chdb session (tables persist from one to the next); each
result is printed. On the first failing statement the script prints the statement and
ClickHouse's error to stderr and exits with status 1; a script with no statement exits 2.
"""

import sys

import chdb
from chdb.session import Session


def statements(text):
    current = []
    for line in text.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(current).strip()
            current = []
    rest = "\n".join(current).strip()
    if rest:
        yield rest


def main():
    script = [s for s in statements(sys.stdin.read()) if s.rstrip(";").strip()]
    if not script:
        print("no statements in the script", file=sys.stderr)
        return 2
    session = Session()
    try:
        for number, sql in enumerate(script, 1):
            try:
                result = session.query(sql, "PrettyCompactNoEscapes")
            except chdb.ChdbError as error:
                print(f"statement {number} failed:\n{sql}\n\n{error}", file=sys.stderr)
                return 1
            output = str(result).rstrip("\n")
            print(f"-- statement {number}" + (f"\n{output}" if output else ""))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
