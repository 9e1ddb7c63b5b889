import ArgumentParser
@testable import DXCommands
import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Testing

/// One configuration file for a deployment, the environment and flags over it, and
/// `dxtrack config check` saying what is in force and what is wrong.
@Suite struct ConfigurationTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws {
        let path = try Self.file("port: 8091\nhost: 0.0.0.0\nsmtp: smtp://dx@mail.tinh.gov.vn:587\n# a comment\n")
        let settings = try Settings.load(config: path, environment: ["DXTRACK_PORT": "8092"])
        #expect(settings.lookup(.host).value == "0.0.0.0" && settings.lookup(.host).source == .file)
        #expect(settings.lookup(.port).value == "8092" && settings.lookup(.port).source == .environment)
        #expect(settings.lookup(.port, flag: "8093").value == "8093" && settings.lookup(.port, flag: "8093").source == .flag)
        #expect(settings.lookup(.database).source == .unset)
        #expect(Setting.database.environmentName == "DXTRACK_DATABASE_URL" && Setting.dataDir.environmentName == "DXTRACK_DATA_DIR")
        // No file named and none at the default place: the environment alone.
        let none = try Settings.load(config: nil, environment: ["DXTRACK_HOST": "10.0.0.1"])
        #expect(none.value(.host) == "10.0.0.1" && (none.file == nil || none.file == Settings.defaultPath))
    }

    @Test func aMisspeltOrMalformedSettingIsNamedWithItsLine() throws {
        let path = try Self.file("port: 8091\nprot: 1\nhost: [a, b]\n")
        do {
            _ = try Settings.load(config: path, environment: [:])
            Issue.record("a file with mistakes was taken")
        } catch {
            #expect(error.errors.count == 2)
            #expect(error.errors[0].vi.contains("dòng 2") && error.errors[0].en.contains("no such setting: prot"))
            #expect(error.errors[1].en.contains("line 3") && error.errors[1].en.contains("host must be a single value"))
        }
        #expect(throws: DomainErrors.self) { try Settings.load(config: "/nonexistent/dxtrack.yaml", environment: [:]) }
    }

    @Test func theDataDirectoryAndTheSigningSecretComeFromTheFile() throws {
        let dir = Fixtures.temporaryDirectory(), secretFile = Fixtures.temporaryDirectory() + ".secret"
        try String(repeating: "ab", count: 32).write(toFile: secretFile, atomically: true, encoding: .utf8)
        let path = try Self.file("data-dir: \(dir)\nsigning-secret-file: \(secretFile)\n")
        let options = try Migrate.parseAsRoot(["--config", path]) as! Migrate
        #expect(try options.database.location() == .sqlite(directory: dir))
        #expect(try options.database.signingSeal() != nil)
        // A data directory on the command line names SQLite, whatever the file says.
        let other = try Migrate.parseAsRoot(["--config", path, "--data-dir", "/tmp/x"]) as! Migrate
        #expect(try other.database.location() == .sqlite(directory: "/tmp/x"))
    }

    @Test func configCheckSaysWhatIsWrongAndMasksSecrets() throws {
        let bad = try Self.file("port: 99999\nlog-level: loud\ndatabase: postgres://dx:mat-khau@127.0.0.1:5432/dx\nsecure-cookies: maybe\nmetrics-local: perhaps\n")
        #expect(ConfigCommand.Check.masked("postgres://dx:mat-khau@127.0.0.1:5432/dx", .database) == "postgres://dx:********@127.0.0.1:5432/dx")
        #expect(ConfigCommand.Check.masked("hunter2", .smtpPassword) == "********")
        let check = try ConfigCommand.Check.parseAsRoot(["--config", bad]) as! ConfigCommand.Check
        let problems = ConfigCommand.Check.problems(try Settings.load(config: bad, environment: [:]), database: check.database)
        #expect(problems.contains { $0.hasPrefix("port:") } && problems.contains { $0.hasPrefix("log-level:") } && problems.contains { $0.hasPrefix("secure-cookies:") })
        #expect(problems.contains { $0.hasPrefix("metrics-local:") })
        let switches = try Settings.load(config: try Self.file("metrics-local: off\nsecure-cookies: yes\n"), environment: [:])
        #expect(!switches.isOn(.metricsLocal, fallback: true) && switches.isOn(.secureCookies) && switches.isOn(.logLevel, fallback: true))
        let good = try Self.file("port: 8091\ndata-dir: \(Fixtures.temporaryDirectory())\ndigest-weekday: 5\n")
        let fine = try ConfigCommand.Check.parseAsRoot(["--config", good]) as! ConfigCommand.Check
        #expect(ConfigCommand.Check.problems(try Settings.load(config: good, environment: [:]), database: fine.database).isEmpty)
    }
}
