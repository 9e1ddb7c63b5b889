import DXDomain
import MultipartKit

/// The fields and files of a `multipart/form-data` body, as an HTML form with a file
/// input sends them (RFC 7578): how the upload and evidence pages receive files
/// without any script in the browser.
///
/// The body is split by MultipartKit's parser, a maintained one, rather than by
/// hand: whatever the bytes, this either reads the parts or throws
/// `malformed_multipart`, and the fuzz target `multipart` holds it to that.
public struct MultipartForm: Sendable {
    public struct File: Sendable {
        public var filename: String
        public var bytes: [UInt8]
    }

    public var fields: [String: String] = [:]
    public var files: [String: File] = [:]

    public init(body: [UInt8], contentType: String) throws(DomainError) {
        let malformed = DomainError(code: "malformed_multipart", field: "file", vi: "Nội dung biểu mẫu tải lên không hợp lệ.",
                                    en: "Malformed multipart form body.")
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else { throw malformed }
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: [UInt8])] = []
        var headers: [(String, String)] = [], content: [UInt8] = [], ended = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { buffer in content += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            parts.append((headers, content))
            (headers, content) = ([], [])
            ended = true
        }
        do { try parser.execute(body) } catch { throw malformed }
        guard ended else { throw malformed }
        for part in parts {
            let disposition = part.headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            guard let name = Self.parameter("name", in: disposition) else { throw malformed }
            if let filename = Self.parameter("filename", in: disposition) {
                files[name] = File(filename: filename, bytes: part.body)
            } else {
                fields[name] = String(decoding: part.body, as: UTF8.self)
            }
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
}
