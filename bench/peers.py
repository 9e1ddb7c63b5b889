#!/usr/bin/env python3
"""The aggregation `dxtrack bench` times as `rollup_s`, done by its peers on the same data:
every indicator of one quarter added up to every unit above the reporting units, as one
GROUP BY over the values joined with the unit hierarchy (each unit and all its ancestors).

  bench/peers.py WORK_DIR [SQLITE_FILE] [PERIOD]

WORK_DIR holds what `dxtrack bench --work` wrote (units.csv, values-*.csv); SQLITE_FILE is
the database dxtrack imported them into (its stored_values table is queried as it is).
Prints "PEER key=seconds" lines: the median of three runs, loading not included.
"""
import csv, glob, os, sqlite3, statistics, sys, tempfile, time

work = sys.argv[1]
sqlite_file = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
period = sys.argv[3] if len(sys.argv) > 3 else "2025Q4"

parent = {}
with open(os.path.join(work, "units.csv"), newline="") as f:
    for row in csv.DictReader(f):
        parent[row["code"]] = row["parent_code"] or None
closure = []
for unit in parent:
    a = unit
    while a is not None:
        closure.append((unit, a))
        a = parent.get(a)

AGGREGATES = "SUM(v.value) s, COUNT(v.value) n, SUM(v.numerator) num, SUM(v.denominator) den, MIN(v.value) lo, MAX(v.value) hi"


def median_time(run):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


try:
    import duckdb
    closure_csv = os.path.join(tempfile.mkdtemp(), "closure.csv")
    with open(closure_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unit", "ancestor"])
        w.writerows(closure)
    con = duckdb.connect()
    con.execute(f"""CREATE TABLE v AS SELECT * FROM read_csv('{work}/values-*.csv', header = true,
        columns = {{'unit': 'VARCHAR', 'indicator': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE',
                    'numerator': 'DOUBLE', 'denominator': 'DOUBLE', 'comment': 'VARCHAR'}})""")
    con.execute(f"CREATE TABLE closure AS SELECT * FROM read_csv('{closure_csv}', header = true, all_varchar = true)")
    seconds, rows = median_time(lambda: con.execute(f"""
        SELECT c.ancestor, v.indicator, {AGGREGATES} FROM v JOIN closure c ON c.unit = v.unit
        WHERE v.period = '{period}' GROUP BY c.ancestor, v.indicator""").fetchall())
    print(f"PEER duckdb_rollup_s={seconds:.6f}")
    print(f"PEER duckdb_cells={len(rows)}")
except ImportError:
    print("# duckdb is not installed (pip install duckdb): no DuckDB figure")

if sqlite_file:
    con = sqlite3.connect(sqlite_file)
    con.execute("CREATE TEMP TABLE closure (unit TEXT, ancestor TEXT)")
    con.executemany("INSERT INTO closure VALUES (?, ?)", closure)
    con.execute("CREATE INDEX temp.closure_unit ON closure (unit)")
    seconds, rows = median_time(lambda: con.execute(f"""
        SELECT c.ancestor, v.indicator_code, {AGGREGATES} FROM stored_values v JOIN closure c ON c.unit = v.unit_code
        WHERE v.period = ? GROUP BY c.ancestor, v.indicator_code""", (period,)).fetchall())
    print(f"PEER sqlite_rollup_s={seconds:.6f}")
    print(f"PEER sqlite_cells={len(rows)}")
