import DXDomain
import DXForms
import Foundation
import Testing

/// Multipart bodies as browsers send them read back; anything else is refused, never a crash.
@Suite struct MultipartFormTests {
    static let type = "multipart/form-data; boundary=----b0undary"

    @Test func aFormWithAFieldAndAFileReadsBack() throws {
        let body = "------b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
            + "------b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"số liệu.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "unit,indicator\r\n20,x\r\n------b0undary--\r\n"
        let form = try MultipartForm(body: Array(body.utf8), contentType: Self.type)
        #expect(form.fields == ["csrf": "abc"])
        #expect(form.files["file"]?.filename == "số liệu.csv")
        #expect(form.files["file"].map { String(decoding: $0.bytes, as: UTF8.self) } == "unit,indicator\r\n20,x")
    }

    @Test func anEmptyFileAndAPartWithoutHeadersAreTold() throws {
        let empty = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--B--\r\n"
        #expect(try MultipartForm(body: Array(empty.utf8), contentType: "multipart/form-data; boundary=B").files["file"]?.bytes == [])
        #expect(throws: DomainError.self) { try MultipartForm(body: Array("--B\r\n\r\nx\r\n--B--\r\n".utf8), contentType: "multipart/form-data; boundary=B") }
    }

    /// Inputs that once crashed a parser: the hand-written one (a range with its bounds
    /// reversed) and MultipartKit 4.7's (a byte above 127 in a header name). Both found by fuzz/run.sh.
    @Test(arguments: ["reversed-range.bin", "multipartkit-non-ascii-header-name.bin"])
    func aFindingIsRefusedNotFatal(_ name: String) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Findings/\(name)").path
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: DomainError.self) { try MultipartForm(body: bytes, contentType: "multipart/form-data; boundary=B") }
    }

    /// Every prefix of a good body, and every body with one byte changed: a form or a refusal.
    @Test func everyTruncationAndEveryByteChangeIsAFormOrARefusal() {
        let good = Array("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n".utf8)
        for n in 0...good.count { _ = try? MultipartForm(body: Array(good.prefix(n)), contentType: "multipart/form-data; boundary=B") }
        for i in good.indices {
            for b: UInt8 in [0, 10, 13, 45, 0xEE, 0xFF] {
                var copy = good
                copy[i] = b
                _ = try? MultipartForm(body: copy, contentType: "multipart/form-data; boundary=B")
            }
        }
    }
}
