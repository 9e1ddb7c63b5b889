import DXDomain
import DXServer
import DXSignature
import DXStorage
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

/// API tokens of one account per role, made for each test app.
public struct Tokens: Sendable {
    public init() {}
    public var byUser: [String: String] = [:]
    public subscript(_ user: String) -> HTTPFields { [.authorization: "Bearer \(byUser[user]!)"] }
    /// Headers for a JSON write as `user`.
    public func json(_ user: String) -> HTTPFields { [.authorization: "Bearer \(byUser[user]!)", .contentType: "application/json"] }
}

/// The accounts every app test can act as: (username, role, scope unit).
public let testAccounts: [(String, Role, String?)] = [
    ("admin", .admin, nil), ("coordinator", .coordinator, "20"), ("reporter", .reporter, "20-STTTT"),
    ("approver", .approver, "20"), ("leader", .leader, "20"), ("ward-reporter", .reporter, "05983"),
]

/// Runs `body` against the whole application (router and middleware, no socket)
/// over a fresh database loaded with the fixtures and one account per role.
public func withApp(_ backend: TestBackend, seal: KeySeal? = nil, clock: WallClock = Fixtures.clock,
             _ body: @escaping @Sendable (any TestClientProtocol, Database, Tokens) async throws -> Void) async throws {
    try await backend.withDatabase { db in
        try await Fixtures.load(into: db)
        let accounts = Accounts(db, bcryptCost: 4)
        var tokens = Tokens()
        for (user, role, unit) in testAccounts {
            try await accounts.create(username: user, displayName: user, role: role, unitCode: unit, password: "mat-khau-\(user)")
            tokens.byUser[user] = try await accounts.issueToken(for: user, name: "test", readOnly: false, days: 1)
        }
        // Warnings only: a line per request (the access log) would bury a failing test's output.
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = buildApplication(ServerConfiguration(bcryptCost: 4, seal: seal, clock: clock), db: db, logger: logger)
        try await app.test(.router) { [tokens] client in try await body(client, db, tokens) }
    }
}

/// A response body read back into the type the server encoded it from (a DTO).
public func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(buffer: response.body))
}

/// The parsed JSON of a response body, for tests about the JSON's keys themselves (their
/// style, the deprecated twins); every other test reads answers into the DTOs with ``decode(_:_:)``.
public func json(_ response: TestResponse) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
}

/// The problems of an error answer, read into the server's ``ProblemView``.
public func problems(_ response: TestResponse) throws -> [ProblemView.Item] {
    try decode(ProblemView.self, response).errors
}
