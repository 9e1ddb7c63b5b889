/*
 * SQLite's own insert rate for dxtrack's values table on this machine: the ceiling any import
 * through SQLite can reach, whatever the code above it does. Python's sqlite3 is slower than
 * dxtrack itself, so the peer is C, on the very SQLite dxtrack is built with (sqlite-nio's
 * amalgamation, whose functions carry the prefix sqlite_nio_; its types keep their names).
 *
 *   cc -O2 -o sqlite_ceiling bench/sqlite_ceiling.c \
 *       -I CHECKOUTS/sqlite-nio/Sources/VaporCSQLite/include CHECKOUTS/sqlite-nio/Sources/VaporCSQLite/sqlite_nio_sqlite3.c -lm
 *   ./sqlite_ceiling DXTRACK.sqlite VALUES.csv [VALUES.csv …]
 *
 * Copies the database (units and catalog of a `dxtrack bench` run), empties stored_values and
 * inserts the CSV files' rows as dxtrack stores them, with dxtrack's pragmas, in one
 * transaction, through one statement prepared once: 32 rows an execution, as dxtrack writes
 * them. The rows are read into memory before the clock starts; parsing, checks and the records
 * of the writes are not in the figure. Prints "CEILING key=value" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sqlite_nio_sqlite3.h"

enum { PER_STATEMENT = 32, COLUMNS = 8 };

typedef struct { char *unit, *indicator, *period; double figure[3]; int has[3]; } Row;

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "sqlite_ceiling: %s: %s\n", what, detail);
    exit(1);
}

static void run(sqlite3 *db, const char *sql) {
    char *error = NULL;
    if (sqlite_nio_sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK) fail(sql, error);
}

/* The bench's CSV: unit,indicator,period,value,numerator,denominator,comment, never quoted. */
static Row *read_rows(char **files, int count, size_t *n) {
    size_t cap = 1 << 20;
    Row *rows = malloc(cap * sizeof(Row));
    *n = 0;
    for (int f = 0; f < count; f++) {
        FILE *in = fopen(files[f], "r");
        if (!in) fail("cannot open", files[f]);
        char line[4096];
        if (!fgets(line, sizeof line, in)) fail("empty file", files[f]);
        while (fgets(line, sizeof line, in)) {
            char *field[7] = {0}, *p = line;
            for (int i = 0; i < 7 && p; i++) {
                field[i] = p;
                p = strpbrk(p, ",\r\n");
                if (p) *p++ = 0;
            }
            if (!field[2]) fail("short row in", files[f]);
            if (*n == cap) rows = realloc(rows, (cap *= 2) * sizeof(Row));
            Row *r = &rows[(*n)++];
            r->unit = strdup(field[0]);
            r->indicator = strdup(field[1]);
            r->period = strdup(field[2]);
            for (int i = 0; i < 3; i++) {
                const char *text = field[3 + i];
                r->has[i] = text && *text;
                r->figure[i] = r->has[i] ? strtod(text, NULL) : 0;
            }
        }
        fclose(in);
    }
    return rows;
}

static void copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out) fail("cannot copy", from);
    char buffer[1 << 16];
    size_t got;
    while ((got = fread(buffer, 1, sizeof buffer, in)) > 0) fwrite(buffer, 1, got, out);
    fclose(in);
    fclose(out);
}

static sqlite3_stmt *prepare(sqlite3 *db, int rows) {
    char sql[1 << 14];
    int at = snprintf(sql, sizeof sql, "INSERT INTO stored_values (unit_code, indicator_code, period, value, numerator, denominator, comment, revision) VALUES ");
    for (int i = 0; i < rows; i++) at += snprintf(sql + at, sizeof sql - at, "%s(?, ?, ?, ?, ?, ?, ?, ?)", i ? ", " : "");
    snprintf(sql + at, sizeof sql - at, " ON CONFLICT DO NOTHING");
    sqlite3_stmt *statement;
    if (sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK) fail("prepare", sqlite_nio_sqlite3_errmsg(db));
    return statement;
}

static void insert(sqlite3 *db, sqlite3_stmt *statement, const Row *rows, int count) {
    for (int i = 0; i < count; i++) {
        const Row *r = &rows[i];
        int c = i * COLUMNS;
        sqlite_nio_sqlite3_bind_text(statement, c + 1, r->unit, -1, SQLITE_STATIC);
        sqlite_nio_sqlite3_bind_text(statement, c + 2, r->indicator, -1, SQLITE_STATIC);
        sqlite_nio_sqlite3_bind_text(statement, c + 3, r->period, -1, SQLITE_STATIC);
        for (int k = 0; k < 3; k++) {
            if (r->has[k]) sqlite_nio_sqlite3_bind_double(statement, c + 4 + k, r->figure[k]);
            else sqlite_nio_sqlite3_bind_null(statement, c + 4 + k);
        }
        sqlite_nio_sqlite3_bind_null(statement, c + 7);
        sqlite_nio_sqlite3_bind_int64(statement, c + 8, 1);
    }
    if (sqlite_nio_sqlite3_step(statement) != SQLITE_DONE) fail("insert", sqlite_nio_sqlite3_errmsg(db));
    sqlite_nio_sqlite3_reset(statement);
}

int main(int argc, char **argv) {
    if (argc < 3) fail("usage", "sqlite_ceiling DXTRACK.sqlite VALUES.csv [VALUES.csv …]");
    size_t n;
    Row *rows = read_rows(argv + 2, argc - 2, &n);
    char copy[] = "/tmp/dxtrack-ceiling-XXXXXX";
    if (!mkdtemp(copy)) fail("mkdtemp", copy);
    char path[256];
    snprintf(path, sizeof path, "%s/copy.sqlite", copy);
    copy_file(argv[1], path);
    sqlite3 *db;
    if (sqlite_nio_sqlite3_open(path, &db) != SQLITE_OK) fail("open", path);
    run(db, "PRAGMA journal_mode = WAL");
    run(db, "PRAGMA synchronous = FULL");
    run(db, "PRAGMA foreign_keys = ON");
    run(db, "PRAGMA cache_size = -65536");
    run(db, "DELETE FROM stored_values");
    sqlite3_stmt *full = prepare(db, PER_STATEMENT);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    run(db, "BEGIN");
    size_t i = 0;
    for (; i + PER_STATEMENT <= n; i += PER_STATEMENT) insert(db, full, rows + i, PER_STATEMENT);
    if (i < n) {
        sqlite3_stmt *tail = prepare(db, (int)(n - i));
        insert(db, tail, rows + i, (int)(n - i));
        sqlite_nio_sqlite3_finalize(tail);
    }
    run(db, "COMMIT");
    clock_gettime(CLOCK_MONOTONIC, &end);

    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    sqlite_nio_sqlite3_finalize(full);
    sqlite_nio_sqlite3_close(db);
    remove(path);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", path); remove(side);
    snprintf(side, sizeof side, "%s-shm", path); remove(side);
    remove(copy);
    printf("CEILING values=%zu\nCEILING seconds=%.3f\nCEILING values_per_s=%.0f\n", n, seconds, n / seconds);
    return 0;
}
