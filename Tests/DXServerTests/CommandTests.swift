import ArgumentParser
import DXCatalog
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
        for sub in ["serve", "migrate", "demo", "catalog"] { #expect(root.contains(sub)) }
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
        #expect(units == (try CatalogLoader.loadValid(StarterCatalog.path)).units.count)
        #expect(values > 5_000)
    }

    @Test func catalogCheckExitsWithStatus1OnAProblem() async throws {
        var ok = try Dxtrack.parseAsRoot(["catalog", "check"]) as! any AsyncParsableCommand
        try await ok.run()
        let dir = Self.tempDir()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "units:\n  - {code: \"1\", name: \"Xã\", kind: hamlet}\n".write(toFile: dir + "/u.yaml", atomically: true, encoding: .utf8)
        var bad = try Dxtrack.parseAsRoot(["catalog", "check", dir]) as! any AsyncParsableCommand
        await #expect { try await bad.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        var badImport = try Dxtrack.parseAsRoot(["catalog", "import", dir, "--data-dir", dir + "/db"]) as! any AsyncParsableCommand
        await #expect { try await badImport.run() } throws: { ($0 as? ExitCode) == ExitCode(1) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/db/dxtrack.sqlite"), "a rejected import must not even create the database")
    }
}
