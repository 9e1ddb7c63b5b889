extension Migration {
    /// Notices (the inbox) and the mail queue they go out through; each account's e-mail
    /// address, how it wants its notices mailed, and its language; each form's reminders.
    ///
    /// A notice is unique per person and key, and a queued message per key, so that two
    /// instances making the same reminder, or queueing the same notice, make one.
    static let v018Notices = Migration(version: 18, name: "notices", statements: [
        "ALTER TABLE users ADD COLUMN email TEXT",
        "ALTER TABLE users ADD COLUMN mail_choice TEXT NOT NULL DEFAULT 'each'",
        "ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'vi'",
        "ALTER TABLE forms ADD COLUMN reminders TEXT",
        """
        CREATE TABLE notices (
            id         TEXT PRIMARY KEY,
            username   TEXT NOT NULL,
            kind       TEXT NOT NULL,
            key        TEXT NOT NULL,
            subject_vi TEXT NOT NULL,
            subject_en TEXT NOT NULL,
            body_vi    TEXT NOT NULL,
            body_en    TEXT NOT NULL,
            place      TEXT NOT NULL,
            created_at TEXT NOT NULL,
            read_at    TEXT,
            mail_state TEXT NOT NULL DEFAULT 'pending',
            UNIQUE (username, key)
        )
        """,
        "CREATE INDEX notices_inbox ON notices (username, created_at)",
        "CREATE INDEX notices_mail ON notices (mail_state, created_at)",
        """
        CREATE TABLE mail_queue (
            id              TEXT PRIMARY KEY,
            key             TEXT NOT NULL UNIQUE,
            address         TEXT NOT NULL,
            message         TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_until   TEXT,
            sent_at         TEXT,
            failed          INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT
        )
        """,
        "CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_attempt_at)",
        // A pass that must run once a day or a week (the reminders, the digest), claimed by name.
        "CREATE TABLE notice_runs (name TEXT PRIMARY KEY, at TEXT NOT NULL)",
        """
        CREATE TABLE digests (
            username TEXT NOT NULL,
            week     TEXT NOT NULL,
            statuses TEXT NOT NULL,
            PRIMARY KEY (username, week)
        )
        """,
    ])
}
