/// One PDF object (ISO 32000-1 §7.3), as much of the syntax as signing a PDF and
/// reading its signatures need: a document's catalog, pages, fields and signature
/// dictionaries. Streams are never parsed; the signer only adds and rewrites dictionaries.
indirect enum PDFObject: Equatable, Sendable {
    case null
    case bool(Bool)
    /// As written ("595.303937", "-3"): copied back unchanged when a dictionary is rewritten.
    case number(String)
    /// Without its slash, escapes (#20) kept as written.
    case name(String)
    /// A literal or hex string's bytes.
    case string([UInt8])
    case array([PDFObject])
    case dictionary([String: PDFObject])
    case reference(PDFReference)

    var dictionary: [String: PDFObject]? { if case .dictionary(let d) = self { d } else { nil } }
    var array: [PDFObject]? { if case .array(let a) = self { a } else { nil } }
    var reference: PDFReference? { if case .reference(let r) = self { r } else { nil } }
    var name: String? { if case .name(let n) = self { n } else { nil } }
    var bytes: [UInt8]? { if case .string(let s) = self { s } else { nil } }
    var integer: Int? { if case .number(let n) = self { Int(n) } else { nil } }

    /// A text string as PDF readers show it: UTF-16BE with a byte-order mark, so
    /// Vietnamese keeps its diacritics in a signature panel.
    static func text(_ s: String) -> PDFObject {
        .string([0xFE, 0xFF] + s.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }

    /// The object written back in PDF syntax (strings as hex, which needs no escaping).
    var pdf: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .name(let n): "/" + n
        case .string(let s): "<" + s.map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 0xF)] }.joined() + ">"
        case .array(let a): "[" + a.map(\.pdf).joined(separator: " ") + "]"
        // Sorted keys: the same dictionary is written the same way every time.
        case .dictionary(let d): "<<" + d.keys.sorted().map { "/\($0) \(d[$0]!.pdf)" }.joined(separator: " ") + ">>"
        case .reference(let r): "\(r.number) \(r.generation) R"
        }
    }
}

private let hexDigits = (0..<16).map { String($0, radix: 16, uppercase: true) }

/// An indirect object's number and generation ("12 0 R").
struct PDFReference: Hashable, Sendable {
    var number: Int
    var generation: Int
}

/// Why a PDF could not be read or signed: the byte offset where it went wrong, when known.
public struct PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public var offset: Int?
    public var description: String { offset.map { "\(reason) (byte \($0))" } ?? reason }

    init(_ reason: String, at offset: Int? = nil) {
        self.reason = reason
        self.offset = offset
    }
}
