import Crypto
import DXDomain
import Foundation
import SwiftASN1
import X509

/// A report exported with everything needed to check it offline: the values and
/// evidence files as they stand, each signature with the exact bytes it covers and
/// the signer's certificate, and the certificates of the authorities that issued them.
public struct SignedReport: Codable, Sendable {
    public struct Signature: Codable, Sendable {
        public var action: String
        public var signer: String
        public var signedAt: String
        /// The signed bytes (``SignedContent``), as UTF-8 text.
        public var payload: String
        /// Base64 of a detached CMS SignedData over the payload (``CAdESSignature``) when
        /// `format` is "cms"; of a bare ECDSA P-256 signature (DER) in signatures made
        /// before dxtrack wrote CMS.
        public var signature: String
        public var certificate: String
        public var format: String?

        public static let cms = "cms"

        public init(action: String, signer: String, signedAt: String, payload: String, signature: String, certificate: String,
                    format: String? = nil) {
            self.action = action
            self.signer = signer
            self.signedAt = signedAt
            self.payload = payload
            self.signature = signature
            self.certificate = certificate
            self.format = format
        }
    }

    public struct EvidenceFile: Codable, Sendable {
        public var sha256: String
        public var filename: String
        public var contentType: String
        public var content: String  // base64

        public init(sha256: String, filename: String, contentType: String, content: String) {
            self.sha256 = sha256
            self.filename = filename
            self.contentType = contentType
            self.content = content
        }
    }

    public static let formatName = "dxtrack-signed-report/1"

    public var format = SignedReport.formatName
    public var form: String
    public var unit: String
    public var period: String
    public var status: String
    public var version: Int
    public var values: [SignedContent.Value]
    public var evidence: [SignedContent.File]
    public var signatures: [Signature]
    public var authorities: [String]
    public var files: [EvidenceFile]

    public init(form: String, unit: String, period: String, status: String, version: Int, values: [SignedContent.Value],
                evidence: [SignedContent.File], signatures: [Signature], authorities: [String], files: [EvidenceFile]) {
        self.form = form
        self.unit = unit
        self.period = period
        self.status = status
        self.version = version
        self.values = values.sorted { $0.indicator < $1.indicator }
        self.evidence = evidence.sorted { ($0.indicator, $0.sha256) < ($1.indicator, $1.sha256) }
        self.signatures = signatures
        self.authorities = authorities
        self.files = files
    }
}

extension Certificate {
    /// Every certificate in a PEM text (a bundle of several is fine).
    public static func all(pem: String) throws -> [Certificate] {
        try PEMDocument.parseMultiple(pemString: pem).map { try Certificate(pemDocument: $0) }
    }
}

/// Signs and checks. Problems are said in both languages, naming what failed.
public enum ReportSigner {
    /// The step's signature: a detached CAdES-BES SignedData over the canonical content.
    public static func sign(_ content: SignedContent, key: any SigningKey, certificate: Certificate, chain: [Certificate] = []) throws -> SignedReport.Signature {
        let bytes = content.canonical()
        let signingTime = ISO8601DateFormatter().date(from: content.signedAt) ?? Date()
        let cms = try CAdESSignature.sign(bytes, certificate: certificate, chain: chain, key: key, signingTime: signingTime)
        return .init(action: content.action, signer: content.signer, signedAt: content.signedAt, payload: String(decoding: bytes, as: UTF8.self),
                     signature: Data(cms.der).base64EncodedString(), certificate: certificate.pem, format: SignedReport.Signature.cms)
    }

    /// The certificate that made `s`, and the others it carries, when the signature covers its payload.
    static func signer(of s: SignedReport.Signature) -> (Certificate, [Certificate])? {
        guard let der = Data(base64Encoded: s.signature) else { return nil }
        if s.format == SignedReport.Signature.cms {
            guard let cms = try? CAdESSignature(der: Array(der)), cms.covers(Array(s.payload.utf8)) else { return nil }
            return (cms.signer, Array(cms.certificates.dropFirst()))
        }
        guard let certificate = try? Certificate(pemEncoded: s.certificate), let key = P256.Signing.PublicKey(certificate.publicKey),
              let signature = try? P256.Signing.ECDSASignature(derRepresentation: der),
              key.isValidSignature(signature, for: Array(s.payload.utf8)) else { return nil }
        return (certificate, [])
    }

    public struct Verified: Sendable {
        /// One line per valid signature: who signed what, when, under which certificate.
        public var lines: [String] = []
        public var problems: [DomainError] = []
        public var isValid: Bool { problems.isEmpty && !lines.isEmpty }
    }

