import DXDomain
import SQLKit

/// A stored account.
public struct Account: Hashable, Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var unitCode: String?
    public var passwordHash: String
    public var disabled: Bool
    public var failedLogins: Int
    public var lockedUntil: String?
    /// Where notices are mailed (none: the inbox only).
    public var email: String? = nil
    public var mailChoice: MailChoice = .each
    /// Notices and e-mail in English rather than Vietnamese.
    public var prefersEnglish = false

    public var principal: Principal { Principal(username: username, role: role, unitCode: unitCode) }
}

/// Accounts, sessions, API tokens and sign-in events, over one connection or transaction.
struct AccountStore {
    let sql: Session

    func insert(_ a: Account, at now: String) async throws {
        try await sql.raw("""
            INSERT INTO users (username, display_name, role, unit_code, password_hash, disabled, failed_logins, created_at)
            VALUES (\(bind: a.username), \(bind: a.displayName), \(bind: a.role.rawValue), \(bind: a.unitCode),
                    \(bind: a.passwordHash), 0, 0, \(bind: now))
            """).run()
    }

    func find(_ username: String) async throws -> Account? {
        try await sql.raw("SELECT * FROM users WHERE username = \(bind: username)").first().map(Self.account)
    }

    func all() async throws -> [Account] {
        try await sql.raw("SELECT * FROM users ORDER BY username").all().map(Self.account)
    }

    func setPassword(_ username: String, hash: String) async throws {
        try await sql.raw("UPDATE users SET password_hash = \(bind: hash), failed_logins = 0, locked_until = NULL WHERE username = \(bind: username)").run()
        try await sql.raw("DELETE FROM sessions WHERE username = \(bind: username)").run()
        // A new password ends every way in that the old one opened, API tokens included.
        try await sql.raw("DELETE FROM api_tokens WHERE username = \(bind: username)").run()
    }

    func setMail(_ username: String, email: String?, choice: MailChoice, english: Bool) async throws {
        try await sql.raw("""
            UPDATE users SET email = \(bind: email), mail_choice = \(bind: choice.rawValue), language = \(bind: english ? "en" : "vi")
            WHERE username = \(bind: username)
            """).run()
    }

    func disable(_ username: String) async throws {
        try await sql.raw("UPDATE users SET disabled = 1 WHERE username = \(bind: username)").run()
        try await sql.raw("DELETE FROM sessions WHERE username = \(bind: username)").run()
        try await sql.raw("DELETE FROM api_tokens WHERE username = \(bind: username)").run()
    }

    /// A sign-in attempt, numbered by the database.
    struct Attempt {
        /// How many attempts in a row, this one included, since the last success or lock.
        let number: Int
        let max: Int
        /// Whether the password may be checked at all: not when a lock was in force.
        var mayTry: Bool { number <= max }
        /// Whether this attempt, if it fails, is the one that locks the account.
        var locks: Bool { number == max }
    }

    /// Counts an attempt before its password is checked, in one statement, so that
    /// parallel attempts each get their own number. A lock that has run out starts
    /// the count again; the attempt that reaches `max` sets the lock, which a success
    /// lifts (``recordSuccess(_:)``).
    func claimAttempt(_ username: String, now: String, lockUntil: String, max: Int) async throws -> Attempt? {
        // Column names on the right of SET read the row as it was, on both databases.
        let row = try await sql.raw("""
            UPDATE users SET
                failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_logins + 1 END,
                locked_until = CASE
                    WHEN locked_until IS NOT NULL AND locked_until > \(bind: now) THEN locked_until
                    WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_logins + 1 END) >= \(bind: max)
                        THEN \(bind: lockUntil)
                    ELSE NULL END
            WHERE username = \(bind: username)
            RETURNING failed_logins
            """).first()
        return try row.map { Attempt(number: try $0.decode(column: "failed_logins", as: Int.self), max: max) }
    }

