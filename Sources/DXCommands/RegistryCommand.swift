import ArgumentParser
import DXDomain
import DXSpreadsheet
import DXStorage
import Foundation

/// `dxtrack registry`: the information systems of each unit (Nghị định 85/2016).
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Sổ đăng ký hệ thống thông tin (cấp độ theo NĐ 85/2016) / The information-system registry (security levels, Decree 85/2016).",
        subcommands: [List.self, Import.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Liệt kê hệ thống, cấp độ đề xuất theo phân loại và cảnh báo / List systems, the level their classification suggests, and warnings.")
        @Option(help: "Chỉ hệ thống của đơn vị này và cấp dưới / Only systems owned inside this unit.") var unit: String?
        @Flag(help: "Chỉ hệ thống đang vận hành chưa được phê duyệt cấp độ / Only systems in operation without an approved level.") var unclassified = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let unit = unit
            let systems = try await database.withMigratedDatabase(logger: makeLogger()) { try await Registry($0).systems(within: unit) }
                .filter { !unclassified || $0.needsClassification }
            print(TextTable.render(header: ["Mã", "Tên", "Đơn vị", "Cấp độ đề xuất", "Đã duyệt", "Nơi vận hành", "Giám sát", "Cảnh báo"], rows: systems.map { s in
                [s.code, s.name, s.ownerUnit, String(s.suggestedLevel), s.approvedLevel.map(String.init) ?? "–", s.hosting.nameVi,
                 s.monitored ? "có" : "không", s.needsClassification ? "chưa phê duyệt cấp độ" : ""]
            }))
            print("\n\(systems.count) hệ thống / systems; \(systems.filter(\.needsClassification).count) đang vận hành chưa phê duyệt cấp độ / in operation without an approved level")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập sổ đăng ký từ tệp XLSX hoặc CSV / Import registry entries from an XLSX or CSV file.",
            discussion: """
            Cột / columns: \(RegistryFile.columns.joined(separator: ",")) (suggested_level is read past). \
            Tất cả hoặc không: mọi lỗi được báo theo dòng, cột, ô / All or nothing: every problem by row, column and cell.
            """)
        @Argument(help: "Tệp XLSX hoặc CSV / The XLSX or CSV file.") var file: String
        @Flag(help: "Chỉ kiểm tra, không ghi / Check only, write nothing.") var dryRun = false
        @Option(help: "Người nhập ghi trong nhật ký / Who the audit trail names.") var user = "cli"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Không đọc được tệp / Cannot read \(file)") }
            let table: CSVTable
            do { table = try ImportFile.table(Array(data)) } catch {
                throw ValidationError("\(file): \(error.vi)\n\(file): \(error.en)")
            }
            let (systems, lines, problems) = RegistryFile.read(table: table)
            func fail(_ list: [RowProblem]) -> ExitCode {
                for p in list { FileHandle.standardError.write(Data("\(file): \(p)\n".utf8)) }
                return ExitCode(1)
            }
            guard problems.isEmpty else { throw fail(problems) }
            let (dryRun, user) = (dryRun, user)
            do {
                let outcome = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                    try await Registry(db).save(systems, by: user, dryRun: dryRun, today: WallClock.vietnam.today())
                }
                print("\(dryRun ? "Kiểm tra / checked" : "Đã nhập / imported"): \(outcome.added) mới/new, \(outcome.updated) cập nhật/updated, "
                      + "\(outcome.unchanged) không đổi/unchanged")
            } catch let e as any DomainProblems {
                throw fail(RowProblem.locate(e.problems, prefix: "systems", lines: lines, header: table.header, column: RegistryFile.column, context: { systems[$0].code }))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xuất sổ đăng ký ra XLSX hoặc CSV (đọc lại được bằng import) / Export the registry as XLSX or CSV (import reads it back).")
        @Option(help: "Tệp ra, .xlsx hoặc .csv / Output file, .xlsx or .csv.") var output: String
        @Option(help: "Chỉ hệ thống của đơn vị này và cấp dưới / Only systems owned inside this unit.") var unit: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let unit = unit
            let systems = try await database.withMigratedDatabase(logger: makeLogger()) { try await Registry($0).systems(within: unit) }
            let rows = RegistryFile.rows(systems)
            let bytes: [UInt8]
            if output.hasSuffix(".xlsx") {
                bytes = try XLSXWriter.workbook([XLSXWriter.Sheet(name: "Hệ thống thông tin", rows: rows.map { $0.map { .text($0) } })])
            } else {
                bytes = Array(("\u{FEFF}" + rows.map { $0.map(CSVTable.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n").utf8)
            }
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else { throw ValidationError("Không ghi được / Cannot write \(output)") }
            print("\(systems.count) hệ thống / systems → \(output)")
        }
    }
}

/// `dxtrack compute`: brings every computed indicator up to date.
struct ComputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Tính lại các chỉ tiêu tự tính / Recompute the computed indicators.",
        discussion: """
        Chỉ tiêu tự tính (sổ đăng ký hệ thống thông tin, hồ sơ báo cáo, công thức) được tính lại khi dữ liệu nguồn thay đổi; \
        lệnh này tính lại tất cả, trừ giá trị đã chốt khi báo cáo của đơn vị được phê duyệt.
        Computed indicators are recomputed when their inputs change; this recomputes them all, except values frozen by an approved report.
        """)
    @Option(help: "Chỉ chỉ tiêu này (lặp lại được) / Only this indicator (repeatable).") var indicator: [String] = []
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let codes = Set(indicator)
        let changed = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            try await ComputedValues(db).recompute(codes.isEmpty ? .all : .indicators(codes), today: WallClock.vietnam.today())
        }
        print("\(changed) giá trị thay đổi / values changed")
    }
}
