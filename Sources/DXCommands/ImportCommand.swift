import ArgumentParser
import DXDomain
import DXSpreadsheet
import DXStorage
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập số liệu từ tệp CSV hoặc XLSX / Import reported values from CSV or XLSX files.",
        discussion: """
        Tệp XLSX: trang tính đầu tiên, như mẫu dxtrack tạo ra. / XLSX: the first sheet, laid out as dxtrack's templates.
        Dòng tiêu đề: unit,indicator,period,value,numerator,denominator,comment (cột name tùy chọn). Số có thể dùng dấu phẩy thập phân.
        Mọi lỗi được báo theo dòng và cột; tệp có lỗi thì không ghi gì từ tệp đó. Nhiều tệp: nhập lần lượt, mỗi tệp trọn vẹn hoặc không, dừng ở tệp lỗi đầu tiên. --dry-run chỉ kiểm tra.
        Header: unit,indicator,period,value,numerator,denominator,comment (an optional name column is read past). Numbers may use a decimal comma.
        Every problem is reported by row and column; nothing of a file with problems is written. Several files: imported in turn, each whole or not at all, stopping at the first with problems. --dry-run only checks.
        """)

    @Argument(help: "Tệp CSV hoặc XLSX / CSV or XLSX files.") var files: [String]
    @Flag(help: "Chỉ kiểm tra, không ghi / Check only, write nothing.") var dryRun = false
    @Option(help: "Người nhập ghi trong nhật ký / Who the audit trail names as the writer.") var user = "cli"
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Cần ít nhất một tệp / Name at least one file.") }
    }

    func run() async throws {
        let (files, dryRun, user) = (files, dryRun, user)
        let failed = try await database.withMigratedDatabase(logger: makeLogger()) { db -> [String]? in
            var failed: [String]?
            try await ImportFile.eachRead(files) { file, parsed in
                guard parsed.problems.isEmpty else {
                    failed = Self.describe(parsed.problems, in: file)
                    return false
                }
                do {
                    let written = try await DataEntry(db).write(parsed.inputs, by: .machineOperator(user), dryRun: dryRun)
                    print(dryRun ? "\(file): kiểm tra xong, \(written.count) số liệu hợp lệ, chưa ghi / checked: \(written.count) values valid, nothing written."
                                 : "Đã nhập / Imported \(written.count) số liệu/values từ/from \(file)")
                    return true
                } catch let e as any DomainProblems {
                    failed = Self.describe(ImportFile.locate(e.problems, in: parsed), in: file)
                    return false
                }
            }
            return failed
        }
        if let failed {
            for line in failed { print(line) }
            throw ExitCode(1)
        }
    }

    private static func describe(_ problems: [RowProblem], in file: String) -> [String] {
        problems.map { "\(file): \($0)" } + ["\(file): \(problems.count) lỗi, không ghi gì từ tệp này / problems, nothing of this file written."]
    }
}
