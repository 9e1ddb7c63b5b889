import DXDomain
import DXServer
import DXStorage
import DXTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The web app end to end in a real headless Chromium: `Tests/Browser/e2e.py` drives it
/// with Selenium against a live server on a real database. scripts/test installs Chromium,
/// its driver and Selenium, and sets DXTRACK_REQUIRE_BROWSER=1 so that a missing browser
/// fails rather than skips. Screenshots of every page at 1366 and 390 px, and each page's
/// height on a phone (`heights.json`), go to `.build/artifacts/screenshots`.
@Suite struct BrowserTests {
    static let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_BROWSER"] == "1"
    static let available = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        && (try? Python.run("import selenium")) != nil

    static let revenue = Indicator(code: "kts_doanh_thu_tmdt", nameVi: "Doanh thu thương mại điện tử", nameEn: "E-commerce revenue",
                                   pillar: .digitalEconomy, valueType: .amount, aggregation: .sum, direction: .higherIsBetter,
                                   decimals: 1, unitVi: "tỷ đồng")

    @Test(.enabled(if: available || required), arguments: TestBackend.available)
    func aReportGoesFromTheReporterToTheApproverToTheDashboardAndThePortal(_ backend: TestBackend) async throws {
        try #require(Self.available, "chromium, chromium-driver and selenium are needed (scripts/test installs them)")
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            var form = Fixtures.form
            form.indicators.append(Self.revenue.code)
            let withRevenue = form
            try await db.transaction { sql in
                try await CatalogStore(sql).save(indicators: [Self.revenue])
                try await FormStore(sql).save([withRevenue])
            }
            let accounts = Accounts(db, bcryptCost: 4)
            var env = ProcessInfo.processInfo.environment
            for (user, role, unit) in [("reporter", Role.reporter, "20-STTTT"), ("approver", Role.approver, "20"),
                                     ("coordinator", Role.coordinator, "20"), ("leader", Role.leader, "20")] {
                let password = "mat-khau-\(UUID().uuidString.prefix(8))"
                _ = try await accounts.create(username: user, displayName: user, role: role, unitCode: unit, password: password)
                env["DXTRACK_E2E_PASSWORD_\(user.uppercased())"] = password
            }
            // The server stands on the fixtures' day, in the entry window of the quarter before.
            let period = Period(type: .quarterly, containing: Fixtures.today).previous
            let shots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/artifacts/screenshots/\(backend)").path
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Browser/e2e.py").path
            let app = buildApplication(ServerConfiguration(port: 0, bcryptCost: 4, clock: Fixtures.clock), db: db, logger: Logger(label: "browser-test"))
            let environment = env
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let (status, output) = try await Self.run(["python3", script, "http://127.0.0.1:\(port)", shots, period.id], environment: environment)
                #expect(status == 0, "the browser walk found problems:\n\(output)")
            }
        }
    }

    /// Runs a process without blocking the server's threads, and returns its exit status and output.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        return try await withCheckedThrowingContinuation { continuation in
            p.terminationHandler = { process in
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: (process.terminationStatus, text))
            }
            do { try p.run() } catch { continuation.resume(throwing: error) }
        }
    }
}
