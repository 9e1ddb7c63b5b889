extension Migration {
    /// Values are stored lean and their writes recorded whole, so that a national import
    /// runs at the speed SQLite appends rows (bench/RESULTS.md, "Fifth run").
    ///
    /// - `stored_values` keeps, per unit, indicator and period, the figures, the comment and
    ///   the write that stored them (`revision`). Clustered on its key (SQLite's WITHOUT ROWID):
    ///   one B-tree, no second index to update on every row.
    /// - `value_writes` records each write once: who, when, and as text every value it wrote
    ///   and every stored value it replaced. One audit entry per write carries the digests of
    ///   both (``ValueWrite``); instances catch up by reading the writes after their version
    ///   (``ValueColumns``), which is what the revision index did.
    /// - `periods` names each period once.
    /// - `data_values` becomes a view with the columns it had, for every reader.
    ///
    /// The values already stored keep their writer and time: each (revision, writer, time) they
    /// carry becomes a write of its own, numbered below zero. What they were before is in the
    /// audit entries of that time, which recorded each value.
    static let v014ValueWrites = Migration(version: 14, name: "value writes", statements: [
        "CREATE TABLE periods (id TEXT PRIMARY KEY, type TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL)",
        "INSERT INTO periods (id, type, start_date, end_date) SELECT DISTINCT period, period_type, period_start, period_end FROM data_values",
        """
        CREATE TABLE value_writes (
            revision BIGINT PRIMARY KEY,
            at       TEXT NOT NULL,
            actor    TEXT NOT NULL,
            action   TEXT NOT NULL,
            written  TEXT NOT NULL,
            replaced TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE stored_values (
            unit_code      TEXT NOT NULL,
            indicator_code TEXT NOT NULL,
            period         TEXT NOT NULL,
            value          DOUBLE PRECISION,
            numerator      DOUBLE PRECISION,
            denominator    DOUBLE PRECISION,
            comment        TEXT,
            revision       BIGINT NOT NULL,
            PRIMARY KEY (unit_code, indicator_code, period)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE legacy_writes AS
        SELECT revision AS old_revision, at, actor, -ROW_NUMBER() OVER (ORDER BY revision, at, actor) AS revision
        FROM (SELECT DISTINCT revision, updated_at AS at, COALESCE(stored_by, '') AS actor FROM data_values) g
        """,
        "INSERT INTO value_writes (revision, at, actor, action, written, replaced) SELECT revision, at, actor, 'values.migrate', '', '' FROM legacy_writes",
        "CREATE UNIQUE INDEX legacy_writes_key ON legacy_writes (old_revision, at, actor)",
        // CROSS JOIN keeps SQLite reading the values in their order, each finding its write in
        // the index; the other way round it fetched the values one by one from all over the file.
        """
        INSERT INTO stored_values (unit_code, indicator_code, period, value, numerator, denominator, comment, revision)
        SELECT d.unit_code, d.indicator_code, d.period, d.value, d.numerator, d.denominator, d.comment, l.revision
        FROM data_values d CROSS JOIN legacy_writes l
        WHERE l.old_revision = d.revision AND l.at = d.updated_at AND l.actor = COALESCE(d.stored_by, '')
        """,
        "DROP TABLE legacy_writes",
        "DROP TABLE data_values",
        """
        CREATE VIEW data_values AS
        SELECT v.unit_code, v.indicator_code, v.period, p.type AS period_type, p.start_date AS period_start, p.end_date AS period_end,
               v.value, v.numerator, v.denominator, v.comment, NULLIF(w.actor, '') AS stored_by, w.at AS updated_at, v.revision
        FROM stored_values v JOIN periods p ON p.id = v.period JOIN value_writes w ON w.revision = v.revision
        """,
    ])
}
