import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Logging
import Testing

/// Kills a real `dxtrack serve` with SIGKILL while it writes a large batch, again
/// and again, and checks that each batch is in the database whole or not at all.
@Suite(.serialized) struct CrashSafetyTests {
    static let batch = 4_000

    @Test func killingTheServerMidImportLeavesWholeBatchesOrNone() async throws {
        guard let binary = DxtrackExecutable.path else {
            Issue.record("the dxtrack executable is not built beside the tests (run scripts/test)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-crash-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            try await Fixtures.load(into: db)
        }
        _ = try DxtrackExecutable.run(["user", "add", "nhap", "--role", "coordinator", "--unit", "20", "--password-stdin", "--data-dir", dir], input: "mat-khau-nhap-lieu\n")
        let token = try DxtrackExecutable.run(["user", "token", "nhap", "--data-dir", dir]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("dxt_"))
        // Daily values of 2010… for one unit: each batch is a fresh range, so the count tells which batches landed.
        let body = { (round: Int) -> String in
            var p = Period.day(LocalDate(year: 2010, month: 1, day: 1)!).advanced(by: round * Self.batch)
            var items: [String] = []
            for i in 0..<Self.batch {
                items.append(#"{"unit":"20-STTTT","indicator":"cks_phuong_tien","period":"\#(p.id)","value":\#(i)}"#)
                p = p.next
            }
            return #"{"values":["# + items.joined(separator: ",") + "]}"
        }
        var rng = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let (server, port) = try await DxtrackExecutable.serve(dir, binary: binary)
            let payload = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(round).json").path
            try body(round).write(toFile: payload, atomically: true, encoding: .utf8)
            let post = Process()
            post.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            post.arguments = ["-s", "-o", "/dev/null", "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                              "--data-binary", "@\(payload)", "http://127.0.0.1:\(port)/api/data-values"]
            try post.run()
            // Somewhere between receiving the body and committing.
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...1500, using: &rng)))
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            post.waitUntilExit()
            try? FileManager.default.removeItem(atPath: payload)
        }
        let count = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await DataValueStore($0).count() }
        }
        print("crash safety: \(count / Self.batch) of 6 batches landed whole before SIGKILL, none in part")
        #expect(count % Self.batch == 0, "\(count) values: a batch was half written")
        let integrity = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await db.read { try await $0.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self) }
        }
        #expect(integrity == "ok")
    }

}
