import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Behind nginx, sign-in failures are counted by the address the trusted proxy forwards
/// for, so one sprayer is stopped without stopping everyone behind the proxy; from a peer
/// that is not a trusted proxy, a forged X-Forwarded-For changes nothing.
@Suite struct SignInThrottleTests {
    static func basic(_ user: String, _ password: String) -> String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    @Test func failuresCountByTheForwardedAddressOnlyFromATrustedProxy() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            try await Fixtures.load(into: db)
            try await Accounts(db, bcryptCost: 4).create(username: "dieu-phoi", displayName: "Điều phối", role: .coordinator, unitCode: "20", password: "mat-khau-dung")
            let behindProxy = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: Fixtures.clock, trustedProxies: TrustedProxies(["127.0.0.1"])),
                                               db: db, logger: Logger(label: "throttle"))
            try await behindProxy.test(.live) { client in
                func me(_ password: String, from address: String) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: Self.basic("dieu-phoi", password), .xForwardedFor: address]).status
                }
                for i in 1...Accounts.maxClientFailures {
                    _ = try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: Self.basic("nguoi-\(i)", "123456"), .xForwardedFor: "203.0.113.7"])
                }
                #expect(try await me("mat-khau-dung", from: "203.0.113.7") == .unauthorized, "the sprayer's address is stopped")
                #expect(try await me("mat-khau-dung", from: "198.51.100.20") == .ok, "another client behind the same proxy is not")
            }
            // Not behind a trusted proxy: the header is the caller's own words, and the peer is counted.
            let direct = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: Fixtures.clock), db: db, logger: Logger(label: "throttle"))
            try await direct.test(.live) { client in
                for i in 1...Accounts.maxClientFailures {
                    _ = try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: Self.basic("khac-\(i)", "123456"), .xForwardedFor: "192.0.2.\(i)"])
                }
                let forged = try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: Self.basic("dieu-phoi", "mat-khau-dung"), .xForwardedFor: "192.0.2.250"])
                #expect(forged.status == .unauthorized, "a new X-Forwarded-For does not reset the count of a peer that is no proxy")
            }
        }
    }
}
