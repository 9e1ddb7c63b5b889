import Foundation

/// A file that backs a reported value (minh chứng): a scanned decision, a
/// screenshot of a system's statistics page. Only PDF, PNG and JPEG, recognised by
/// their first bytes rather than by what the uploader's browser claims, so that a
/// renamed executable or an HTML page is never stored and served back as evidence.
public struct EvidenceFile: Hashable, Sendable {
    public static let maxBytes = 10 * 1024 * 1024

    public let filename: String
    public let contentType: String
    public let size: Int

    /// Checks an upload and names what it is; throws with the reason in both languages.
    public init(filename raw: String, bytes: some Collection<UInt8>) throws(DomainError) {
        let name = Self.clean(raw)
        guard !name.isEmpty else {
            throw .evidenceNeedsName
        }
        guard bytes.count <= Self.maxBytes else {
            throw .evidenceTooLarge(name)
        }
        guard let type = Self.sniff(bytes) else {
            throw .unsupportedEvidence(name)
        }
        filename = name
        contentType = type
        size = bytes.count
    }

    /// The file's type from its signature bytes.
    public static func sniff(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    /// The last path component, without control characters or quotes, at most 200
    /// characters: safe to show and to put in a Content-Disposition header.
    public static func clean(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }
        return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces).prefix(200).description
    }
}

/// The problems of an evidence file, said once each.
extension DomainError {
    static let evidenceNeedsName = DomainError(code: "required", field: "filename", vi: "Thiếu tên tệp minh chứng.", en: "The evidence file needs a name.")

    static func evidenceTooLarge(_ name: String) -> DomainError {
        DomainError(code: "too_large", field: "file",
            vi: "Tệp \(name) lớn hơn 10 MB.", en: "\(name) is larger than 10 MB.")
    }

    static func unsupportedEvidence(_ name: String) -> DomainError {
        DomainError(code: "unsupported_file", field: "file",
            vi: "Tệp \(name) không phải PDF, PNG hay JPEG.", en: "\(name) is not a PDF, PNG or JPEG file.")
    }
}
