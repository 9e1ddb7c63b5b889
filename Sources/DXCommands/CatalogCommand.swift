import ArgumentParser
import DXCatalog
import DXStorage
import Foundation

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Kiểm tra và nạp danh mục chỉ tiêu / Check and import a catalog of plans, targets, indicators and units.",
        subcommands: [Check.self, Import.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra danh mục, liệt kê mọi lỗi kèm tệp và dòng / Check a catalog; list every problem with file and line.",
            discussion: "Thoát với mã 1 nếu có lỗi / Exits with status 1 on any problem.")

        @Argument(help: "Thư mục hoặc tệp danh mục (mặc định: danh mục khởi đầu) / Catalog folder or file (default: the starter catalog).")
        var path: String?

        func run() async throws {
            let path = path ?? StarterCatalog.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("Không có tệp hoặc thư mục / No such file or folder: \(path)")
            }
            let (catalog, parseProblems) = CatalogLoader.load(path)
            let problems = parseProblems + catalog.check()
            for p in problems { print(p) }
            if !problems.isEmpty {
                print("\(problems.count) lỗi / problems in \(path)")
                throw ExitCode(1)
            }
            print("""
                Danh mục hợp lệ / Catalog is valid: \(path)
                \(catalog.indicators.count) chỉ tiêu/indicators, \(catalog.plans.count) kế hoạch/plans, \
                \(catalog.targets.count) mục tiêu/targets, \(catalog.units.count) đơn vị/units, \
                \(catalog.changes.count) liên kết/links, \(catalog.forms.count) biểu mẫu/forms, \(catalog.campaigns.count) phong trào thi đua/campaigns, \(catalog.provinceMergers.count) tỉnh cũ/former provinces
                """)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nạp danh mục vào CSDL trong một giao dịch / Import a catalog in one transaction.",
            discussion: """
            Nạp lại không thay đổi gì; danh mục đã sửa chỉ cập nhật phần thay đổi. Có lỗi thì không ghi gì.
            Importing twice changes nothing; an edited catalog updates what changed. On any problem nothing is written.
            """)

        @Argument(help: "Thư mục hoặc tệp danh mục (mặc định: danh mục khởi đầu) / Catalog folder or file (default: the starter catalog).")
        var path: String?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let path = path ?? StarterCatalog.path
            let catalog: Catalog
            do {
                catalog = try CatalogLoader.loadValid(path)
            } catch {
                for p in error.problems { print(p) }
                print("\(error.problems.count) lỗi, không nạp gì / problems, nothing imported: \(path)")
                throw ExitCode(1)
            }
            let summary = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await CatalogImporter(db).import(catalog)
            }
            print("Đã nạp / Imported \(path)\n\(summary)")
        }
    }
}
