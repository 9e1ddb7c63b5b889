import DXDomain
import Foundation

/// The fields and files of a `multipart/form-data` body, as an HTML form with a file
/// input sends them (RFC 7578 over RFC 2046): how the upload and evidence pages
/// receive files without any script in the browser.
///
/// Total: whatever the bytes, this reads the parts or throws `malformed_multipart`.
/// Every position it slices at was found searching forward from the one before, so
/// no range can run backwards or past the end. (The hand-written parser before it
/// sliced a part's headers from two positions found separately, and sixteen bytes
/// stopped the server; MultipartKit 4.7, tried next, traps on a byte above 127 in a
/// header name: `fuzz/run.sh multipart` found both, and `MultipartFormTests` keeps them.)
public struct MultipartForm: Sendable {
    public struct File: Sendable {
        public var filename: String
        public var bytes: [UInt8]
    }

    public var fields: [String: String] = [:]
    public var files: [String: File] = [:]

    /// RFC 2046 allows boundaries of 1 to 70 characters.
    static let maxBoundary = 70

    public init(body: [UInt8], contentType: String) throws(DomainError) {
        let malformed = DomainError(code: "malformed_multipart", field: "file", vi: "Nội dung biểu mẫu tải lên không hợp lệ.",
                                    en: "Malformed multipart form body.")
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= Self.maxBoundary
        else { throw malformed }
        let delimiter = Array("--\(boundary)".utf8), crlf: [UInt8] = [13, 10]
        let next = crlf + delimiter, blankLine = crlf + crlf
        guard var at = Self.find(delimiter, in: body, from: 0) else { throw malformed }
        while true {
            // After a delimiter: "--" ends the body; otherwise optional spaces, then a line break.
            var i = at + delimiter.count
            if Self.matches([45, 45], in: body, at: i) { break }
            while i < body.count, body[i] == 32 || body[i] == 9 { i += 1 }
            guard Self.matches(crlf, in: body, at: i) else { throw malformed }
            i += 2
            // The part's headers, up to a blank line (none at all: the blank line comes at once).
            let headerEnd: Int, contentStart: Int
            if Self.matches(crlf, in: body, at: i) {
                (headerEnd, contentStart) = (i, i + 2)
            } else {
                guard let blank = Self.find(blankLine, in: body, from: i) else { throw malformed }
                (headerEnd, contentStart) = (blank, blank + 4)
            }
            guard let end = Self.find(next, in: body, from: contentStart) else { throw malformed }
            let headers = Self.headers(body[i..<headerEnd])
            guard let disposition = headers["content-disposition"], let name = Self.parameter("name", in: disposition) else { throw malformed }
            let content = Array(body[contentStart..<end])
            if let filename = Self.parameter("filename", in: disposition) {
                files[name] = File(filename: filename, bytes: content)
            } else {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
            at = end + 2
        }
    }

    /// `name: value` lines, names lower-cased; lines without a colon are passed over.
    static func headers(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    /// `boundary=abc` or `name="x"` out of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// Whether `bytes` holds `pattern` at `index` (false past the end).
    static func matches(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        index >= 0 && index <= bytes.count - pattern.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    /// The first position at or after `start` where `pattern` begins.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, start >= 0 else { return nil }
        var i = start
        while i <= bytes.count - pattern.count {
            if bytes[i] == first && matches(pattern, in: bytes, at: i) { return i }
            i += 1
        }
        return nil
    }
}
