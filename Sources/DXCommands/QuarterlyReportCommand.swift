import ArgumentParser
import DXDocuments
import DXDomain
import DXServer
import DXSignature
import DXStorage
import Foundation
import Yams

/// `dxtrack report quarterly`: the quarterly report to the People's Committee.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Báo cáo văn bản / Documents.",
        subcommands: [Quarterly.self])

    struct Quarterly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Báo cáo kết quả chuyển đổi số hằng quý (Nghị định 30/2020) / The quarterly report (Decree 30/2020 layout).",
            discussion: """
            Định dạng theo đuôi tệp: .docx, .html, .pdf (.pdf cần LibreOffice). --template: tệp YAML các phần cố định \
            (governingBody, issuingBody, issuingCode, number, place, signerAuthority, signerTitle, signerName, recipients, proposals).
            --draft-template: ghi thêm tệp mẫu với các đề xuất soạn từ số liệu, để sửa rồi dùng lại bằng --template.
            --sign --signer TÀI_KHOẢN (chỉ .pdf): ký số PDF (PAdES) bằng chứng thư và khóa của người ký (khóa niêm phong, hoặc trong token: PIN ở DXTRACK_PKCS11_PIN).
            The format follows the extension: .docx, .html, .pdf (.pdf needs LibreOffice). --template: a YAML file of the fixed parts.
            --draft-template: also write a template holding the proposals drafted from the data, to edit and pass back with --template.
            --sign --signer ACCOUNT (.pdf only): sign the PDF (PAdES) with the signer's certificate and key (sealed, or in a token: PIN in DXTRACK_PKCS11_PIN).
            """)
        @Option(help: "Đơn vị / Unit.") var unit: String
        @Option(help: "Kỳ, ví dụ 2026Q3 / Period, e.g. 2026Q3.") var period: String
        @Option(help: "Tệp ghi ra (.docx, .html, .pdf) / Output file.") var output: String
        @Option(help: "Tệp YAML các phần cố định / YAML file of the fixed parts.") var template: String?
        @Option(help: "Ngày ký dd/mm/yyyy (mặc định hôm nay) / Date signed (default today).") var date: String?
        @Option(help: "Ghi tệp mẫu YAML kèm đề xuất soạn sẵn để sửa / Write a YAML template with the drafted proposals, to edit.")
        var draftTemplate: String?
        @Flag(help: "Ký số tệp PDF (PAdES) / Sign the PDF (PAdES).") var sign = false
        @Option(help: "Tài khoản người ký (với --sign) / The signer's account (with --sign).") var signer: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let p: Period, day: LocalDate
            do throws(DomainError) {
                p = try Period(period)
                if let date { day = try LocalDate(vietnamese: date) } else { day = WallClock.vietnam.today() }
            } catch { throw ValidationError("\(error.vi) / \(error.en)") }
            let ext = (output as NSString).pathExtension.lowercased()
            guard ["docx", "html", "pdf"].contains(ext) else { throw ValidationError("Đuôi tệp .docx, .html hoặc .pdf / The output must end in .docx, .html or .pdf.") }
            if sign != (signer != nil) { throw ValidationError("--sign cần --signer TÀI_KHOẢN, và ngược lại / --sign needs --signer ACCOUNT, and the other way round.") }
            if sign && ext != "pdf" { throw ValidationError("Chỉ ký được tệp .pdf / Only a .pdf output can be signed.") }
            let custom = try template.map(Self.letterhead)
            let (unit, signer, seal) = (unit, signer, sign ? try database.signingSeal() : nil)
            let (report, bytes) = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                let report = try await QuarterlyReportBuilder.build(db, unit: unit, period: p, date: day, letterhead: custom)
                guard ext == "pdf" else { return (report, [UInt8]()) }
                let pdf = { () throws -> [UInt8] in
                    do throws(DomainError) { return try report.pdf() } catch { throw ValidationError("\(error.vi)\n\(error.en)") }
                }
                guard let signer else { return (report, try pdf()) }
                // A key in a token: its PIN from the environment, or asked for now.
                if let token = (try await Signing(db, seal: seal).signer(of: signer)?.key as? TokenKey.Unlocked)?.reference.token { TokenOptions.askForPIN(token) }
                return (report, try await Signing(db, seal: seal).sign(by: signer, reason: report.signingReason, location: report.letterhead.place, pdf: pdf))
            }
            switch ext {
            case "html": try report.html().write(toFile: output, atomically: true, encoding: .utf8)
            case "docx": try Data(try report.docx()).write(to: URL(fileURLWithPath: output))
            default: try Data(bytes).write(to: URL(fileURLWithPath: output))
            }
            print("Đã ghi / Written: \(output)" + (signer.map { ", ký số bởi / signed by \($0)" } ?? ""))
            if let draftTemplate {
                var fixed = report.letterhead
                if fixed.proposals == nil { fixed.proposals = report.draftedProposals }
                let encoder = YAMLEncoder()
                encoder.options.allowUnicode = true  // Vietnamese as people read and edit it, not as \u escapes
                try encoder.encode(fixed).write(toFile: draftTemplate, atomically: true, encoding: .utf8)
                print("Đã ghi mẫu để sửa / Template to edit written: \(draftTemplate)")
            }
        }

        /// The template's fixed parts; a problem names the file and the field, in both languages.
        static func letterhead(_ path: String) throws -> QuarterlyReport.Letterhead {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("\(path): không đọc được tệp mẫu / cannot read the template.")
            }
            do {
                return try YAMLDecoder().decode(QuarterlyReport.Letterhead.self, from: text)
            } catch let error as DecodingError {
                let field = error.fieldPath
                switch error {
                case .keyNotFound:
                    throw ValidationError("\(path): thiếu trường \"\(field)\" / the field \"\(field)\" is missing.")
                case .typeMismatch, .valueNotFound, .dataCorrupted:
                    throw ValidationError("\(path): trường \"\(field)\" không hợp lệ / the field \"\(field)\" is not valid.")
                @unknown default:
                    throw ValidationError("\(path): tệp mẫu không hợp lệ / the template is not valid.")
                }
            } catch {
                throw ValidationError("\(path): YAML không hợp lệ / not valid YAML (\(error)).")
            }
        }
    }
}
