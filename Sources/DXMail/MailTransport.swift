import Foundation

/// Where a deployment's mail goes: its own mail server over SMTP, or the machine's
/// `sendmail` interface (Postfix, Exim, msmtp). Never a cloud service.
///
/// Given as a URL, as `--smtp` and `DXTRACK_SMTP_URL` take it:
/// - `smtp://USER@HOST:587`: SMTP, upgraded with STARTTLS (required before a password is sent);
/// - `smtps://USER@HOST:465`: SMTP inside TLS from the first byte;
/// - `sendmail:` or `sendmail:/usr/sbin/sendmail`: the local interface.
///
/// The password is never in the URL a command line shows: it comes from `DXTRACK_SMTP_PASSWORD`.
public enum MailTransport: Sendable {
    case smtp(SMTPServer)
    case sendmail(path: String)

    public init(url text: String, password: String?, trustRoots: String? = nil) throws(MailConfigurationError) {
        if text == "sendmail:" || text.hasPrefix("sendmail:") {
            let path = String(text.dropFirst("sendmail:".count))
            self = .sendmail(path: path.isEmpty ? "/usr/sbin/sendmail" : path)
            return
        }
        guard let u = URLComponents(string: text), let scheme = u.scheme, scheme == "smtp" || scheme == "smtps",
              let host = u.host, !host.isEmpty else {
            throw MailConfigurationError(text: text)
        }
        let tls = scheme == "smtps"
        self = .smtp(SMTPServer(host: host, port: u.port ?? (tls ? 465 : 587), implicitTLS: tls,
                                username: u.user, password: password ?? u.password, trustRoots: trustRoots))
    }

    public func send(_ message: MailMessage) async throws {
        switch self {
        case .smtp(let server): try await SMTPClient(server: server).send(message)
        case .sendmail(let path): try await Sendmail(path: path).send(message)
        }
    }
}

public struct MailConfigurationError: Error, CustomStringConvertible {
    public let text: String
    public var description: String {
        "Máy chủ thư không hợp lệ \"\(text)\": dùng smtp://USER@HOST:PORT, smtps://USER@HOST:PORT hoặc sendmail: / "
            + "Not a mail server \"\(text)\": use smtp://USER@HOST:PORT, smtps://USER@HOST:PORT or sendmail:"
    }
}

/// A mail server's answer that ended a message's sending.
public struct SMTPError: Error, CustomStringConvertible {
    /// The reply code, when the server gave one (nil: no connection, no answer in time).
    public let code: Int?
    public let message: String

    /// 5xx: the server refused for good (no such mailbox, not allowed); trying again cannot help.
    public var isPermanent: Bool { (code ?? 0) >= 500 }
    public var description: String { code.map { "\($0) \(message)" } ?? message }
}

/// The machine's `sendmail -t -i`: it reads the recipients from the message's headers.
struct Sendmail {
    let path: String

    func send(_ message: MailMessage) async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["-t", "-i"]
        let input = Pipe(), errors = Pipe()
        p.standardInput = input
        p.standardError = errors
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { throw SMTPError(code: nil, message: "\(path): \(error.localizedDescription)") }
        // sendmail takes the message with the machine's own line ends.
        input.fileHandleForWriting.write(Data(message.rfc5322.replacingOccurrences(of: "\r\n", with: "\n").utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            // sysexits: 67 no such user, 68 no such host are for good; 75 and the rest may pass later.
            let permanent = [67, 68].contains(p.terminationStatus)
            throw SMTPError(code: permanent ? 550 : nil, message: "\(path) exit \(p.terminationStatus): \(said)")
        }
    }
}
