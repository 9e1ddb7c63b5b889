import Crypto
@testable import DXSignature
import DXTestSupport
import Foundation
import Testing
import X509

/// The quarterly report's PDF signed in the PAdES form: pyHanko, a PDF signature
/// validator, finds it intact and trusted and names the signer and the time; it and
/// `SignedPDF.verify` both catch a changed byte and an update added after signing.
@Suite struct SignedPDFTests {
    static let authority = SignatureTests.authority
    static let text = "BÁO CÁO\nKết quả thực hiện chuyển đổi số quý III năm 2026\n\nTỷ lệ hồ sơ trực tuyến: 37,8%\n" + String(repeating: "Nội dung.\n", count: 80)
    static let office = Office.available || Office.required
    static let lo = Result { try Office.pdf(text) }

    static func sign(_ pdf: [UInt8], key: any SigningKey = SignatureTests.key, certificate: Certificate = SignatureTests.certificate,
                     at time: Date = Date()) throws -> [UInt8] {
        try SignedPDF.sign(pdf, certificate: certificate, key: key, name: "Nguyễn Văn An", reason: "Ký báo cáo quý III/2026", location: "Lạng Sơn", at: time)
    }

    /// Writes the PDF and the CA for pyHanko, and asks it.
    static func pyHanko(_ pdf: [UInt8], ca: Certificate = authority.certificate) throws -> (status: Int32, output: String) {
        let dir = try Tool.directory("pades")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(pdf).write(to: URL(fileURLWithPath: dir + "/bao-cao.pdf"))
        try ca.pem.write(toFile: dir + "/ca.pem", atomically: true, encoding: .utf8)
        return try PyHanko.validate(dir + "/bao-cao.pdf", trust: dir + "/ca.pem")
    }

    static func verify(_ pdf: [UInt8]) async -> ReportSigner.Verified {
        await SignedPDF.verify(pdf, trust: TrustPolicy(anchors: [authority.certificate]))
    }

