import Crypto
import DXDomain
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Accounts and how people prove who they are: passwords (bcrypt), browser
/// sessions and API tokens.
///
/// Sessions and tokens are random 256-bit secrets handed out once; only their
/// SHA-256 is stored, so a copy of the database lets no one sign in. Five wrong
/// passwords in a row lock an account for 15 minutes; every sign-in, failure and
/// lock is recorded in `auth_events`. There is no default account and no
/// default password: the first administrator is made with `dxtrack user add`.
public struct Accounts: Sendable {
    let db: Database
    let bcryptCost: UInt8

    public static let maxFailures = 5
    public static let lockout: TimeInterval = 15 * 60
    /// Failed sign-ins one client address may make in a ``lockout`` window, whatever the
    /// accounts (known or not): guessing one password across many accounts is stopped too.
    public static let maxClientFailures = 30
    public static let sessionLifetime: TimeInterval = 12 * 3600
    public static let minimumPasswordLength = 10

    /// `bcryptCost` 12 in production; tests pass a lower cost to stay fast.
    public init(_ db: Database, bcryptCost: UInt8 = 12) {
        self.db = db
        self.bcryptCost = bcryptCost
    }

    // MARK: Managing accounts

    @discardableResult
    public func create(username: String, displayName: String, role: Role, unitCode: String?, password: String) async throws -> Account {
        var problems: [DomainError] = []
        if username.range(of: #"^[a-z0-9][a-z0-9._-]{1,63}$"#, options: .regularExpression) == nil {
            problems.append(.invalidUsername)
        }
        if role != .admin && unitCode == nil {
            problems.append(.unitRequired(for: role))
        }
        if let p = Self.passwordProblem(password) { problems.append(p) }
        guard problems.isEmpty else { throw DomainErrors(problems) }
        let hash = try await Self.hash(password, cost: bcryptCost)
        let account = Account(username: username, displayName: displayName, role: role, unitCode: unitCode,
                              passwordHash: hash, disabled: false, failedLogins: 0, lockedUntil: nil)
        try await db.transaction { sql in
            if let unitCode, try await OrgUnitStore(sql).find(unitCode) == nil {
                throw DomainErrors([DomainError.unknown(.unit, code: unitCode)])
            }
            if try await AccountStore(sql: sql).find(username) != nil {
                throw DomainErrors([.usernameTaken(username)])
            }
            try await AccountStore(sql: sql).insert(account, at: Timestamp.now())
        }
        try await audit(username, "created")
        if role == .reporter { try await recomputeReporters() }
        return account
    }

    /// Units with an active reporter are counted from the accounts.
    private func recomputeReporters() async throws {
        try await ComputedValues(db).recompute(.records, today: WallClock.vietnam.today())
    }

    public func setPassword(_ username: String, to password: String) async throws {
        if let p = Self.passwordProblem(password) { throw DomainErrors([p]) }
        let hash = try await Self.hash(password, cost: bcryptCost)
        try await db.transactionChangingNoFigure { sql in
            guard try await AccountStore(sql: sql).find(username) != nil else { throw Self.noSuchUser(username) }
            try await AccountStore(sql: sql).setPassword(username, hash: hash)
        }
        try await audit(username, "password_changed")
    }

    /// Disables an account and ends its sessions and tokens.
    public func disable(_ username: String) async throws {
        try await db.transaction { sql in
            guard try await AccountStore(sql: sql).find(username) != nil else { throw Self.noSuchUser(username) }
            try await AccountStore(sql: sql).disable(username)
        }
        try await audit(username, "disabled")
        try await recomputeReporters()
    }

    /// Where and how a person's notices are mailed, and in which language. An address is one
    /// mailbox, `name@domain`, with nothing a mail header could be split at.
    public func setMail(_ username: String, email: String?, choice: MailChoice, english: Bool) async throws {
        let email = email.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let email, !Self.isMailbox(email) { throw DomainErrors([.invalidEmail(email)]) }
        try await db.transactionChangingNoFigure { sql in
            guard try await AccountStore(sql: sql).find(username) != nil else { throw Self.noSuchUser(username) }
            try await AccountStore(sql: sql).setMail(username, email: email, choice: choice, english: english)
        }
        try await audit(username, "mail_settings_changed")
    }

    static func isMailbox(_ text: String) -> Bool {
        text.count <= 254 && text.range(of: #"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$"#,
                                               options: .regularExpression) != nil
    }

    public func account(_ username: String) async throws -> Account? {
        try await db.read { try await AccountStore(sql: $0).find(username) }
    }

    public func list() async throws -> [Account] {
        try await db.read { try await AccountStore(sql: $0).all() }
    }

    public func events(_ username: String) async throws -> [String] {
        try await db.read { try await AccountStore(sql: $0).events(username) }
    }

    // MARK: Signing in

    /// A browser session: the secret for the cookie and the CSRF token forms must echo.
    public struct Session: Sendable {
        public let token: String
        public let csrf: String
        public let principal: Principal
    }

    /// Checks a password and opens a session.
    public func signIn(username: String, password: String, client: String? = nil, now: Date = Date()) async throws -> Session {
        let account = try await authenticate(username: username, password: password, client: client, now: now)
        let token = Self.secret(), csrf = Self.secret()
        try await db.transactionChangingNoFigure { sql in
            try await AccountStore(sql: sql).insertSession(hash: Self.digest(token), username: username, csrf: csrf,
                                                           expires: Timestamp.string(now.addingTimeInterval(Self.sessionLifetime)), now: Timestamp.string(now))
        }
        try await audit(username, "login")
        return Session(token: token, csrf: csrf, principal: account.principal)
    }

