extension Migration {
    /// The standing agency's quarterly report to the People's Committee: where it stands
    /// (drafted, signed, sent), the day of each step and who took the last.
    static let v017CommitteeReports = Migration(version: 17, name: "committee reports", statements: [
        """
        CREATE TABLE committee_reports (
            unit_code  TEXT NOT NULL REFERENCES org_units (code) DEFERRABLE INITIALLY DEFERRED,
            period     TEXT NOT NULL,
            status     TEXT NOT NULL,
            drafted_on TEXT,
            signed_on  TEXT,
            sent_on    TEXT,
            last_by    TEXT,
            PRIMARY KEY (unit_code, period)
        )
        """,
    ])
}
