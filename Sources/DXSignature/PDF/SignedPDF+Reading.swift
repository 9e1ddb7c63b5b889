import DXDomain
import Foundation
import X509

/// One signature found in a PDF's form fields, read and checked against the bytes it names.
public struct PDFSignature: Sendable {
    /// The field's name (/T), as the reader's signature panel lists it.
    public var field: String
    /// /Name, /Reason: the signer's words, not the certificate's.
    public var name: String?
    public var reason: String?
    /// /M: when the signer says they signed (PAdES-B has no timestamp authority).
    public var signingTime: Date?
    public var subFilter: String?
    public var cms: CAdESSignature
    /// [start, length, start, length]: what the signature covers.
    public var byteRange: [Int]
    /// Whether the CMS's digest and signature match those bytes.
    public var intact: Bool
    /// The signed revision's length: bytes after it were added once it was signed.
    public var signedLength: Int { byteRange[2] + byteRange[3] }
}

extension SignedPDF {
    /// Every signature field with a value, in the order of the form's fields.
    public static func signatures(in pdf: [UInt8]) throws(PDFError) -> [PDFSignature] {
        try signatures(in: try PDFFile(pdf))
    }

    static func signatures(in file: PDFFile) throws(PDFError) -> [PDFSignature] {
        let pdf = file.bytes
        let form = try file.resolve(try file.catalog["AcroForm"]).dictionary ?? [:]
        var out: [PDFSignature] = [], seen: Set<PDFReference> = []
        func visit(_ object: PDFObject, depth: Int) throws(PDFError) {
            if let r = object.reference, !seen.insert(r).inserted { return }
            guard depth < PDFParser.maxDepth, let field = try file.resolve(object).dictionary else { return }
            for kid in try file.resolve(field["Kids"]).array ?? [] { try visit(kid, depth: depth + 1) }
            guard field["FT"]?.name == "Sig", let value = try file.resolve(field["V"]).dictionary else { return }
            out.append(try read(value, field: field["T"]?.bytes.map(text) ?? "", pdf: pdf))
        }
        for field in try file.resolve(form["Fields"]).array ?? [] { try visit(field, depth: 0) }
        return out
    }

    static func read(_ d: [String: PDFObject], field: String, pdf: [UInt8]) throws(PDFError) -> PDFSignature {
        let range = d["ByteRange"]?.array?.compactMap(\.integer) ?? []
        // The hole must be exactly the /Contents string: anything else could hide unsigned bytes.
        guard range.count == 4, range[0] == 0, range[1] > 0, range[2] > range[1], range[3] >= 0, range[2] + range[3] <= pdf.count,
              pdf[range[1]] == UInt8(ascii: "<"), pdf[range[2] - 1] == UInt8(ascii: ">") else {
            throw PDFError("signature \"\(field)\": its /ByteRange does not leave out exactly its /Contents")
        }
        guard let contents = d["Contents"]?.bytes, let length = derLength(contents) else {
            throw PDFError("signature \"\(field)\": /Contents holds no DER signature")
        }
        let cms: CAdESSignature
        do { cms = try CAdESSignature(der: Array(contents.prefix(length))) } catch {
            throw PDFError("signature \"\(field)\": \(error)")
        }
        let signed = pdf[0..<range[1]] + pdf[range[2]..<range[2] + range[3]]
        return PDFSignature(field: field, name: d["Name"]?.bytes.map(text), reason: d["Reason"]?.bytes.map(text),
                            signingTime: d["M"]?.bytes.flatMap { PDFDate.date(String(decoding: $0, as: UTF8.self)) },
                            subFilter: d["SubFilter"]?.name, cms: cms, byteRange: range, intact: cms.covers(signed))
    }

    /// What an unsigned update after `offset` rewrote: its pages by number, other objects by theirs.
    static func changed(after offset: Int, in file: PDFFile) -> (vi: String, en: String) {
        let rewritten = file.offsets.filter { $0.value >= offset }.keys.sorted()
        guard !rewritten.isEmpty else { return ("", "") }
        let pages = (try? file.pages()) ?? []
        let onPages = rewritten.compactMap { n in pages.firstIndex { $0.number == n }.map { $0 + 1 } }
        let others = rewritten.filter { n in !pages.contains { $0.number == n } }
        var vi: [String] = [], en: [String] = []
        if !onPages.isEmpty {
            vi.append("trang " + onPages.map(String.init).joined(separator: ", "))
            en.append((onPages.count == 1 ? "page " : "pages ") + onPages.map(String.init).joined(separator: ", "))
        }
        if !others.isEmpty {
            vi.append("đối tượng " + others.map(String.init).joined(separator: ", "))
            en.append((others.count == 1 ? "object " : "objects ") + others.map(String.init).joined(separator: ", "))
        }
        return (", sửa " + vi.joined(separator: " và "), ", rewriting " + en.joined(separator: " and "))
    }

