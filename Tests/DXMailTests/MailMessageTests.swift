import DXMail
import Foundation
import Testing

@Suite struct MailMessageTests {
    let message = MailMessage(from: Mailbox(name: "Sở Khoa học và Công nghệ", address: "dxtrack@sokhcn.langson.gov.vn"),
                              to: Mailbox(address: "baocao@xa.langson.gov.vn"),
                              subject: "Báo cáo bị trả lại: Báo cáo kết quả chuyển đổi số hằng quý (xã, phường) – Xã Hữu Lũng – Quý 1/2025",
                              text: "Lý do: số hồ sơ\n.dòng bắt đầu bằng dấu chấm", html: "<p>Lý do</p>",
                              date: Date(timeIntervalSince1970: 1_764_554_400), messageID: "abc-def@dxtrack")

    @Test func everyLineIsShortAndEndsInCRLF() {
        let text = message.rfc5322
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.count <= 78, "\(line)") }
    }

    @Test func theSubjectIsUTF8EncodedWordsThatDecodeToTheText() throws {
        let lines = message.rfc5322.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var header = String(lines[start].dropFirst("Subject: ".count))
        for line in lines[(start + 1)...] { guard line.hasPrefix(" ") else { break }; header += line }
        let words = header.split(separator: " ")
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        let bytes = words.flatMap { w in Array(Data(base64Encoded: String(w.dropFirst(10).dropLast(2)))!) }
        #expect(String(decoding: bytes, as: UTF8.self) == message.subject)
    }

    @Test func anASCIISubjectStaysAsItIs() {
        var m = message
        m.subject = "dxtrack test"
        #expect(m.rfc5322.contains("\r\nSubject: dxtrack test\r\n"))
    }

    @Test func aNewLineInTheSubjectCannotAddAHeader() {
        var m = message
        m.subject = "Hi\r\nBcc: victim@example.com"
        #expect(!m.rfc5322.contains("\r\nBcc:"))
    }

    @Test func theDateIsVietnamsTime() {
        #expect(message.rfc5322.contains("Date: Mon, 01 Dec 2025 09:00:00 +0700"))
    }

    @Test func mailboxesAreReadAndRefusedAsTheyShouldBe() {
        #expect(Mailbox(parsing: "Sở KH&CN <so@example.vn>") == Mailbox(name: "Sở KH&CN", address: "so@example.vn"))
        #expect(Mailbox(parsing: "so@example.vn") == Mailbox(address: "so@example.vn"))
        #expect(Mailbox(parsing: "not an address") == nil)
        #expect(Mailbox(parsing: "a@b.vn\r\nBcc: c@d.vn") == nil)
    }

    @Test func theTransportIsReadFromItsURL() throws {
        guard case .smtp(let s) = try MailTransport(url: "smtp://dxtrack%40langson.gov.vn@mail.langson.gov.vn:587", password: "p") else {
            Issue.record("not SMTP"); return
        }
        #expect(s.host == "mail.langson.gov.vn" && s.port == 587 && !s.implicitTLS && s.username == "dxtrack@langson.gov.vn" && s.password == "p")
        guard case .smtp(let t) = try MailTransport(url: "smtps://mail.example.vn", password: nil) else { Issue.record("not SMTP"); return }
        #expect(t.port == 465 && t.implicitTLS && t.username == nil)
        guard case .sendmail(let path) = try MailTransport(url: "sendmail:", password: nil) else { Issue.record("not sendmail"); return }
        #expect(path == "/usr/sbin/sendmail")
        #expect(throws: MailConfigurationError.self) { try MailTransport(url: "http://mail.example.vn", password: nil) }
    }
}
