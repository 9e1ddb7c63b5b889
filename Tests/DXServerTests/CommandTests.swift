import ArgumentParser
@testable import DXCommands
import DXStorage
import DXDomain
import Foundation
import Logging
import Testing

@Suite struct CommandTests {
    static func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-cli-\(UUID().uuidString)").path
    }

    @Test func helpIsInVietnameseAndEnglish() {
        let root = Dxtrack.helpMessage()
        #expect(root.contains("Theo dõi chỉ tiêu chuyển đổi số"))
        #expect(root.contains("Track digital-transformation"))
        for sub in ["serve", "migrate", "demo"] { #expect(root.contains(sub)) }
        #expect(Serve.helpMessage().contains("Chạy máy chủ web") && Serve.helpMessage().contains("Run the web server"))
        #expect(Serve.helpMessage().contains("--data-dir") && Serve.helpMessage().contains("--database"))
        #expect(Serve.helpMessage().contains("--host") && Serve.helpMessage().contains("--port") && Serve.helpMessage().contains("--demo"))
        #expect(Migrate.helpMessage().contains("Tạo hoặc cập nhật") && Migrate.helpMessage().contains("Create or update"))
        #expect(Demo.helpMessage().contains("Nạp dữ liệu mẫu") && Demo.helpMessage().contains("Load the demo data"))
    }

    @Test func dataDirAndDatabaseExcludeEachOther() {
        #expect(throws: (any Error).self) {
            _ = try Dxtrack.parseAsRoot(["migrate", "--data-dir", "a", "--database", "postgres://u@h/d"])
        }
        #expect(throws: (any Error).self) {
            var cmd = try Migrate.parseAsRoot(["--database", "mysql://u@h/d"]) as! Migrate
            try cmd.validate()
            _ = try cmd.database.location()
        }
    }

    @Test func migrateThenDemoCreatesAWorkingDatabase() async throws {
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var migrate = try Dxtrack.parseAsRoot(["migrate", "--data-dir", dir]) as! any AsyncParsableCommand
        try await migrate.run()
        #expect(FileManager.default.fileExists(atPath: dir + "/dxtrack.sqlite"))
        var demo = try Dxtrack.parseAsRoot(["demo", "--data-dir", dir]) as! any AsyncParsableCommand
        try await demo.run()
        try await demo.run() // idempotent
        let (units, values) = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { (try await OrgUnitStore($0).all().count, try await DataValueStore($0).count()) }
        }
        #expect(units == DemoData.units.count)
        #expect(values == DemoData.generateValues(through: DemoData.lastCompleteQuarter()).count)
        #expect(values > 300)
    }

    @Test func demoValuesAreDeterministicAndValid() throws {
        let q = try DXDomain.Period("2026Q3")
        #expect(DemoData.generateValues(through: q) == DemoData.generateValues(through: q))
        let byCode = Dictionary(uniqueKeysWithValues: DemoData.indicators.map { ($0.code, $0) })
        for v in DemoData.generateValues(through: q) {
            if case .failure(let e) = byCode[v.indicatorCode]!.check(v) { Issue.record("\(e)") }
        }
        // Districts stop reporting when they cease on 30/06/2025.
        #expect(!DemoData.generateValues(through: q).contains { $0.unitCode == "178" && $0.period > (try! DXDomain.Period("2025Q2")) })
    }
}
