/// Reads PDF objects from bytes, from a given offset. A PDF to verify comes from
/// anyone, so nesting is bounded and every read is checked against the end.
struct PDFParser {
    let bytes: [UInt8]
    var at: Int
    /// Deeper nesting than any real document's is a crafted one: refused, not recursed into.
    static let maxDepth = 64

    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.at = offset
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32 }
    static func isDelimiter(_ b: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(b) }
    static func isRegular(_ b: UInt8) -> Bool { !isSpace(b) && !isDelimiter(b) }

    /// Skips white space and comments.
    mutating func skipSpace() {
        while at < bytes.count {
            if Self.isSpace(bytes[at]) { at += 1 } else if bytes[at] == UInt8(ascii: "%") {
                while at < bytes.count, bytes[at] != 10, bytes[at] != 13 { at += 1 }
            } else { return }
        }
    }

    /// The next run of regular characters (a number, a keyword), without consuming delimiters.
    mutating func token() -> String {
        skipSpace()
        let start = at
        while at < bytes.count, Self.isRegular(bytes[at]) { at += 1 }
        return String(decoding: bytes[start..<at], as: UTF8.self)
    }

    mutating func expect(_ keyword: String) throws(PDFError) {
        let start = at
        guard token() == keyword else { throw PDFError("expected \"\(keyword)\"", at: start) }
    }

    /// `N G obj`: the header of an indirect object, whose body follows.
    mutating func objectHeader() throws(PDFError) -> PDFReference {
        let start = at
        guard let n = Int(token()), let g = Int(token()), token() == "obj" else { throw PDFError("expected \"N G obj\"", at: start) }
        return PDFReference(number: n, generation: g)
    }

    mutating func object(depth: Int = 0) throws(PDFError) -> PDFObject {
        guard depth < Self.maxDepth else { throw PDFError("objects nested too deep", at: at) }
        skipSpace()
        guard at < bytes.count else { throw PDFError("unexpected end of file", at: at) }
        let start = at
        switch bytes[at] {
        case UInt8(ascii: "/"):
            at += 1
            let nameStart = at
            while at < bytes.count, Self.isRegular(bytes[at]) { at += 1 }
            return .name(String(decoding: bytes[nameStart..<at], as: UTF8.self))
        case UInt8(ascii: "<") where at + 1 < bytes.count && bytes[at + 1] == UInt8(ascii: "<"):
            at += 2
            var entries: [String: PDFObject] = [:]
            while true {
                skipSpace()
                guard at + 1 < bytes.count else { throw PDFError("unterminated dictionary", at: start) }
                if bytes[at] == UInt8(ascii: ">") && bytes[at + 1] == UInt8(ascii: ">") { at += 2; return .dictionary(entries) }
                guard case .name(let key) = try object(depth: depth + 1) else { throw PDFError("a dictionary key is not a name", at: at) }
                entries[key] = try object(depth: depth + 1)
            }
        case UInt8(ascii: "<"):
            at += 1
            var digits: [UInt8] = []
            while at < bytes.count, bytes[at] != UInt8(ascii: ">") {
                let b = bytes[at]
                at += 1
                if Self.isSpace(b) { continue }
                guard let v = Self.hexValue(b) else { throw PDFError("not a hex digit in a string", at: at - 1) }
                digits.append(v)
            }
            guard at < bytes.count else { throw PDFError("unterminated hex string", at: start) }
            at += 1
            if digits.count % 2 == 1 { digits.append(0) }
            return .string(stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
        case UInt8(ascii: "("):
            return .string(try literalString())
        case UInt8(ascii: "["):
            at += 1
            var items: [PDFObject] = []
            while true {
                skipSpace()
                guard at < bytes.count else { throw PDFError("unterminated array", at: start) }
                if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                items.append(try object(depth: depth + 1))
            }
        default:
            let word = token()
            switch word {
            case "": throw PDFError("unexpected character", at: start)
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
            guard word.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) else { throw PDFError("unknown keyword \"\(word.prefix(20))\"", at: start) }
            // "12 0 R" is a reference: look ahead, and step back when it is two numbers.
            if let number = Int(word), number >= 0 {
                let after = at
                if let generation = Int(token()), generation >= 0, token() == "R" { return .reference(PDFReference(number: number, generation: generation)) }
                at = after
            }
            return .number(word)
        }
    }

    /// `(…)` with its escapes and balanced parentheses (§7.3.4.2).
    mutating func literalString() throws(PDFError) -> [UInt8] {
        let start = at
        at += 1
        var out: [UInt8] = [], open = 1
        while at < bytes.count {
            let b = bytes[at]
            at += 1
            switch b {
            case UInt8(ascii: "("): open += 1; out.append(b)
            case UInt8(ascii: ")"):
                open -= 1
                if open == 0 { return out }
                out.append(b)
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { break }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case 13: if at < bytes.count, bytes[at] == 10 { at += 1 }  // a line continuation
                case 10: break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(e - 48), count = 1
                    while count < 3, at < bytes.count, (48...55).contains(bytes[at]) { value = value * 8 + Int(bytes[at] - 48); at += 1; count += 1 }
                    out.append(UInt8(value & 0xFF))
                default: out.append(e)
                }
            default: out.append(b)
            }
        }
        throw PDFError("unterminated string", at: start)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: b - 48
        case 65...70: b - 55
        case 97...102: b - 87
        default: nil
        }
    }
}
