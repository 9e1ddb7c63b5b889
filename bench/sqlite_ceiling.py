#!/usr/bin/env python3
"""SQLite's own insert rate for dxtrack's values table on this machine: the ceiling any
import through SQLite can reach, whatever the code above it does.

    python3 bench/sqlite_ceiling.py DXTRACK.sqlite VALUES.csv

Copies the database (units and catalog of a `dxtrack bench` run), empties stored_values
and inserts the CSV's rows as dxtrack stores them (one transaction), prepared once: one
row per execution, then 32 rows per statement as dxtrack does.
Rows are built before the clock starts; parsing, checks and audit records are not in
these figures. Prints "CEILING key=value" lines.
"""
import csv, os, shutil, sqlite3, sys, tempfile, time

COLUMNS = "unit_code, indicator_code, period, value, numerator, denominator, comment, revision"
UPSERT = " ON CONFLICT DO NOTHING"


def number(text):
    return float(text.replace(",", ".")) if text else None


def main(database, values):
    with open(values, newline="", encoding="utf-8") as f:
        rows = [(r["unit"], r["indicator"], r["period"], number(r["value"]), number(r["numerator"]), number(r["denominator"]), None, 1)
                for r in csv.DictReader(f)]
    placeholders = "(" + ", ".join("?" * 8) + ")"
    for per_statement in (1, 32):
        work = tempfile.mkdtemp()
        copy = os.path.join(work, "copy.sqlite")
        shutil.copy(database, copy)
        db = sqlite3.connect(copy, isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "cache_size = -65536"):
            db.execute("PRAGMA " + pragma)
        db.execute("DELETE FROM stored_values")
        start = time.perf_counter()
        db.execute("BEGIN")
        if per_statement == 1:
            db.executemany(f"INSERT INTO stored_values ({COLUMNS}) VALUES {placeholders}{UPSERT}", rows)
        else:
            full = f"INSERT INTO stored_values ({COLUMNS}) VALUES " + ", ".join([placeholders] * per_statement) + UPSERT
            for i in range(0, len(rows), per_statement):
                chunk = rows[i:i + per_statement]
                text = full if len(chunk) == per_statement else f"INSERT INTO stored_values ({COLUMNS}) VALUES " + ", ".join([placeholders] * len(chunk)) + UPSERT
                db.execute(text, [x for row in chunk for x in row])
        db.execute("COMMIT")
        seconds = time.perf_counter() - start
        db.close()
        shutil.rmtree(work)
        print(f"CEILING rows_per_statement_{per_statement}_values_per_s={len(rows) / seconds:.0f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
