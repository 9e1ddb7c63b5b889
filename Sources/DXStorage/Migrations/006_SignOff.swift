extension Migration {
    /// Approval levels, evidence files (minh chứng) and digital signatures.
    ///
    /// Evidence files are kept in the database, not on a disk of one server, so that
    /// every instance behind a load balancer serves the same files; one row per
    /// distinct content (by SHA-256), linked to the values it supports.
    static let v006SignOff = Migration(version: 6, name: "approval levels, evidence and signatures", statements: [
        "ALTER TABLE forms ADD COLUMN approval_levels TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE forms ADD COLUMN signature_required INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE submissions ADD COLUMN approved_levels INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE evidence_files (
            sha256        TEXT PRIMARY KEY,
            content_type  TEXT NOT NULL,
            size          BIGINT NOT NULL,
            content       BYTEA NOT NULL,
            uploaded_by   TEXT NOT NULL,
            uploaded_at   TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE evidence (
            form_code       TEXT NOT NULL REFERENCES forms (code),
            unit_code       TEXT NOT NULL REFERENCES org_units (code),
            period          TEXT NOT NULL,
            indicator_code  TEXT NOT NULL,
            sha256          TEXT NOT NULL REFERENCES evidence_files (sha256),
            filename        TEXT NOT NULL,
            attached_by     TEXT NOT NULL,
            attached_at     TEXT NOT NULL,
            PRIMARY KEY (form_code, unit_code, period, indicator_code, sha256)
        )
        """,
        """
        CREATE TABLE certificates (
            serial           TEXT PRIMARY KEY,
            username         TEXT REFERENCES users (username),
            is_authority     INTEGER NOT NULL,
            subject          TEXT NOT NULL,
            certificate_pem  TEXT NOT NULL,
            sealed_key       TEXT,
            not_before       TEXT NOT NULL,
            not_after        TEXT NOT NULL,
            added_at         TEXT NOT NULL,
            revoked_at       TEXT
        )
        """,
        "CREATE INDEX certificates_user ON certificates (username)",
        """
        CREATE TABLE signatures (
            form_code        TEXT NOT NULL,
            unit_code        TEXT NOT NULL,
            period           TEXT NOT NULL,
            version          INTEGER NOT NULL,
            action           TEXT NOT NULL,
            signer           TEXT NOT NULL,
            certificate_pem  TEXT NOT NULL,
            payload          TEXT NOT NULL,
            signature        TEXT NOT NULL,
            signed_at        TEXT NOT NULL,
            PRIMARY KEY (form_code, unit_code, period, version)
        )
        """,
    ])
}