    @Test(.enabled(if: office && (PyHanko.available || PyHanko.required)))
    func pyHankoFindsTheSignatureIntactTrustedAndSaysWhoSignedAndWhen() async throws {
        try #require(PyHanko.available, "pyHanko is needed (scripts/test installs it)")
        let original = try Self.lo.get()
        // A whole second a minute from now: the certificate was issued as the tests began.
        let time = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 60).rounded(.down))
        let signed = try Self.sign(original, at: time)
        let vietnam = DateFormatter()
        (vietnam.locale, vietnam.timeZone) = (Locale(identifier: "en_US_POSIX"), TimeZone(secondsFromGMT: 7 * 3600))
        vietnam.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        let iso = vietnam.string(from: time)
        vietnam.dateFormat = "dd/MM/yyyy HH:mm:ss"
        let shown = vietnam.string(from: time)
        // An incremental update: the document's own bytes come first, unchanged.
        #expect(Array(signed.prefix(original.count)) == original)
        let checked = try Self.pyHanko(signed)
        #expect(checked.status == 0, "\(checked.output)")
        for said in ["The signer's certificate is trusted.", "The signature is cryptographically sound.", "Common Name: Nguyễn Văn An",
                     "Signing time as reported by signer: \(iso)", "The signature covers the entire file.", "The signature is judged VALID."] {
            #expect(checked.output.contains(said), "pyHanko did not say \"\(said)\":\n\(checked.output)")
        }
        let ours = await Self.verify(signed)
        #expect(ours.isValid && ours.lines.count == 1, "\(ours.problems)")
        #expect(ours.lines.first?.contains("Nguyễn Văn An · \(shown) (UTC+7) · ETSI.CAdES.detached") == true, "\(ours.lines)")
        let found = try SignedPDF.signatures(in: signed)
        #expect(found.count == 1 && found[0].reason == "Ký báo cáo quý III/2026" && found[0].signedLength == signed.count)
        // PAdES: the time is /M's, never a CMS signing-time attribute.
        #expect(found[0].cms.signingTime == nil)
        // Another CA trusted: pyHanko and dxtrack both refuse.
        let other = try SigningAuthority.create(name: "Khác").certificate
        #expect(try Self.pyHanko(signed, ca: other).output.contains("The signer's certificate is untrusted"))
        #expect(await SignedPDF.verify(signed, trust: TrustPolicy(anchors: [other])).problems.map(\.code) == ["untrusted_certificate"])
    }

    @Test(.enabled(if: office && (PyHanko.available || PyHanko.required)))
    func aByteChangedAfterSigningIsCaught() async throws {
        try #require(PyHanko.available, "pyHanko is needed (scripts/test installs it)")
        var signed = try Self.sign(try Self.lo.get())
        // A byte inside the first page's content stream: the file still reads, the digest no longer matches.
        let stream = try #require(SignedPDF.find(Array("stream".utf8), in: signed[...]))
        signed[stream + 40] ^= 0x01
        let checked = try Self.pyHanko(signed)
        #expect(checked.status != 0 && checked.output.contains("The signature is cryptographically unsound."), "\(checked.output)")
        #expect(checked.output.contains("The signature is judged INVALID."))
        let ours = await Self.verify(signed)
        #expect(!ours.isValid && ours.problems.map(\.code) == ["changed_after_signing"])
        #expect(ours.problems.first?.en.contains("the signed bytes were changed after signing") == true)
    }

    /// An update appended after signing, rewriting the first page, as an editor saving in place would.
    @Test(.enabled(if: office && (PyHanko.available || PyHanko.required)))
    func anUpdateAddedAfterSigningIsCaughtAndItsPageNamed() async throws {
        try #require(PyHanko.available, "pyHanko is needed (scripts/test installs it)")
        let signed = try Self.sign(try Self.lo.get())
        let file = try PDFFile(signed)
        let first = try #require(try file.pages().first)
        var page = try file.dictionary(.reference(first), "page 1")
        page["MediaBox"] = .array([.number("0"), .number("0"), .number("300"), .number("300")])
        var update = Update()
        update.rewrite(first, .dictionary(page))
        var changed = signed
        _ = update.write(to: &changed, trailer: ["Size": file.trailer["Size"]!, "Root": .reference(file.root), "Prev": .number(String(file.startxref))])
        let checked = try Self.pyHanko(changed)
        #expect(checked.status != 0 && checked.output.contains("The signature does not cover the entire file."), "\(checked.output)")
        let ours = await Self.verify(changed)
        #expect(ours.problems.map(\.code) == ["changed_after_signing"])
        #expect(ours.problems.first?.vi.contains("sửa trang 1") == true && ours.problems.first?.en.contains("rewriting page 1") == true, "\(ours.problems)")
    }

    /// A second signature (the report signed, then countersigned) is an update of its own:
    /// both stand, the second covering the whole file.
    @Test(.enabled(if: office && (PyHanko.available || PyHanko.required)))
    func aSecondSignatureKeepsTheFirstValid() async throws {
        try #require(PyHanko.available, "pyHanko is needed (scripts/test installs it)")
        let key = P256.Signing.PrivateKey()
        let second = try Self.authority.issue(username: "binh", displayName: "Trần Thị Bình", unit: "20", publicKey: key.publicKey)
        let twice = try SignedPDF.sign(try Self.sign(try Self.lo.get()), certificate: second, key: key, name: "Trần Thị Bình", reason: "Phê duyệt", at: Date())
        let found = try SignedPDF.signatures(in: twice)
        #expect(found.map(\.field) == ["Chữ ký số 1", "Chữ ký số 2"] && found.allSatisfy(\.intact))
        let checked = try Self.pyHanko(twice)
        #expect(checked.status == 0 && checked.output.components(separatedBy: "The signature is judged VALID.").count == 3, "\(checked.output)")
        #expect(await Self.verify(twice).isValid)
    }

    /// The head's key in a token, EC or RSA (most officials' USB tokens): the deployment's
    /// CA certifies the key where it is, the PDF is signed there, and pyHanko accepts it.
    @Test(.enabled(if: office && (SoftHSM.available || SoftHSM.required) && (PyHanko.available || PyHanko.required)),
          arguments: [("EC:prime256v1", "sha256_ecdsa"), ("rsa:2048", "sha256_rsa")])
    func aTokenKeySignsThePDF(_ type: String, mechanism: String) async throws {
        try #require(SoftHSM.available && PyHanko.available, "softhsm2, opensc and pyHanko are needed (scripts/test installs them)")
        let label = "pades-\(UUID().uuidString.prefix(8))"
        try SoftHSM.keyPair(label, type: type)
        let inToken = TokenKey(module: SoftHSM.module, token: SoftHSM.token, label: label)
        let publicKey = try inToken.publicKey(pin: SoftHSM.pin)
        let token = inToken.signing(as: publicKey)
        #expect(token.algorithm == (type.hasPrefix("rsa") ? .sha256WithRSA : .ecdsaWithSHA256))
        let certificate = try Self.authority.issue(username: "an", displayName: "Nguyễn Văn An", unit: "20", publicKey: publicKey)
        let signed = try Self.sign(try Self.lo.get(), key: token.unlocked(pin: SoftHSM.pin), certificate: certificate)
        let checked = try Self.pyHanko(signed)
        #expect(checked.status == 0 && checked.output.contains("The signature is judged VALID."), "\(checked.output)")
        #expect(checked.output.contains("The signature mechanism used was '\(mechanism)'"), "\(checked.output)")
        #expect(await Self.verify(signed).isValid)
    }

    /// A PDF to verify comes from anyone: however its bytes are broken, reading it ends
    /// in an answer (a problem named), never a crash or a hang.
    @Test(.enabled(if: office))
    func brokenPDFsAreRefusedNotCrashedOn() async throws {
        let signed = try Self.sign(try Self.lo.get())
        var random = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var bytes = signed
            switch round % 3 {
            case 0: for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            default:
                // The tail (xref, trailer, signature dictionary) is where the reader looks hardest.
                let at = Int.random(in: max(0, bytes.count - 40_000)..<bytes.count, using: &random)
                bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
            let result = await Self.verify(bytes)
            if bytes != signed { #expect(!result.isValid || result.lines.count == 1) }
        }
        for junk in [[UInt8](), Array("%PDF-1.7\n".utf8), Array("%PDF-1.7\nstartxref\n999999\n%%EOF".utf8),
                     Array("%PDF-1.7\nxref\n0 1\ntrailer\n<</Root 1 0 R/Prev 9>>\nstartxref\n9\n%%EOF".utf8),
                     Array("%PDF-1.7\n1 0 obj\n".utf8) + Array(repeating: UInt8(ascii: "["), count: 10_000)] {
            #expect(await Self.verify(junk).problems.first?.code == "unreadable")
        }
    }

    @Test func pdfDatesReadBackAsWritten() throws {
        let time = Date(timeIntervalSince1970: 1_796_352_800)  // 2026-12-04 02:53:20 UTC
        #expect(PDFDate.string(time) == "D:20261204095320+07'00'")
        #expect(PDFDate.date(PDFDate.string(time)) == time)
        #expect(PDFDate.date("D:20261204025320Z") == time)
        #expect(PDFDate.date("D:20261203215320-05'00'") == time)
        #expect(PDFDate.date("không phải ngày") == nil)
    }

    @Test func theParserReadsWhatPDFWritersWrite() throws {
        var p = PDFParser(Array("<</A (a\\(b\\)\\n\\101) /B <48 49 5> /C [1 0 R -2.5 true null /N#20x] /D 12 0 R>>".utf8))
        let d = try #require(try p.object().dictionary)
        #expect(d["A"] == .string(Array("a(b)\nA".utf8)) && d["B"] == .string([0x48, 0x49, 0x50]))
        #expect(d["C"] == .array([.reference(.init(number: 1, generation: 0)), .number("-2.5"), .bool(true), .null, .name("N#20x")]))
        #expect(d["D"] == .reference(.init(number: 12, generation: 0)))
        // Written back, it reads the same.
        var again = PDFParser(Array(PDFObject.dictionary(d).pdf.utf8))
        #expect(try again.object() == .dictionary(d))
        #expect(SignedPDF.text(PDFObject.text("Chữ ký số").bytes!) == "Chữ ký số")
    }
}
