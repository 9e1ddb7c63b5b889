import Foundation

/// Runs a Python script (with openpyxl, which scripts/test installs from PyPI) the way
/// a reporter's spreadsheet program would touch a file, and returns what it printed.
public enum Python {
    public struct Failed: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static func run(_ script: String, _ args: [String] = []) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failed(message: problem) }
        return text
    }

    /// A fresh path in the temporary directory.
    public static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-\(UUID().uuidString)-\(name)").path
    }
}
