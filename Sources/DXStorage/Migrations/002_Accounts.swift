extension Migration {
    /// Accounts scoped to a unit, browser sessions and API tokens (both stored as
    /// SHA-256 hashes, never as issued), and the audit of sign-ins.
    /// Sessions live in the database so that any app instance can serve any request.
    static let v002Accounts = Migration(version: 2, name: "accounts", statements: [
        """
        CREATE TABLE users (
            username      TEXT PRIMARY KEY,
            display_name  TEXT NOT NULL,
            role          TEXT NOT NULL,
            unit_code     TEXT REFERENCES org_units (code),
            password_hash TEXT NOT NULL,
            disabled      INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until  TEXT,
            created_at    TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            username   TEXT NOT NULL REFERENCES users (username),
            csrf_token TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE api_tokens (
            token_hash   TEXT PRIMARY KEY,
            username     TEXT NOT NULL REFERENCES users (username),
            name         TEXT NOT NULL,
            read_only    INTEGER NOT NULL,
            expires_at   TEXT NOT NULL,
            created_at   TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE auth_events (
            id       TEXT PRIMARY KEY,
            username TEXT NOT NULL,
            event    TEXT NOT NULL,
            at       TEXT NOT NULL
        )
        """,
        "CREATE INDEX auth_events_user ON auth_events (username, at)",
    ])
}
