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

    /// The `dxtrack` executable built beside the test bundle.
    static var binary: String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("dxtrack").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = FileManager.default.currentDirectoryPath + "/.build/debug/dxtrack"
        return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
    }

    /// Runs the binary; returns its standard output (and its errors too, with `errors`).
    static func run(_ args: [String], input: String? = nil, errors: Bool = false) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary!)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = errors ? out : FileHandle.nullDevice
        let inPipe = Pipe()
        p.standardInput = inPipe
        try p.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text
    }

    @Test func killingTheServerMidImportLeavesWholeBatchesOrNone() async throws {
        guard let binary = Self.binary else {
            Issue.record("the dxtrack executable is not built beside the tests (run scripts/test)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-crash-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            try await Fixtures.load(into: db)
        }
        _ = try Self.run(["user", "add", "nhap", "--role", "coordinator", "--unit", "20", "--password-stdin", "--data-dir", dir], input: "mat-khau-nhap-lieu\n")
        let token = try Self.run(["user", "token", "nhap", "--data-dir", dir]).trimmingCharacters(in: .whitespacesAndNewlines)
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
            let (server, port) = try await Self.serve(dir, binary: binary)
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

    /// Starts `dxtrack serve` on a random port and waits until it answers.
    static func serve(_ dir: String, binary: String) async throws -> (Process, Int) {
        // Below Linux's ephemeral range (32768 and up), where the other suites' connections take
        // their ports, so a port from there can be taken and the server would exit at once.
        let port = Int.random(in: 20_000...32_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--data-dir", dir, "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        try await waitUntilUp(port, server)
        return (server, port)
    }

    /// Polls /health for up to a minute: with every suite running at once on two cores,
    /// a debug build can take many seconds to start.
    static func waitUntilUp(_ port: Int, _ server: Process) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline && server.isRunning {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            p.arguments = ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/health"]
            try p.run()
            p.waitUntilExit()
            if p.terminationStatus == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DomainError(code: "timeout", vi: "Máy chủ không khởi động.", en: "The server did not start.")
    }
}
