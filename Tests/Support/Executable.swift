import DXDomain
import Foundation

/// The `dxtrack` executable as users run it: found beside the test bundle, run with
/// arguments, or started as a server on a port of its own.
public enum DxtrackExecutable {
    /// The `dxtrack` executable built beside the test bundle.
    public static var path: String? {
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
    public static func run(_ args: [String], input: String? = nil, errors: Bool = false, environment: [String: String] = [:]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
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

    /// Starts `dxtrack serve` on a random port and waits until it answers.
    public static func serve(_ dir: String, binary: String, arguments: [String] = [],
                             environment: [String: String] = [:]) async throws -> (Process, Int) {
        // Below Linux's ephemeral range (32768 and up), where the other suites' connections take
        // their ports, so a port from there can be taken and the server would exit at once.
        let port = Int.random(in: 20_000...32_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--data-dir", dir, "--port", String(port)] + arguments
        if !environment.isEmpty { server.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        try await waitUntilUp(port, server)
        return (server, port)
    }

    /// Polls /health for up to a minute: with every suite running at once on two cores,
    /// a debug build can take many seconds to start.
    public static func waitUntilUp(_ port: Int, _ server: Process) async throws {
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
