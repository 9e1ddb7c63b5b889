import Foundation

/// A standard tool run as an outsider would run it (openssl, pkcs11-tool, pyhanko …):
/// its exit status and everything it printed.
public enum Tool {
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// A tool that did not do its job, with what it printed.
    public struct Failed: Error, CustomStringConvertible {
        public var output: String
        public var description: String { output }
        public init(output: String) { self.output = output }
    }

    /// Whether `name` is on the PATH.
    public static func exists(_ name: String) -> Bool { (try? run(["sh", "-c", "command -v \(name)"]).status) == 0 }

    /// A fresh directory in the temporary directory.
    public static func directory(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// SoftHSM2, a real PKCS#11 module, with one token for this test process: its
/// configuration is set in this process's environment before the module is first
/// loaded, so dxtrack (in process) and pkcs11-tool (a child) see the same token.
/// scripts/test installs softhsm2 and opensc and sets DXTRACK_REQUIRE_SOFTHSM=1.
public enum SoftHSM {
    public static let module = "/usr/lib/softhsm/libsofthsm2.so"
    public static let pin = "246810"
    public static let token = "dxtrack-test"
    public static let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_SOFTHSM"] == "1"
    public static var available: Bool { FileManager.default.fileExists(atPath: module) && Tool.exists("pkcs11-tool") && Tool.exists("softhsm2-util") }

    /// The token, made on first use.
    public static let ready: Result<String, any Error> = Result {
        let dir = try Tool.directory("softhsm")
        try FileManager.default.createDirectory(atPath: dir + "/tokens", withIntermediateDirectories: true)
        try "directories.tokendir = \(dir)/tokens\nobjectstore.backend = file\nlog.level = ERROR\n".write(toFile: dir + "/softhsm2.conf", atomically: true, encoding: .utf8)
        setenv("SOFTHSM2_CONF", dir + "/softhsm2.conf", 1)
        let made = try Tool.run(["softhsm2-util", "--init-token", "--free", "--label", token, "--so-pin", "13579111", "--pin", pin])
        guard made.status == 0 else { throw Tool.Failed(output: made.output) }
        return dir
    }

    /// A new key pair in the token, labelled `label`: EC P-256, or `type` ("rsa:2048").
    public static func keyPair(_ label: String, type: String = "EC:prime256v1") throws {
        let made = try tool(["--keypairgen", "--key-type", type, "--label", label])
        guard made.status == 0 else { throw Tool.Failed(output: made.output) }
    }

    /// `pkcs11-tool`, logged in to the token, one at a time: two of them writing the token's
    /// files at once could read it half-written ("No slot with token named …"), as a CI run once did.
    public static func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        _ = try ready.get()
        return try oneAtATime.withLock {
            try Tool.run(["pkcs11-tool", "--module", module, "--token-label", token, "--login", "--pin", pin] + arguments)
        }
    }

    private static let oneAtATime = NSLock()
}

/// pyHanko (PyPI), the PDF signature validator the tests ask about dxtrack's signed PDFs.
/// scripts/test installs it and sets DXTRACK_REQUIRE_PYHANKO=1.
public enum PyHanko {
    public static let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_PYHANKO"] == "1"
    public static var available: Bool { Tool.exists("pyhanko") }

    /// `pyhanko sign validate --pretty-print`, trusting only `trust` (a PEM file); revocation
    /// is not looked up online (a government LAN has no way out).
    public static func validate(_ pdf: String, trust: String) throws -> (status: Int32, output: String) {
        try Tool.run(["pyhanko", "sign", "validate", "--pretty-print", "--trust", trust, "--trust-replace", "--no-revocation-check", pdf])
    }
}

/// LibreOffice, which prints dxtrack's reports to PDF.
public enum Office {
    public static let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_OFFICE"] == "1"
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") }

    /// `text` as a PDF LibreOffice writes (one page or more), as its bytes.
    public static func pdf(_ text: String) throws -> [UInt8] {
        let dir = try Tool.directory("office")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/van-ban.txt", atomically: true, encoding: .utf8)
        let made = try Tool.run(["libreoffice", "-env:UserInstallation=file://\(dir)/profile", "--headless", "--convert-to", "pdf", "--outdir", dir, dir + "/van-ban.txt"])
        guard let pdf = FileManager.default.contents(atPath: dir + "/van-ban.pdf") else { throw Tool.Failed(output: made.output) }
        return Array(pdf)
    }
}
