import ArgumentParser
import DXDomain
import DXSpreadsheet
import DXStorage
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập số liệu từ tệp CSV hoặc XLSX / Import reported values from a CSV or XLSX file.",
        discussion: """
        Tệp XLSX: trang tính đầu tiên, như mẫu dxtrack tạo ra. / XLSX: the first sheet, laid out as dxtrack's templates.
        Dòng tiêu đề: unit,indicator,period,value,numerator,denominator,comment (cột name tùy chọn). Số có thể dùng dấu phẩy thập phân.
        Mọi lỗi được báo theo dòng và cột; có lỗi thì không ghi gì. --dry-run chỉ kiểm tra.
        Header: unit,indicator,period,value,numerator,denominator,comment (an optional name column is read past). Numbers may use a decimal comma.
        Every problem is reported by row and column; on any problem nothing is written. --dry-run only checks.
        """)

    @Argument(help: "Tệp CSV hoặc XLSX / CSV or XLSX file.") var file: String
    @Flag(help: "Chỉ kiểm tra, không ghi / Check only, write nothing.") var dryRun = false
    @Option(help: "Người nhập ghi trong nhật ký / Who the audit trail names as the writer.") var user = "cli"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("Không đọc được tệp / Cannot read the file: \(file)")
        }
        let parsed = ImportFile.read(Array(data))
        guard parsed.problems.isEmpty else { return try fail(parsed.problems) }
        let inputs = parsed.inputs
        let (dryRun, user) = (dryRun, user)
        do {
            let written = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await DataEntry(db).write(inputs, by: user, dryRun: dryRun)
            }
            print(dryRun ? "Kiểm tra xong, \(written.count) số liệu hợp lệ, chưa ghi / Checked: \(written.count) values valid, nothing written."
                         : "Đã nhập / Imported \(written.count) số liệu/values từ/from \(file)")
        } catch let e as DomainErrors {
            try fail(ImportFile.locate(e.errors, in: parsed))
        }
    }

    private func fail(_ problems: [RowProblem]) throws {
        for p in problems { print("\(file): \(p)") }
        print("\(problems.count) lỗi, không ghi gì / problems, nothing written.")
        throw ExitCode(1)
    }
}
