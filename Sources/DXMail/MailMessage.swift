import Foundation

/// One e-mail as RFC 5322 and MIME (RFC 2045–2047) want it, so that every mail client
/// reads the Vietnamese as written: the subject and names as UTF-8 encoded-words, the
/// body as `multipart/alternative` (plain text, then simple HTML), each part in base64
/// so that no line is too long and no byte is changed on the way.
public struct MailMessage: Sendable, Hashable {
    public var from: Mailbox
    public var to: Mailbox
    public var subject: String
    public var text: String
    public var html: String
    public var date: Date
    public var messageID: String

    public init(from: Mailbox, to: Mailbox, subject: String, text: String, html: String, date: Date = Date(),
                messageID: String = "\(UUID().uuidString.lowercased())@dxtrack") {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }

    /// The message as it goes over SMTP's DATA: CRLF line ends, no line over 78 characters.
    public var rfc5322: String {
        let boundary = "dxtrack-" + messageID.prefix(while: { $0 != "@" }).replacingOccurrences(of: "-", with: "")
        let headers = [
            "From: \(from.header)",
            "To: \(to.header)",
            "Subject: \(Self.encodedWords(subject, prefixLength: "Subject: ".count))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
        ]
        let part = { (type: String, body: String) in
            ["--\(boundary)", "Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", "", Self.base64Lines(body)]
        }
        return (headers + [""] + part("text/plain", text) + part("text/html", html) + ["--\(boundary)--", ""])
            .joined(separator: "\r\n")
    }

    /// `text` as RFC 2047 encoded-words when it is not plain ASCII: each word at most 75
    /// characters, cut between characters (never inside one's UTF-8 bytes), folded onto
    /// continuation lines.
    static func encodedWords(_ text: String, prefixLength: Int = 0, bytesPerWord: Int = 39) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.allSatisfy({ $0.isASCII }) && clean.count + prefixLength <= 78 { return clean }
        // "=?UTF-8?B?" + "?=" is 12 characters and 39 bytes make 52 of base64: 73 with "Subject: ".
        // A word holds at most 75 characters: 45 bytes (72) at the most.
        var words: [String] = [], chunk: [UInt8] = []
        for c in clean {
            let bytes = Array(String(c).utf8)
            if chunk.count + bytes.count > bytesPerWord {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func base64Lines(_ body: String) -> String {
        let all = Data(body.utf8).base64EncodedString()
        var lines: [Substring] = [], rest = Substring(all)
        while !rest.isEmpty { lines.append(rest.prefix(76)); rest = rest.dropFirst(76) }
        return lines.joined(separator: "\r\n")
    }

    /// "Tue, 01 Dec 2026 09:00:00 +0700": Vietnam's time, as the reader's clock shows it.
    static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }
}

/// An address with its display name: `Sở KH&CN <so@example.vn>`.
public struct Mailbox: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Reads "Name <address>" or a bare address.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.contains(where: { $0 == "\r" || $0 == "\n" }) else { return nil }
        if let open = t.lastIndex(of: "<"), t.hasSuffix(">") {
            let name = t[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            self.init(name: name.isEmpty ? nil : name, address: String(t[t.index(after: open)..<t.index(before: t.endIndex)]))
        } else {
            self.init(address: t)
        }
        guard address.contains("@"), !address.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) else { return nil }
    }

    var header: String {
        guard let name else { return "<\(address)>" }
        // The address goes on a line of its own when the name leaves it no room.
        let phrase = Self.phrase(name)
        return phrase.count + address.count + 10 > 78 ? "\(phrase)\r\n <\(address)>" : "\(phrase) <\(address)>"
    }

    private static func phrase(_ name: String) -> String {
        let plain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
        // One word when it fits: between encoded words in a name, some readers (Python's email
        // among them) keep the folding space that RFC 2047 says to drop.
        return plain ? name : MailMessage.encodedWords(name, bytesPerWord: 45)
    }
}
