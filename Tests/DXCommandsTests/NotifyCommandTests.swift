import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Testing

/// `dxtrack notify` against a real SMTP server on loopback (aiosmtpd from PyPI, STARTTLS and
/// AUTH required), its messages read back as a mail client reads them (Python's email package).
@Suite(.serialized) struct NotifyCommandTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Mail").path

    /// A running SMTP server and what it needs: a certificate for `localhost` its clients trust.
    final class MailServer {
        let spool: String
        let cert: String
        let port = Int.random(in: 20_000...32_000)
        private var process: Process?

        init() throws {
            let dir = Fixtures.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            (spool, cert) = (dir + "/spool", dir + "/cert.pem")
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem", "-out", cert, "-days", "2",
                                 "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
            openssl.standardOutput = FileHandle.nullDevice
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
        }

        func start() throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", NotifyCommandTests.here + "/smtp_server.py", String(port), spool, cert,
                           cert.replacingOccurrences(of: "cert.pem", with: "key.pem"), "dxtrack@langson.gov.vn", "mat-khau-thu"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            // READY once it listens.
            _ = out.fileHandleForReading.availableData
            process = p
        }

        func stop() {
            // SIGKILL: the test process may block SIGTERM, and its children inherit the mask.
            if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL) }
            process?.waitUntilExit()
            process = nil
        }

        deinit { stop() }

        struct Received: Decodable {
            let rcpt: [String]
            let from, to, subject, date, type: String
            let defects: [String]
            let text, html: String?
            let longest_line: Int
        }

        func received() throws -> [Received] {
            try JSONDecoder().decode([Received].self, from: Data(try Python.run(
                try String(contentsOfFile: NotifyCommandTests.here + "/read_mail.py", encoding: .utf8), [spool]).utf8))
        }

        var url: String { "smtp://dxtrack%40langson.gov.vn@localhost:\(port)" }
    }

    static var available: Bool {
        if (try? Python.run("import aiosmtpd")) != nil, DxtrackExecutable.path != nil { return true }
        if ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_MAIL"] == "1" { Issue.record("aiosmtpd (PyPI) is required (DXTRACK_REQUIRE_MAIL=1)") }
        return false
    }

    static let environment = ["DXTRACK_SMTP_PASSWORD": "mat-khau-thu",
                              "DXTRACK_MAIL_FROM": "Sở Khoa học và Công nghệ Lạng Sơn <dxtrack@sokhcn.langson.gov.vn>",
                              "DXTRACK_PUBLIC_URL": "https://dxtrack.langson.gov.vn"]

    /// The fixture catalog, a reporter of the department and the province's approver and
    /// coordinator, each with an address.
    static func dataDirectory() async throws -> String {
        try await Fixtures.dataDirectory { db in
            let accounts = Accounts(db, bcryptCost: 4)
            for (user, role, unit) in [("baocao", Role.reporter, "20-STTTT"), ("pheduyet", .approver, "20"), ("dieuphoi", .coordinator, "20")] {
                try await accounts.create(username: user, displayName: user, role: role, unitCode: unit, password: "mat-khau-\(user)-dai")
                try await accounts.setMail(user, email: "\(user)@langson.gov.vn", choice: .each, english: false)
            }
        }
    }

    func notify(_ dir: String, _ server: MailServer, asOf: String) throws -> String {
        try DxtrackExecutable.run(["notify", "run", "--as-of", asOf, "--data-dir", dir, "--smtp", server.url, "--smtp-ca", server.cert],
                                  errors: true, environment: Self.environment)
    }

    @Test func remindersArriveAsValidVietnameseMIMEOverSTARTTLS() async throws {
        guard Self.available else { return }
        let dir = try await Self.dataDirectory()
        let server = try MailServer()
        try server.start()
        // 01/05/2025: the department's 2025Q1 report, due 30/04, is a day overdue.
        let said = try notify(dir, server, asOf: "2025-05-01")
        #expect(said.contains("Đã gửi / sent: 3"), "\(said)")
        let mail = try server.received()
        #expect(mail.map(\.rcpt).flatMap { $0 }.sorted() == ["baocao@langson.gov.vn", "dieuphoi@langson.gov.vn", "pheduyet@langson.gov.vn"])
        let toReporter = try #require(mail.first { $0.rcpt == ["baocao@langson.gov.vn"] })
        #expect(toReporter.subject == "Quá hạn nộp báo cáo: Báo cáo quý thử – Sở Thông tin và Truyền thông – Quý 1/2025")
        #expect(toReporter.from == "Sở Khoa học và Công nghệ Lạng Sơn <dxtrack@sokhcn.langson.gov.vn>")
        #expect(toReporter.to == "baocao@langson.gov.vn" || toReporter.to == "<baocao@langson.gov.vn>")
        #expect(toReporter.type == "multipart/alternative" && toReporter.defects.isEmpty && toReporter.longest_line <= 78)
        #expect(toReporter.text?.contains("đã quá hạn 30/04/2025 1 ngày") == true)
        #expect(toReporter.text?.contains("https://dxtrack.langson.gov.vn/reports/F/20-STTTT/2025Q1") == true)
        #expect(toReporter.html?.contains(#"<a href="https://dxtrack.langson.gov.vn/reports/F/20-STTTT/2025Q1">Mở trang</a>"#) == true)
        #expect(toReporter.date.hasSuffix("+0700"))
        let toCoordinator = try #require(mail.first { $0.rcpt == ["dieuphoi@langson.gov.vn"] })
        #expect(toCoordinator.subject == "1 đơn vị quá hạn: Báo cáo quý thử – Quý 1/2025")
        #expect(toCoordinator.text?.contains("https://dxtrack.langson.gov.vn/reports/urge?form=F&period=2025Q1") == true)
        // Run again the same day: nothing is sent twice.
        #expect(try notify(dir, server, asOf: "2025-05-01").contains("Đã gửi / sent: 0"))
        #expect(try server.received().count == 3)
        server.stop()
    }

    @Test func aMailServerDownLosesNothing() async throws {
        guard Self.available else { return }
        let dir = try await Self.dataDirectory()
        let server = try MailServer()
        let down = try notify(dir, server, asOf: "2025-05-01")
        #expect(down.contains("Đã gửi / sent: 0, sẽ gửi lại / to retry: 3"), "\(down)")
        try server.start()
        // The next run after the wait (here the next day) sends them; the day's reminder is one already sent.
        let back = try notify(dir, server, asOf: "2025-05-02")
        #expect(back.contains("Đã gửi / sent: 3"), "\(back)")
        #expect(try server.received().count == 3)
        server.stop()
    }

    @Test func aWrongPasswordIsRefusedAndTheTestMessageGoes() async throws {
        guard Self.available else { return }
        let server = try MailServer()
        try server.start()
        var env = Self.environment
        env["DXTRACK_SMTP_PASSWORD"] = "sai"
        let refused = try DxtrackExecutable.run(["notify", "test", "--to", "ai@langson.gov.vn", "--smtp", server.url, "--smtp-ca", server.cert],
                                                errors: true, environment: env)
        #expect(refused.contains("535"), "\(refused)")
        // A server whose certificate chains to no trusted CA is refused: no password goes to it.
        let untrusted = try DxtrackExecutable.run(["notify", "test", "--to", "ai@langson.gov.vn", "--smtp", server.url], errors: true, environment: Self.environment)
        #expect(untrusted.contains("Không gửi được / Not sent") && !untrusted.contains("Đã gửi / Sent"), "\(untrusted)")
        let sent = try DxtrackExecutable.run(["notify", "test", "--to", "ai@langson.gov.vn", "--smtp", server.url, "--smtp-ca", server.cert],
                                             errors: true, environment: Self.environment)
        #expect(sent.contains("Đã gửi / Sent to ai@langson.gov.vn"), "\(sent)")
        let mail = try server.received()
        #expect(mail.count == 1 && mail[0].subject == "dxtrack: thư thử / test message" && mail[0].defects.isEmpty)
        server.stop()
    }

    /// `dxtrack serve` runs the same worker: a report returned before it started is mailed
    /// within its first minute, to the address `dxtrack user email` set.
    @Test func theServerMailsWhatComesInTheBackground() async throws {
        guard Self.available, let binary = DxtrackExecutable.path else { return }
        let dir = try await Fixtures.dataDirectory { db in
            let accounts = Accounts(db, bcryptCost: 4)
            try await accounts.create(username: "baocao", displayName: "baocao", role: .reporter, unitCode: "20-STTTT", password: "mat-khau-bao-cao")
            try await accounts.create(username: "pheduyet", displayName: "pheduyet", role: .approver, unitCode: "20", password: "mat-khau-phe-duyet")
            try await Fixtures.decide(.return, try await Fixtures.submitReport(db, by: "baocao"), db, by: "pheduyet", reason: "Thiếu minh chứng")
        }
        let set = try DxtrackExecutable.run(["user", "email", "baocao", "baocao@langson.gov.vn", "--choice", "each", "--data-dir", dir], errors: true)
        #expect(set.contains("baocao@langson.gov.vn"), "\(set)")
        let mailServer = try MailServer()
        try mailServer.start()
        let (server, _) = try await DxtrackExecutable.serve(dir, binary: binary, arguments: ["--smtp", mailServer.url, "--smtp-ca", mailServer.cert],
                                                            environment: Self.environment)
        defer { server.terminate() }
        var returned: MailServer.Received?
        for _ in 0..<60 where returned == nil {
            try await Task.sleep(for: .milliseconds(500))
            returned = try mailServer.received().first { $0.subject.hasPrefix("Báo cáo bị trả lại") }
        }
        let mail = try #require(returned, "the returned report's notice was not mailed within 30 s")
        #expect(mail.rcpt == ["baocao@langson.gov.vn"] && mail.text?.contains("Lý do: Thiếu minh chứng") == true)
        mailServer.stop()
    }

    /// The machine's sendmail interface: dxtrack hands it the whole message on standard input
    /// with `-t -i`, the recipients read from the headers. The stand-in keeps what it is given.
    @Test func theSendmailInterfaceGetsTheMessage() async throws {
        guard DxtrackExecutable.path != nil else { return }
        let dir = Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = dir + "/sendmail"
        try "#!/bin/sh\necho \"$@\" > \(dir)/args\ncat > \(dir)/message\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let said = try DxtrackExecutable.run(["notify", "test", "--to", "ai@langson.gov.vn", "--smtp", "sendmail:" + script], errors: true, environment: Self.environment)
        #expect(said.contains("Đã gửi / Sent"), "\(said)")
        #expect(try String(contentsOfFile: dir + "/args", encoding: .utf8) == "-t -i\n")
        let message = try String(contentsOfFile: dir + "/message", encoding: .utf8)
        #expect(message.contains("\nTo: <ai@langson.gov.vn>\n") && message.contains("Subject: =?UTF-8?B?") && !message.contains("\r"))
    }
}
