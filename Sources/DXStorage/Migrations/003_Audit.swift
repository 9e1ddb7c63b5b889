extension Migration {
    /// The append-only, hash-chained log of every write: each entry's hash covers
    /// its own fields and the previous entry's hash, so an edit, a deletion or a
    /// reordering anywhere breaks the chain from that entry on.
    static let v003Audit = Migration(version: 3, name: "audit", statements: [
        """
        CREATE TABLE audit_log (
            seq       BIGINT PRIMARY KEY,
            at        TEXT NOT NULL,
            actor     TEXT NOT NULL,
            action    TEXT NOT NULL,
            entity    TEXT NOT NULL,
            before    TEXT,
            after     TEXT,
            reason    TEXT,
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL
        )
        """,
        // The chain's head, kept apart from the log so that cutting entries off the end shows too.
        "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
    ])
}
