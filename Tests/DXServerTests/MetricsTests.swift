import DXDomain
@testable import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `/metrics` in Prometheus's text format, over a real socket: requests by route and
/// status with their latency, and the deployment's vitals, for the operators only.
@Suite struct MetricsTests {
    @Test(arguments: TestBackend.available)
    func prometheusReadsRequestsAndVitalsFromThisMachineOnly(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            try await Fixtures.submitReport(db)
            let app = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: Fixtures.clock), db: db, logger: Logger(label: "metrics"))
            try await app.test(.live) { client in
                _ = try await client.execute(uri: "/health", method: .get)
                _ = try await client.execute(uri: "/api/org-units/20", method: .get)
                _ = try await client.execute(uri: "/api/org-units/NOPE", method: .get)
                // Imports count as such, by source and outcome (these are refused: nobody signed in).
                _ = try await client.execute(uri: "/api/import", method: .post, body: ByteBuffer(string: "unit,indicator\n"))
                _ = try await client.execute(uri: "/api/40/dataValueSets", method: .post, body: ByteBuffer(string: "{}"))
                let r = try await client.execute(uri: "/metrics", method: .get)
                #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: r.body)
                #expect(text.contains(#"dxtrack_http_requests_total{route="/health",method="GET",status="200"} 1"#))
                #expect(text.contains(#"dxtrack_http_requests_total{route="/api/org-units/{code}",method="GET",status="404"} 1"#), "by route, never the path typed")
                #expect(text.contains(#"dxtrack_http_request_duration_seconds_bucket{route="/health",le="+Inf"} 1"#))
                #expect(text.contains("dxtrack_schema_version \(Migration.latestVersion)") && text.contains(#"dxtrack_reports{status="submitted"} 1"#))
                #expect(text.contains("dxtrack_data_version ") && text.contains("dxtrack_mail_waiting 0"))
                #expect(text.contains(#"dxtrack_value_writes{action="values.write"} 1"#) && text.contains(#"dxtrack_pushes{status="failed"} 0"#))
                #expect(text.contains(#"dxtrack_imports_total{source="file",outcome="refused"} 1"#) && text.contains(#"dxtrack_imports_total{source="dhis2",outcome="refused"} 1"#), "\(text)")
                let size = backend == .sqlite ? 5 : 20
                #expect(text.contains("dxtrack_db_pool_connections \(size)") && text.contains("dxtrack_db_pool_in_use 0") && text.contains("dxtrack_db_pool_waiting 0"))
                // Through a proxy (the request names a client) it is refused: the proxy's own peer is this machine.
                let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: "203.0.113.7"])
                #expect(proxied.status == .forbidden)
            }
            // With `metrics-local: false`, an administrator's API token is asked for, whoever calls.
            let accounts = Accounts(db, bcryptCost: 4)
            for (user, role) in [("quan-tri", Role.admin), ("dieu-phoi", .coordinator)] {
                try await accounts.create(username: user, displayName: user, role: role, unitCode: role == .admin ? nil : "20", password: "mat-khau-\(user)")
            }
            let (admin, coordinator) = (try await accounts.issueToken(for: "quan-tri", name: "prometheus", readOnly: true, days: 1),
                                        try await accounts.issueToken(for: "dieu-phoi", name: "x", readOnly: true, days: 1))
            let guarded = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: Fixtures.clock, metricsLocal: false),
                                           db: db, logger: Logger(label: "metrics"))
            try await guarded.test(.live) { (client: any TestClientProtocol) async throws in
                #expect(try await client.execute(uri: "/metrics", method: .get).status == .forbidden)
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(coordinator)"]).status == .forbidden)
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(admin)"]).status == .ok)
            }
        }
    }
}
