import ArgumentParser
import DXDomain
import DXMail
import DXServer
import DXStorage
import Foundation

/// The mail server and what mail says of the deployment, shared by `serve` and `notify`.
/// Each option may come from the environment instead; the password only does.
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Máy chủ thư / Mail server: smtp://USER@HOST:PORT (STARTTLS), smtps://USER@HOST:PORT hoặc/or sendmail: (also DXTRACK_SMTP_URL; password in DXTRACK_SMTP_PASSWORD).",
                               valueName: "url"))
    var smtp: String?

    @Option(name: .customLong("smtp-ca"),
            help: ArgumentHelp("Tệp PEM các CA tin cậy của máy chủ thư / PEM file of the CAs the mail server's certificate chains to (also DXTRACK_SMTP_CA).", valueName: "file"))
    var smtpCA: String?

    @Option(name: .customLong("public-url"),
            help: ArgumentHelp("Địa chỉ người dùng mở dxtrack, cho liên kết trong thư / The address users open dxtrack at, for links in mail (also DXTRACK_PUBLIC_URL).", valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("digest-weekday"),
            help: "Ngày gửi tổng hợp tuần, 1 = thứ Hai … 7 = Chủ nhật / Weekday of the weekly digest, 1 = Monday … 7 = Sunday (also DXTRACK_DIGEST_WEEKDAY; default 1).")
    var digestWeekday: Int?

    func weekday(_ settings: Settings) throws -> Int { try Self.weekday(settings, flag: digestWeekday) }

    func base(_ settings: Settings, default fallback: String) -> String { settings.value(.publicURL, flag: publicURL) ?? fallback }

    /// The mailer, when a mail server is configured.
    func mailer(_ settings: Settings) throws -> NoticeMailer? { try Self.mailer(settings, smtp: smtp, ca: smtpCA) }

    static func weekday(_ settings: Settings, flag: Int? = nil) throws -> Int {
        let text = settings.value(.digestWeekday, flag: flag.map(String.init)) ?? "1"
        guard let day = Int(text), (1...7).contains(day) else { throw ValidationError("digest-weekday (--digest-weekday): 1…7, not \(text)") }
        return day
    }

    static func mailer(_ settings: Settings, smtp: String? = nil, ca: String? = nil) throws -> NoticeMailer? {
        guard let url = settings.value(.smtp, flag: smtp) else { return nil }
        let sender = settings.value(.mailFrom) ?? "dxtrack <dxtrack@\(ProcessInfo.processInfo.hostName)>"
        guard let from = Mailbox(parsing: sender) else {
            throw ValidationError("mail-from (DXTRACK_MAIL_FROM) \"\(sender)\" không phải địa chỉ thư / is not a mail address.")
        }
        do {
            return NoticeMailer(transport: try MailTransport(url: url, password: settings.value(.smtpPassword),
                                                             trustRoots: settings.value(.smtpCA, flag: ca)),
                                from: from)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// dxtrack's notices put into e-mail: the text as written, and the same as simple HTML.
struct NoticeMailer: MailSender {
    let transport: MailTransport
    let from: Mailbox

    func send(_ content: MailContent, to address: String) async throws {
        guard let to = Mailbox(parsing: address) else { throw MailFailure(permanent: true, message: "not an address: \(address)") }
        do {
            try await transport.send(Self.message(content, from: from, to: to))
        } catch let e as SMTPError {
            throw MailFailure(permanent: e.isPermanent, message: e.description)
        }
    }

    static func message(_ content: MailContent, from: Mailbox, to: Mailbox) -> MailMessage {
        let en = content.english
        let open = en ? "Open the page" : "Mở trang"
        let footer = en ? "Sent by dxtrack. Choose how you get notices on your settings page."
                        : "Thư do dxtrack gửi. Chọn cách nhận thông báo trong trang cài đặt của anh/chị."
        let text = content.items.map { item in
            ([item.title, "", item.text] + (item.url.map { ["", "\(open): \($0)"] } ?? [])).joined(separator: "\n")
        }.joined(separator: "\n\n----\n\n") + "\n\n-- \n" + footer + "\n"
        let items: [String] = content.items.map { item in
            let lines: [String] = item.text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }
            let link: String = item.url.map { "<p><a href=\"\(escaped($0))\">\(open)</a></p>" } ?? ""
            return "<h2 style=\"font-size:1.1em\">\(escaped(item.title))</h2><p>\(lines.joined(separator: "<br>"))</p>\(link)"
        }
        let head = "<!DOCTYPE html><html lang=\"\(en ? "en" : "vi")\"><head><meta charset=\"utf-8\"><title>\(escaped(content.subject))</title></head>"
        let html = head + "<body style=\"font-family:sans-serif;line-height:1.5\">" + items.joined(separator: "<hr>")
            + "<p style=\"color:#57606a;font-size:.9em\">\(escaped(footer))</p></body></html>"
        return MailMessage(from: from, to: to, subject: content.subject, text: text, html: html)
    }

    private static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