    /// The length of the DER element `bytes` starts with: /Contents is padded with zeros after it.
    static func derLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2, bytes[0] == 0x30 else { return nil }
        if bytes[1] < 0x80 { return 2 + Int(bytes[1]) <= bytes.count ? 2 + Int(bytes[1]) : nil }
        let n = Int(bytes[1] & 0x7F)
        guard n >= 1, n <= 4, bytes.count >= 2 + n else { return nil }
        let length = bytes[2..<2 + n].reduce(0) { $0 << 8 | Int($1) } + 2 + n
        return length <= bytes.count ? length : nil
    }

    /// A PDF text string: UTF-16BE after a byte-order mark, else (near enough) Latin-1.
    static func text(_ bytes: [UInt8]) -> String {
        guard bytes.starts(with: [0xFE, 0xFF]) else { return String(bytes.map { Character(Unicode.Scalar($0)) }) }
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        return String(decoding: units, as: UTF16.self)
    }

    /// Checks every signature of `pdf`: each intact over its bytes, its certificate passing
    /// `trust` as of the time it claims, and the last one covering the whole file, so
    /// nothing was added after signing. Said line by line in Vietnamese and English.
    public static func verify(_ pdf: [UInt8], trust: TrustPolicy) async -> ReportSigner.Verified {
        var result = ReportSigner.Verified()
        func problem(_ code: String, _ vi: String, _ en: String) { result.problems.append(DomainError(code: code, vi: vi, en: en)) }
        if trust.anchors.isEmpty {
            problem("no_trust_anchor", "Chưa cấu hình tổ chức chứng thực tin cậy để kiểm tra.", "No trusted authority is configured to verify against.")
        }
        let found: [PDFSignature], file: PDFFile
        do { file = try PDFFile(pdf); found = try signatures(in: file) } catch {
            problem("unreadable", "Không đọc được tệp PDF: \(error).", "Cannot read the PDF: \(error)."); return result
        }
        if found.isEmpty { problem("unsigned", "Tệp PDF chưa có chữ ký số nào.", "The PDF carries no signature.") }
        for s in found {
            let signer = s.cms.signer.commonName ?? s.name ?? "?"
            let when = s.signingTime.map(PDFDate.shown) ?? "?"
            let which = "chữ ký \"\(s.field)\" (\(signer))", whichEn = "signature \"\(s.field)\" (\(signer))"
            guard s.intact else {
                problem("changed_after_signing", "\(which): phần tệp đã ký bị sửa sau khi ký (mã băm không khớp).",
                        "\(whichEn): the signed bytes were changed after signing (the digest does not match)."); continue
            }
            if !trust.anchors.isEmpty {
                do { try await trust.check(s.cms.signer, intermediates: Array(s.cms.certificates.dropFirst()), at: s.signingTime ?? Date()) } catch {
                    problem(error.code, "\(which): \(error.error.vi)", "\(whichEn): \(error.error.en)"); continue
                }
            }
            result.lines.append("✓ \(s.field) · \(signer) · \(when) · \(s.subFilter ?? "") · chứng thư/certificate \(s.cms.signer.serialHex.prefix(16)) · CA \(s.cms.signer.issuer)"
                                + (s.reason.map { " · \($0)" } ?? ""))
        }
        if let covered = found.map(\.signedLength).max(), covered < pdf.count {
            let (vi, en) = changed(after: covered, in: file)
            problem("changed_after_signing", "Tệp có thêm \(pdf.count - covered) byte sau chữ ký cuối cùng, không được ký\(vi): đã bị sửa sau khi ký.",
                    "\(pdf.count - covered) unsigned bytes were added after the last signature\(en): the file was changed after signing.")
        }
        return result
    }
}

extension PDFDate {
    /// "03/12/2026 19:45:00 (UTC+7)", as the verifier prints it.
    static func shown(_ date: Date) -> String {
        let c = fields(date)
        return String(format: "%02d/%02d/%04d %02d:%02d:%02d (UTC+7)", c.day!, c.month!, c.year!, c.hour!, c.minute!, c.second!)
    }
}

extension Certificate {
    /// The subject's first common name: the person, as a reader's signature panel names them.
    public var commonName: String? {
        subject.lazy.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.flatMap { String($0.value) }
    }
}
