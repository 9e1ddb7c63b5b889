extension Migration {
    /// The information-system registry (Nghị định 85/2016) and computed indicators.
    static let v009Registry = Migration(version: 9, name: "information-system registry, computed indicators", statements: [
        "ALTER TABLE indicators ADD COLUMN computed TEXT",
        """
        CREATE TABLE information_systems (
            code                    TEXT PRIMARY KEY,
            name                    TEXT NOT NULL,
            owner_unit              TEXT NOT NULL REFERENCES org_units (code),
            purpose                 TEXT,
            information             TEXT NOT NULL,
            kind                    TEXT NOT NULL,
            personal_data_subjects  BIGINT,
            proposed_level          INTEGER,
            approved_level          INTEGER,
            decision_number         TEXT,
            decision_date           TEXT,
            approver                TEXT,
            protection_plan         TEXT,
            protection_plan_date    TEXT,
            hosting                 TEXT NOT NULL,
            hosted_since            TEXT,
            monitored               INTEGER NOT NULL,
            monitored_since         TEXT,
            status                  TEXT NOT NULL,
            in_operation_since      TEXT,
            retired_on              TEXT,
            updated_by              TEXT NOT NULL,
            updated_at              TEXT NOT NULL
        )
        """,
        "CREATE INDEX information_systems_owner ON information_systems (owner_unit)",
    ])
}
