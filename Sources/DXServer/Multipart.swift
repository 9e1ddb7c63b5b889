import DXDomain
import Foundation
import Hummingbird

/// The fields and files of a `multipart/form-data` body, as an HTML form with a file
/// input sends them (RFC 7578): how the upload and evidence pages receive files
/// without any script in the browser.
struct MultipartForm {
    struct File {
        var filename: String
        var bytes: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    init(body: [UInt8], contentType: String) throws(DomainError) {
        let malformed = DomainError(code: "malformed_multipart", field: "file", vi: "Nội dung biểu mẫu tải lên không hợp lệ.",
                                    en: "Malformed multipart form body.")
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty else { throw malformed }
        let delimiter = Array("--\(boundary)".utf8), separator = Array("\r\n\r\n".utf8)
        guard var at = Self.find(delimiter, in: body, from: 0) else { throw malformed }
        while true {
            at += delimiter.count
            if body[at...].starts(with: Array("--".utf8)) { break }  // the closing delimiter
            guard body[at...].starts(with: Array("\r\n".utf8)), let headersEnd = Self.find(separator, in: body, from: at) else { throw malformed }
            let headers = String(decoding: body[(at + 2)..<headersEnd], as: UTF8.self)
            let start = headersEnd + separator.count
            guard let next = Self.find(Array("\r\n".utf8) + delimiter, in: body, from: start) else { throw malformed }
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            guard let name = Self.parameter("name", in: disposition) else { throw malformed }
            let content = Array(body[start..<next])
            if let filename = Self.parameter("filename", in: disposition) {
                files[name] = File(filename: filename, bytes: content)
            } else {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
            at = next + 2
        }
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

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension Request {
    /// The body as a multipart form, at most `limit` bytes (413 beyond).
    func multipartForm(upTo limit: Int) async throws -> MultipartForm {
        let bytes = try await collectBody(upTo: limit, field: "file")
        do { return try MultipartForm(body: bytes, contentType: headers[.contentType] ?? "") } catch { throw Problem.badRequest(error) }
    }
}