    /// Checks a password (sign-in, or HTTP Basic for DHIS2 clients), with the same
    /// lockout after repeated failures.
    ///
    /// Every attempt is counted before the password is checked, by one atomic
    /// `UPDATE … RETURNING` (``AccountStore/claimAttempt(_:now:lockUntil:max:)``), and
    /// the decision is taken on the count the database returns: guesses sent in
    /// parallel, to one instance or several, each get their own number, and only the
    /// first ``maxFailures`` are checked at all. A success sets the count back.
    ///
    /// `client`, the caller's address (behind a trusted proxy, the one it forwards for), is
    /// counted the same way across every account, known or not: past ``maxClientFailures``
    /// failures in a window its attempts are refused unchecked.
    ///
    /// An unknown user, a wrong password and a locked account fail the same way, in
    /// about the same time (a bcrypt each), so that neither usernames nor locks can be probed.
    public func authenticate(username: String, password: String, client: String? = nil, now: Date = Date()) async throws -> Account {
        let denied = DomainError.invalidCredentials(maxFailures: Self.maxFailures)
        let lockUntil = Timestamp.string(now.addingTimeInterval(Self.lockout)), nowText = Timestamp.string(now)
        let windowStart = Timestamp.string(now.addingTimeInterval(-Self.lockout))
        let claimed = try await db.transactionChangingNoFigure { sql -> (Account, AccountStore.Attempt)? in
            if let client, try await AccountStore(sql: sql).claimClientAttempt(client, now: nowText, windowStart: windowStart) > Self.maxClientFailures {
                return nil
            }
            guard let account = try await AccountStore(sql: sql).find(username), !account.disabled,
                  let attempt = try await AccountStore(sql: sql).claimAttempt(username, now: nowText, lockUntil: lockUntil, max: Self.maxFailures)
            else { return nil }
            return (account, attempt)
        }
        guard let (account, attempt) = claimed, attempt.mayTry else {
            _ = try? await Self.hash(password, cost: bcryptCost) // the time of a real check
            if claimed != nil { try await audit(username, "refused_locked") }
            throw denied
        }
        guard try await Self.verify(password, hash: account.passwordHash) else {
            try await audit(username, attempt.locks ? "locked" : "login_failed")
            throw denied
        }
        try await db.transactionChangingNoFigure { sql in
            try await AccountStore(sql: sql).recordSuccess(username)
            if let client { try await AccountStore(sql: sql).releaseClientAttempt(client) }
        }
        return account
    }

    /// The principal and CSRF token of a live session, or nil.
    public func session(_ token: String, now: Date = Date()) async throws -> (Principal, csrf: String)? {
        let hash = Self.digest(token)
        return try await db.read { sql in
            try await AccountStore(sql: sql).session(hash: hash, now: Timestamp.string(now)).map { ($0.0.principal, $0.csrf) }
        }
    }

    public func signOut(_ token: String) async throws {
        let hash = Self.digest(token)
        try await db.transactionChangingNoFigure { try await AccountStore(sql: $0).deleteSession(hash: hash) }
    }

    /// Issues an API token, shown once; only its hash is kept.
    public func issueToken(for username: String, name: String, readOnly: Bool, days: Int, now: Date = Date()) async throws -> String {
        let token = "dxt_" + Self.secret()
        try await db.transactionChangingNoFigure { sql in
            guard try await AccountStore(sql: sql).find(username) != nil else { throw Self.noSuchUser(username) }
            try await AccountStore(sql: sql).insertToken(hash: Self.digest(token), username: username, name: name, readOnly: readOnly,
                                                         expires: Timestamp.string(now.addingTimeInterval(Double(days) * 86_400)),
                                                         now: Timestamp.string(now))
        }
        try await audit(username, "token_issued")
        return token
    }

    public func principal(forToken token: String, now: Date = Date()) async throws -> Principal? {
        let hash = Self.digest(token)
        return try await db.read { sql in
            try await AccountStore(sql: sql).token(hash: hash, now: Timestamp.string(now)).map { found in
                var p = found.0.principal
                p.readOnly = found.readOnly
                return p
            }
        }
    }

    // MARK: Helpers

    private func audit(_ username: String, _ event: String) async throws {
        // The id sorts by time (nanoseconds since 1970) and stays unique (a random suffix).
        let now = Date()
        let id = String(UInt64(now.timeIntervalSince1970 * 1e9)).leftPadded(20) + "-" + String(Self.secret().prefix(8))
        // Each event has its entry in the audit chain too, so that one removed or made up shows.
        let dialect = db.dialect
        try await db.transactionChangingNoFigure { sql in
            try await AccountStore(sql: sql).audit(username, event, id: id, at: Timestamp.string(now))
            try await AuditLog.append([AuditRecord(actor: username, action: "auth.\(event)", entity: "account:\(username)", after: id)],
                                      on: sql, dialect: dialect)
        }
    }

    static func noSuchUser(_ username: String) -> DomainErrors {
        DomainErrors([.unknownUser(username)])
    }

    static func passwordProblem(_ password: String) -> DomainError? {
        guard password.count < minimumPasswordLength else { return nil }
        return DomainError.weakPassword(minimumLength: minimumPasswordLength)
    }

    /// A random 256-bit secret, hex-encoded (the system generator is a CSPRNG).
    static func secret() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(rng.next(), radix: 16).leftPadded(16) }.joined()
    }

    /// A password people can type: 16 characters without look-alikes.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// bcrypt is deliberately slow: run it off the cooperative threads.
    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
