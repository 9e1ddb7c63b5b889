import Foundation
import X509
import ZIPFoundation

/// The signed report as a ZIP that standard tools can check without dxtrack:
///
///     report.json              the report (values, evidence list, every signature), as `dxtrack verify` reads it
///     01-submit.json           a step's signed content, byte for byte
///     01-submit.p7s            its detached CMS SignedData (DER)
///     certificates/01-submit.pem, certificates/authorities.pem
///     evidence/<sha256>-<filename>
///     README.txt               the openssl command for each step, in both languages
///
/// Reading it back takes each step's content and signature, and each evidence file,
/// from their own files, so a change to any of them is seen, not only to report.json.
extension SignedReport {
    /// `01-submit`, `02-approve`: the step's number in the report's history and its action.
    public static func stepName(_ index: Int, _ action: String) -> String {
        String(format: "%02d-", index + 1) + action.filter { $0.isLetter || $0 == "_" }
    }

    static func evidencePath(_ file: EvidenceFile) -> String {
        let safe = file.filename.map { $0.isLetter || $0.isNumber || ".-_".contains($0) ? $0 : "_" }
        return "evidence/\(file.sha256.prefix(16))-\(String(safe))"
    }

    public func archive() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ bytes: Data) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                                 compressionMethod: .deflate) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try add("report.json", try encoder.encode(self))
        var readme = """
            Báo cáo \(form) · \(unit) · \(period), ký số CMS (CAdES-BES). Kiểm tra từng bước bằng OpenSSL, với CA mà bạn tin cậy:
            Report \(form) · \(unit) · \(period), signed as CMS (CAdES-BES). Check each step with OpenSSL, against a CA you trust:

            """
        for (i, s) in signatures.enumerated() {
            let name = Self.stepName(i, s.action)
            try add("\(name).json", Data(s.payload.utf8))
            try add("certificates/\(name).pem", Data(s.certificate.utf8))
            guard s.format == Signature.cms, let der = Data(base64Encoded: s.signature) else { continue }
            try add("\(name).p7s", der)
            readme += "openssl cms -verify -binary -inform DER -in \(name).p7s -content \(name).json -CAfile CA.pem -purpose any -out /dev/null\n"
        }
        readme += """

            dxtrack verify TỆP.zip --ca CA.pem kiểm tra thêm: mọi bước, mọi giá trị, mã băm của mọi tệp minh chứng.
            dxtrack verify FILE.zip --ca CA.pem also checks every step, every value and every evidence file's hash.
            certificates/authorities.pem: các CA mà hệ thống xuất báo cáo tin cậy, để tham khảo; đừng tin chúng chỉ vì chúng đi kèm.
            certificates/authorities.pem: the CAs the exporting system trusts, for reference; do not trust them because they came along.

            """
        try add("certificates/authorities.pem", Data(authorities.joined(separator: "\n").utf8))
        for file in files {
            guard let bytes = Data(base64Encoded: file.content) else { continue }
            try add(Self.evidencePath(file), bytes)
        }
        try add("README.txt", Data(readme.utf8))
        return Array(archive.data ?? Data())
    }

    /// A report read from its ZIP, with every step and file taken from its own entry.
    public static func read(archive url: URL) throws -> SignedReport {
        let archive = try Archive(url: url, accessMode: .read)
        func entry(_ path: String) throws -> Data? {
            guard let e = archive[path] else { return nil }
            var out = Data()
            _ = try archive.extract(e, skipCRC32: false) { out.append($0) }
            return out
        }
        guard let json = try entry("report.json") else { throw CocoaError(.fileReadCorruptFile) }
        var report = try JSONDecoder().decode(SignedReport.self, from: json)
        for (i, s) in report.signatures.enumerated() {
            let name = stepName(i, s.action)
            if let payload = try entry("\(name).json") { report.signatures[i].payload = String(decoding: payload, as: UTF8.self) }
            if s.format == Signature.cms, let der = try entry("\(name).p7s") { report.signatures[i].signature = der.base64EncodedString() }
        }
        for (i, f) in report.files.enumerated() {
            if let bytes = try entry(evidencePath(f)) { report.files[i].content = bytes.base64EncodedString() }
        }
        return report
    }
}
