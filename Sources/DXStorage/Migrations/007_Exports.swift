extension Migration {
    /// What was pushed to other systems (the national reporting system, shared
    /// platforms): when, where, how many rows, with what answer, and the payload itself.
    static let v007Exports = Migration(version: 7, name: "exports", statements: [
        """
        CREATE TABLE exports (
            id           TEXT PRIMARY KEY,
            target       TEXT NOT NULL,
            unit_code    TEXT NOT NULL,
            period       TEXT NOT NULL,
            rows         INTEGER NOT NULL,
            status       TEXT NOT NULL,
            attempts     INTEGER NOT NULL,
            response     TEXT,
            payload      TEXT NOT NULL,
            started_at   TEXT NOT NULL,
            finished_at  TEXT NOT NULL,
            started_by   TEXT NOT NULL
        )
        """,
    ])
}
