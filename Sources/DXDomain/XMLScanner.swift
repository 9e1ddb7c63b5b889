
import Foundation

/// Just enough XML for what dxtrack reads (the parts of an XLSX file, ADX): elements,
/// attributes, text and the five predefined entities plus numeric references.
///
/// Document type declarations are refused outright rather than ignored: they are
/// how "billion laughs" and external-entity attacks get in, and no spreadsheet
/// program writes one into a workbook.
public struct XMLScanner {
    public enum Event: Equatable, Sendable {
        case open(name: String, attributes: [String: String], selfClosing: Bool)
        case close(name: String)
        case text(String)
    }

    /// The events of `bytes`, with namespace prefixes dropped from names (`x:c` → `c`).
    public static func events(_ bytes: [UInt8], part: String) throws(DomainError) -> [Event] {
        var events: [Event] = []
        try scan(bytes, part: part) { events.append($0) }
        return events
    }

    /// Hands each event of `bytes` to `visit` as it is read, keeping none: a sheet of
    /// 200,000 rows is read in the memory of one row, not of all its events at once.
    public static func scan(_ bytes: [UInt8], part: String, _ visit: (Event) throws(DomainError) -> Void) throws(DomainError) {
        var i = 0
        let n = bytes.count
        func fail(_ why: String) -> DomainError {
            .brokenXML(part, why)
        }
        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard pattern.count <= n else { return nil }
            var j = start
            while j + pattern.count <= n {
                if bytes[j] == pattern[0] && Array(bytes[j..<j + pattern.count]) == pattern { return j }
                j += 1
            }
            return nil
        }
        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                let end = bytes[i...].firstIndex(of: UInt8(ascii: "<")) ?? n
                let text = try decodeEntities(bytes[i..<end], fail: fail)
                if !text.isEmpty { try visit(.text(text)) }
                i = end
                continue
            }
            if bytes[i...].starts(with: Array("<?".utf8)) {
                guard let end = find(Array("?>".utf8), from: i) else { throw fail("unterminated declaration") }
                i = end + 2
            } else if bytes[i...].starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), from: i) else { throw fail("unterminated comment") }
                i = end + 3
            } else if bytes[i...].starts(with: Array("<![CDATA[".utf8)) {
                guard let end = find(Array("]]>".utf8), from: i) else { throw fail("unterminated CDATA") }
                try visit(.text(String(decoding: bytes[(i + 9)..<end], as: UTF8.self)))
                i = end + 3
            } else if bytes[i...].starts(with: Array("<!".utf8)) {
                throw .xmlDoctype(part)
            } else {
                guard let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { throw fail("unterminated tag") }
                var tag = Array(bytes[(i + 1)..<end])
                i = end + 1
                if tag.first == UInt8(ascii: "/") {
                    try visit(.close(name: localName(String(decoding: tag.dropFirst(), as: UTF8.self).trimmingWhitespace())))
                    continue
                }
                let selfClosing = tag.last == UInt8(ascii: "/")
                if selfClosing { tag.removeLast() }
                let (name, attributes) = try parseTag(tag, fail: fail)
                try visit(.open(name: name, attributes: attributes, selfClosing: selfClosing))
                if selfClosing { try visit(.close(name: name)) }
            }
        }
    }

    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    static func parseTag(_ tag: [UInt8], fail: (String) -> DomainError) throws(DomainError) -> (String, [String: String]) {
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var j = tag.firstIndex(where: isSpace) ?? tag.count
        let name = localName(String(decoding: tag[0..<j], as: UTF8.self))
        var attributes: [String: String] = [:]
        while j < tag.count {
            while j < tag.count && isSpace(tag[j]) { j += 1 }
            guard j < tag.count else { break }
            guard let eq = tag[j...].firstIndex(of: UInt8(ascii: "=")), eq + 1 < tag.count else { throw fail("attribute without a value") }
            let key = localName(String(decoding: tag[j..<eq], as: UTF8.self).trimmingWhitespace())
            let quote = tag[eq + 1]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                  let close = tag[(eq + 2)...].firstIndex(of: quote) else { throw fail("unquoted attribute") }
            attributes[key] = try decodeEntities(tag[(eq + 2)..<close], fail: fail)
            j = close + 1
        }
        return (name, attributes)
    }

    static func decodeEntities(_ raw: ArraySlice<UInt8>, fail: (String) -> DomainError) throws(DomainError) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else { throw fail("bad entity") }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let code = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                guard let code, let scalar = Unicode.Scalar(code) else { throw fail("unknown entity &\(name);") }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

/// Text for an XML element or attribute value: the markup characters escaped, and the
/// control characters XML 1.0 forbids dropped (tab, line feed and carriage return stay).
public enum XMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default: if c.value >= 0x20 && c.value != 0xFFFE && c.value != 0xFFFF { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}

/// The problems of an XML part, said once each.
extension DomainError {
    static func brokenXML(_ part: String, _ why: String) -> DomainError {
        DomainError(code: "invalid_xml", field: "file", vi: "XML hỏng (\(part): \(why)).", en: "Broken XML (\(part): \(why)).")
    }

    static func xmlDoctype(_ part: String) -> DomainError {
        DomainError(code: "xml_doctype", field: "file", vi: "Tệp có khai báo DOCTYPE/ENTITY (\(part)), không được chấp nhận.",
            en: "The file declares a DOCTYPE/ENTITY (\(part)); refused.")
    }
}