    /// Checks every signature (the signature over the payload, the certificate passing
    /// `trust` as of when it signed, the payload naming the signer), that
    /// every signed step of the current round (the latest submission and the approvals
    /// after it, or the last step when no submission is signed) covers exactly the
    /// report's values and files, that a report standing as submitted or approved has
    /// every signature its form required (as the signed steps themselves say), and that
    /// every file's content has the hash signed for it.
    ///
    /// `trust`: the authorities and revocation lists the verifier configured. The
    /// authorities a file carries are never trusted: anyone can make a CA of the same
    /// name and certificates for the same people.
    public static func verify(_ report: SignedReport, trust: TrustPolicy) async -> Verified {
        var result = Verified()
        func problem(_ code: String, _ vi: String, _ en: String) { result.problems.append(DomainError(code: code, vi: vi, en: en)) }
        if trust.anchors.isEmpty {
            problem("no_trust_anchor", "Chưa cấu hình tổ chức chứng thực tin cậy để kiểm tra.", "No trusted authority is configured to verify against.")
        }
        if report.signatures.isEmpty { problem("unsigned", "Báo cáo chưa có chữ ký số nào.", "The report carries no signature.") }
        var contents: [(Int, SignedContent)] = []
        for (i, s) in report.signatures.enumerated() {
            let which = "chữ ký \(i + 1) (\(s.action), \(s.signer))", whichEn = "signature \(i + 1) (\(s.action), \(s.signer))"
            guard let content = try? SignedContent.decode(Array(s.payload.utf8)) else {
                problem("bad_payload", "\(which): nội dung ký không đọc được.", "\(whichEn): unreadable signed content."); continue
            }
            guard let (certificate, carried) = signer(of: s) else {
                problem("bad_signature", "\(which): chữ ký không khớp nội dung (nội dung đã bị sửa sau khi ký).",
                        "\(whichEn): the signature does not match the content (changed after signing)."); continue
            }
            if trust.anchors.isEmpty { continue }
            let when = ISO8601DateFormatter().date(from: content.signedAt) ?? .distantPast
            do { try await trust.check(certificate, intermediates: carried, at: when) } catch {
                problem(error.code, "\(which): \(error.error.vi)", "\(whichEn): \(error.error.en)"); continue
            }
            if certificate.username != content.signer || content.signer != s.signer {
                problem("wrong_signer", "\(which): người ký trong nội dung không phải chủ chứng thư số.",
                        "\(whichEn): the signer named in the content does not own the certificate.")
            }
            if content.form != report.form || content.unit != report.unit || content.period != report.period {
                problem("other_report", "\(which): chữ ký của báo cáo khác.", "\(whichEn): the signature belongs to another report.")
            }
            contents.append((i, content))
            result.lines.append("✓ \(content.action) · \(content.signer) · \(content.signedAt) · chứng thư/certificate \(certificate.serialHex.prefix(16)) · CA \(certificate.issuer)")
        }
        // What stands now must be what every step of the current round signed: from the last
        // submission on, or the last step alone when no submission is signed.
        let lastSubmit = contents.lastIndex(where: { $0.1.action == "submit" })
        let round = lastSubmit.map { Array(contents[$0...]) } ?? contents.suffix(1)
        for (i, c) in round where c.values != report.values || c.evidence != report.evidence {
            let what = differences(signed: c, now: report).joined(separator: "; ")
            problem("changed_after_signing", "Chữ ký \(i + 1) (\(c.action), \(c.signer)): báo cáo khác với nội dung đã ký: \(what).",
                    "Signature \(i + 1) (\(c.action), \(c.signer)): the report differs from what was signed: \(what).")
        }
        // A form that requires signatures: a report standing as submitted needs its submission
        // signed, one standing as approved each approval as well.
        if let required = contents.compactMap(\.1.required).max(by: { $0.approvals < $1.approvals }) {
            // Each level's approval is a step of its own, with a version of its own: a copy counts once.
            let approvals = lastSubmit == nil ? 0 : Set(round.filter { $0.1.action == "approve" }.map(\.1.version)).count
            if ["submitted", "approved"].contains(report.status) && lastSubmit == nil {
                problem("missing_signature", "Biểu mẫu yêu cầu ký số khi gửi, nhưng lần gửi không có chữ ký hợp lệ.",
                        "The form requires the submission to be signed, and it carries no valid signature.")
            }
            if report.status == "approved" && approvals < required.approvals {
                problem("missing_signature", "Báo cáo được ghi là đã duyệt nhưng chỉ có \(approvals)/\(required.approvals) chữ ký phê duyệt hợp lệ.",
                        "The report is shown as approved but carries \(approvals) of \(required.approvals) valid approval signatures.")
            }
        }
        for e in report.evidence {
            guard let file = report.files.first(where: { $0.sha256 == e.sha256 }), let bytes = Data(base64Encoded: file.content) else {
                problem("missing_file", "Thiếu tệp minh chứng \(e.filename).", "The evidence file \(e.filename) is missing."); continue
            }
            let actual = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            if actual != e.sha256 {
                problem("changed_file", "Tệp minh chứng \(e.filename) đã bị thay đổi (SHA-256 \(actual.prefix(12))…, đã ký \(e.sha256.prefix(12))…).",
                        "The evidence file \(e.filename) was changed (SHA-256 \(actual.prefix(12))…, signed \(e.sha256.prefix(12))…).")
            }
        }
        return result
    }

    /// "cks_phuong_tien.value 7776 → 8000", per value or file that differs.
    static func differences(signed: SignedContent, now report: SignedReport) -> [String] {
        let before = Dictionary(signed.values.map { ($0.indicator, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(report.values.map { ($0.indicator, $0) }, uniquingKeysWith: { a, _ in a })
        func show(_ x: Double?) -> String { x.map { "\($0)" } ?? "–" }
        var out: [String] = []
        for code in Set(before.keys).union(after.keys).sorted() {
            let a = before[code], b = after[code]
            for (field, x, y) in [("value", a?.value, b?.value), ("numerator", a?.numerator, b?.numerator), ("denominator", a?.denominator, b?.denominator)]
            where x != y { out.append("\(code).\(field) \(show(x)) → \(show(y))") }
            if a?.comment != b?.comment { out.append("\(code).comment") }
        }
        if Set(signed.evidence) != Set(report.evidence) { out.append("evidence") }
        return out
    }
}
