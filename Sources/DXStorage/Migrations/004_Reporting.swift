extension Migration {
    /// Report forms and the state of each unit's report for each period.
    static let v004Reporting = Migration(version: 4, name: "reporting", statements: [
        """
        CREATE TABLE forms (
            code          TEXT PRIMARY KEY,
            name_vi       TEXT NOT NULL,
            period_type   TEXT NOT NULL,
            unit_kinds    TEXT NOT NULL,
            indicators    TEXT NOT NULL,
            deadline      TEXT NOT NULL,
            lock_days     INTEGER,
            open_future   INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE submissions (
            form_code    TEXT NOT NULL REFERENCES forms (code),
            unit_code    TEXT NOT NULL REFERENCES org_units (code),
            period       TEXT NOT NULL,
            status       TEXT NOT NULL,
            version      INTEGER NOT NULL,
            submitted_at TEXT,
            submitted_by TEXT,
            decided_at   TEXT,
            decided_by   TEXT,
            reason       TEXT,
            PRIMARY KEY (form_code, unit_code, period)
        )
        """,
        "CREATE INDEX submissions_period ON submissions (form_code, period)",
    ])
}
