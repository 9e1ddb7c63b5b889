extension Migration {
    /// The other DHIS2s pushed to on a schedule, and which scheduled target each push was for.
    static let v021PushTargets = Migration(version: 21, name: "push targets", statements: [
        """
        CREATE TABLE push_targets (
            name       TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "ALTER TABLE exports ADD COLUMN target_name TEXT",
    ])
}
