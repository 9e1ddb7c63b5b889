import DXDomain
import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The DHIS2 subset of the API as real DHIS2 clients from PyPI use it: `Tests/DHIS2/clients.py`
/// drives dhis2.py and dhis2-client against a live server (the same application `dxtrack
/// serve` runs) on a real database. scripts/test installs both and sets
/// DXTRACK_REQUIRE_DHIS2=1, so that a missing client fails rather than skips.
@Suite struct DHIS2ClientTests {
    static let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_DHIS2"] == "1"
    static let available = (try? Python.run("import dhis2, dhis2_client")) != nil

    @Test(.enabled(if: available || required), arguments: TestBackend.available)
    func dhis2ClientsReadMetadataPushReadBackCompleteAndGetConflicts(_ backend: TestBackend) async throws {
        try #require(Self.available, "dhis2.py and dhis2-client are needed (scripts/test installs them)")
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let password = "mat-khau-\(UUID().uuidString.prefix(8))"
            _ = try await Accounts(db, bcryptCost: 4).create(username: "reporter", displayName: "Người báo cáo", role: .reporter,
                                                             unitCode: Fixtures.department.code, password: password)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("DHIS2/clients.py").path
            let app = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: Fixtures.clock), db: db, logger: Logger(label: "dhis2-test"))
            let period = Period(type: .quarterly, containing: Fixtures.today).previous
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let (status, output) = try await BrowserTests.run(
                    ["python3", script, "http://127.0.0.1:\(port)", "reporter", password, Fixtures.form.code, Fixtures.department.code,
                     period.id, Fixtures.vehicles.code, Fixtures.workRecords.code],
                    environment: ProcessInfo.processInfo.environment)
                #expect(status == 0, "the DHIS2 clients found problems:\n\(output)")
            }
            // What the clients wrote went through dxtrack's rules: three figures, a report sent.
            let values = try await db.read { try await DataValueStore($0).values(.init(unitCode: Fixtures.department.code)) }
            #expect(values.map(\.indicatorCode).sorted() == [Fixtures.vehicles.code, Fixtures.workRecords.code].sorted())
        }
    }
}
