extension Migration {
    /// Emulation campaigns (phong trào thi đua) and the scores units get in them.
    ///
    /// A campaign's definition (clusters, criteria, awards) is catalog data, kept as
    /// JSON like validation rules; scores are rows, one per unit and criterion, with
    /// the unit's own score and the appraisal council's side by side.
    static let v008Campaigns = Migration(version: 8, name: "emulation campaigns", statements: [
        """
        CREATE TABLE campaigns (
            code        TEXT PRIMARY KEY,
            unit_code   TEXT NOT NULL REFERENCES org_units (code),
            definition  TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE campaign_scores (
            campaign_code    TEXT NOT NULL REFERENCES campaigns (code),
            unit_code        TEXT NOT NULL REFERENCES org_units (code),
            criterion_code   TEXT NOT NULL,
            self_score       DOUBLE PRECISION,
            self_note        TEXT,
            self_by          TEXT,
            self_at          TEXT,
            appraisal_score  DOUBLE PRECISION,
            appraisal_note   TEXT,
            appraised_by     TEXT,
            appraised_at     TEXT,
            PRIMARY KEY (campaign_code, unit_code, criterion_code)
        )
        """,
        """
        CREATE TABLE campaign_evidence (
            campaign_code   TEXT NOT NULL REFERENCES campaigns (code),
            unit_code       TEXT NOT NULL REFERENCES org_units (code),
            criterion_code  TEXT NOT NULL,
            sha256          TEXT NOT NULL REFERENCES evidence_files (sha256),
            filename        TEXT NOT NULL,
            attached_by     TEXT NOT NULL,
            attached_at     TEXT NOT NULL,
            PRIMARY KEY (campaign_code, unit_code, criterion_code, sha256)
        )
        """,
    ])
}
