import DXDomain
import Foundation

extension QuarterlyReport {
    /// The report as PDF: its DOCX printed by LibreOffice (headless), so the PDF and the
    /// Word file are laid out alike. Blocks while LibreOffice runs (about two seconds):
    /// a server calls it off its event loops.
    public func pdf() throws(DomainError) -> [UInt8] {
        let office = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/local/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let office else { throw .noOffice }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let word = dir.appendingPathComponent("bao-cao.docx")
            try Data(try self.docx()).write(to: word)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: office)
            // A profile of its own: two conversions at once must not share LibreOffice's lock.
            p.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to", "pdf", "--outdir", dir.path, word.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0, let pdf = FileManager.default.contents(atPath: dir.appendingPathComponent("bao-cao.pdf").path) else {
                throw DomainError.officeFailed
            }
            return Array(pdf)
        } catch let error as DomainError {
            throw error
        } catch {
            throw .officeFailed
        }
    }
}

extension DomainError {
    static let noOffice = DomainError(
        code: "no_office", vi: "Cần LibreOffice để tạo PDF (apt-get install libreoffice-writer); hoặc xuất .docx rồi in ra PDF.",
        en: "PDF needs LibreOffice (apt-get install libreoffice-writer); or write .docx and print it to PDF.", kind: .unavailable)
    static let officeFailed = DomainError(code: "office_failed", vi: "LibreOffice không chuyển được báo cáo sang PDF.",
                                          en: "LibreOffice could not convert the report to PDF.", kind: .unavailable)
}
