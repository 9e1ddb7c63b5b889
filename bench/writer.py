#!/usr/bin/env python3
"""Writes values into a running dxtrack at a steady rate, as reporters do at a deadline:
each write a small report of about 20 values of a few units and indicators, taken from
the benchmark's own CSV files (figures moved a little, so every write changes something).

    python3 bench/writer.py PORT TOKEN WORK_DIR RATE SECONDS [UNIT_PREFIX]

Posts to /api/data-values over one kept connection, RATE writes a second for SECONDS,
then prints "WRITES key=value" lines: writes sent, refused, and their latency.
"""
import csv, glob, http.client, json, random, sys, time


def rows(work, prefix, enough=200_000):
    out = []
    for name in sorted(glob.glob(f"{work}/values-*.csv")):
        with open(name, newline="", encoding="utf-8") as f:
            out += [r for r in csv.DictReader(f) if r["unit"].startswith(prefix)]
        if len(out) >= enough:
            break
    return out


def write_of(pool, rng, size=20):
    # A few units, each with several of its indicators: one report's worth.
    units = {}
    for r in rng.sample(pool, size * 4):
        units.setdefault(r["unit"], []).append(r)
        if sum(len(v) for v in units.values()) >= size:
            break
    values = []
    for unit_rows in units.values():
        for r in unit_rows:
            v = {"unit": r["unit"], "indicator": r["indicator"], "period": r["period"]}
            if r["numerator"]:
                d = float(r["denominator"])
                v["numerator"] = float(min(d, max(0, round(float(r["numerator"]) * rng.uniform(0.9, 1.1)))))
                v["denominator"] = d
            else:
                x = float(r["value"])
                # A count stays whole, a share below 100.
                v["value"] = float(round(x * rng.uniform(0.9, 1.1))) if x.is_integer() else round(min(x * rng.uniform(0.9, 1.1), 99.9), 1)
            values.append(v)
    return {"values": values}


def main(port, token, work, rate, seconds, prefix=""):
    rng = random.Random(2025)
    pool = rows(work, prefix)
    count = int(rate * seconds)
    bodies = [json.dumps(write_of(pool, rng)).encode() for _ in range(count)]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies, refused, start = [], 0, time.perf_counter()
    for i, body in enumerate(bodies):
        # On a fixed schedule: a slow write does not slow the ones after it down.
        wait = start + i / rate - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        t = time.perf_counter()
        conn.request("POST", "/api/data-values", body, headers)
        response = conn.getresponse()
        answer = response.read()
        latencies.append(time.perf_counter() - t)
        if response.status != 200:
            refused += 1
            if refused == 1:
                print(f"WRITES first_refusal={response.status} {answer[:300]!r}", file=sys.stderr)
    elapsed = time.perf_counter() - start
    latencies.sort()
    print(f"WRITES sent={count}")
    print(f"WRITES refused={refused}")
    print(f"WRITES per_s={count / elapsed:.2f}")
    print(f"WRITES values_each={sum(len(json.loads(b)['values']) for b in bodies) / count:.1f}")
    print(f"WRITES p50_ms={latencies[len(latencies) // 2] * 1000:.1f}")
    print(f"WRITES p99_ms={latencies[int(len(latencies) * 0.99)] * 1000:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), *sys.argv[6:])
