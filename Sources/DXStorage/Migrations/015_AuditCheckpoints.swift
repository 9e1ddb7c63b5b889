extension Migration {
    /// Checkpoints of the audit chain: its head at some moment, authenticated with a key
    /// drawn from the deployment's signing secret (see ``AuditLog/checkpoint(_:seal:)``).
    /// Someone who rewrites the log and recomputes its hashes cannot make a checkpoint
    /// match, since the database does not hold the secret.
    static let v015AuditCheckpoints = Migration(version: 15, name: "audit checkpoints", statements: [
        "CREATE TABLE audit_checkpoints (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL, at TEXT NOT NULL, mac TEXT NOT NULL)",
    ])
}