    /// Counts an attempt from `address` before its password is checked, in one statement, and
    /// returns the count of its window (begun anew once the window began before `windowStart`).
    func claimClientAttempt(_ address: String, now: String, windowStart: String) async throws -> Int {
        let row = try await sql.raw("""
            INSERT INTO sign_in_clients (address, attempts, since) VALUES (\(bind: address), 1, \(bind: now))
            ON CONFLICT (address) DO UPDATE SET
                attempts = CASE WHEN sign_in_clients.since < \(bind: windowStart) THEN 1 ELSE sign_in_clients.attempts + 1 END,
                since = CASE WHEN sign_in_clients.since < \(bind: windowStart) THEN \(bind: now) ELSE sign_in_clients.since END
            RETURNING attempts
            """).first()
        return try row?.decode(column: "attempts", as: Int.self) ?? 1
    }

    /// A success is not counted against its address: only failures add up.
    func releaseClientAttempt(_ address: String) async throws {
        try await sql.raw("UPDATE sign_in_clients SET attempts = attempts - 1 WHERE address = \(bind: address) AND attempts > 0").run()
    }

    func recordSuccess(_ username: String) async throws {
        try await sql.raw("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = \(bind: username)").run()
    }

    func audit(_ username: String, _ event: String, id: String, at: String) async throws {
        try await sql.raw("INSERT INTO auth_events (id, username, event, at) VALUES (\(bind: id), \(bind: username), \(bind: event), \(bind: at))").run()
    }

    func events(_ username: String) async throws -> [String] {
        try await sql.raw("SELECT event FROM auth_events WHERE username = \(bind: username) ORDER BY id").all()
            .map { try $0.text("event") }
    }

    func insertSession(hash: String, username: String, csrf: String, expires: String, now: String) async throws {
        try await sql.raw("""
            INSERT INTO sessions (token_hash, username, csrf_token, expires_at, created_at)
            VALUES (\(bind: hash), \(bind: username), \(bind: csrf), \(bind: expires), \(bind: now))
            """).run()
    }

    /// The live session's account and CSRF token.
    func session(hash: String, now: String) async throws -> (Account, csrf: String)? {
        guard let row = try await sql.raw("""
            SELECT u.*, s.csrf_token FROM sessions s JOIN users u ON u.username = s.username
            WHERE s.token_hash = \(bind: hash) AND s.expires_at > \(bind: now) AND u.disabled = 0
            """).first() else { return nil }
        return (try Self.account(row), try row.text("csrf_token"))
    }

    func deleteSession(hash: String) async throws {
        try await sql.raw("DELETE FROM sessions WHERE token_hash = \(bind: hash)").run()
    }

    func insertToken(hash: String, username: String, name: String, readOnly: Bool, expires: String, now: String) async throws {
        try await sql.raw("""
            INSERT INTO api_tokens (token_hash, username, name, read_only, expires_at, created_at)
            VALUES (\(bind: hash), \(bind: username), \(bind: name), \(bind: readOnly ? 1 : 0), \(bind: expires), \(bind: now))
            """).run()
    }

    func token(hash: String, now: String) async throws -> (Account, readOnly: Bool)? {
        guard let row = try await sql.raw("""
            SELECT u.*, t.read_only FROM api_tokens t JOIN users u ON u.username = t.username
            WHERE t.token_hash = \(bind: hash) AND t.expires_at > \(bind: now) AND u.disabled = 0
            """).first() else { return nil }
        return (try Self.account(row), try row.decode(column: "read_only", as: Int.self) == 1)
    }

    static func account(_ row: any SQLRow) throws -> Account {
        Account(username: try row.text("username"), displayName: try row.text("display_name"), role: try enumValue(row, "role"),
                unitCode: try row.optionalText("unit_code"), passwordHash: try row.text("password_hash"),
                disabled: try row.decode(column: "disabled", as: Int.self) == 1,
                failedLogins: try row.decode(column: "failed_logins", as: Int.self),
                lockedUntil: try row.optionalText("locked_until"),
                email: try row.optionalText("email"), mailChoice: try enumValue(row, "mail_choice"),
                prefersEnglish: try row.text("language") == "en")
    }
}
