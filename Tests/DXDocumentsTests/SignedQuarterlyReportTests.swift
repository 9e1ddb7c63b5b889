import DXTestSupport
import Foundation
import Testing

/// `dxtrack report quarterly --output F.pdf --sign --signer USER` as a department head
/// runs it, then `dxtrack verify F.pdf` and pyHanko as anyone receiving the file would.
@Suite struct SignedQuarterlyReportTests {
    @Test(.enabled(if: (Office.available || Office.required) && DxtrackExecutable.path != nil))
    func theHeadSignsTheReportAndAnyoneChecksIt() throws {
        let dir = try Tool.directory("signed-quarterly")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = ["--data-dir", dir]
        _ = try DxtrackExecutable.run(["demo"] + data)
        let initialised = try DxtrackExecutable.run(["ca", "init"] + data)
        let pem = try #require(initialised.range(of: "-----BEGIN CERTIFICATE-----").map { String(initialised[$0.lowerBound...]) })
        try pem.write(toFile: dir + "/ca.pem", atomically: true, encoding: .utf8)
        _ = try DxtrackExecutable.run(["user", "add", "giam-doc", "--role", "coordinator", "--unit", "20", "--name", "Nguyễn Văn An", "--password-stdin"] + data,
                                      input: "mat-khau-rat-dai-2026\n")
        let report = ["report", "quarterly", "--unit", "20", "--period", "2026Q3", "--output", dir + "/bao-cao.pdf", "--sign", "--signer", "giam-doc"] + data
        // No certificate yet: refused, naming the command that issues one, and no file.
        let refused = try DxtrackExecutable.run(report, errors: true)
        #expect(refused.contains("dxtrack user cert giam-doc") && refused.contains("has no certificate to sign with"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bao-cao.pdf"))
        _ = try DxtrackExecutable.run(["user", "cert", "giam-doc"] + data)
        #expect(try DxtrackExecutable.run(report).contains("ký số bởi / signed by giam-doc"))

        let verified = try DxtrackExecutable.run(["verify", dir + "/bao-cao.pdf", "--ca", dir + "/ca.pem"])
        #expect(verified.contains("✓ Chữ ký số 1 · Nguyễn Văn An") && verified.contains("HỢP LỆ / VALID: 1"), "\(verified)")
        if PyHanko.available || PyHanko.required {
            let checked = try PyHanko.validate(dir + "/bao-cao.pdf", trust: dir + "/ca.pem")
            #expect(checked.status == 0 && checked.output.contains("The signature is judged VALID."), "\(checked.output)")
        }
        // The signed file changed by one byte: dxtrack says so, in both languages.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/bao-cao.pdf"))
        bytes[bytes.count / 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: dir + "/bao-cao.pdf"))
        let changed = try DxtrackExecutable.run(["verify", dir + "/bao-cao.pdf", "--ca", dir + "/ca.pem"])
        #expect(changed.contains("KHÔNG HỢP LỆ / INVALID") && changed.contains("bị sửa sau khi ký") && changed.contains("changed after signing"), "\(changed)")
    }
}
