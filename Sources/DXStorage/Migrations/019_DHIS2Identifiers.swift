extension Migration {
    /// The DHIS2 UID of each unit, indicator, form and account, given once and kept, so
    /// that a client that stored one finds the same object next year. A UID is unique
    /// across kinds, as DHIS2's are.
    static let v019DHIS2Identifiers = Migration(version: 19, name: "dhis2_identifiers", statements: [
        """
        CREATE TABLE dhis2_ids (
            kind TEXT NOT NULL,
            code TEXT NOT NULL,
            uid  TEXT NOT NULL UNIQUE,
            PRIMARY KEY (kind, code)
        )
        """,
    ])
}
