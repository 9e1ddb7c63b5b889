import ArgumentParser
import DXDomain
import DXStorage
import Foundation

/// `dxtrack boundaries import FILE.geojson`: units' outlines, for the indicator pages' map.
struct BoundaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundaries",
        abstract: "Ranh giới đơn vị cho bản đồ (GeoJSON) / Unit boundaries for the map (GeoJSON).",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập ranh giới từ tệp GeoJSON / Import boundaries from a GeoJSON file.",
            discussion: """
            Một FeatureCollection; mỗi đối tượng Polygon hoặc MultiPolygon mang mã đơn vị trong thuộc tính \
            (mặc định thử: \(GeoJSON.codeProperties.joined(separator: ", "))). Tất cả hoặc không.
            A FeatureCollection; each Polygon or MultiPolygon feature names its unit in a property \
            (tried by default: \(GeoJSON.codeProperties.joined(separator: ", "))). All or nothing.
            """)
        @Argument(help: "Tệp GeoJSON / The GeoJSON file.") var file: String
        @Option(help: "Thuộc tính chứa mã đơn vị / The property holding the unit code.") var property: String?
        @Option(help: "Người nhập ghi trong nhật ký / Who the audit trail names.") var user = "cli"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Không đọc được tệp / Cannot read \(file)") }
            let (boundaries, problems) = GeoJSON.boundaries(Array(data), property: property)
            func fail(_ list: [DomainError]) -> ExitCode {
                for p in list { FileHandle.standardError.write(Data("\(file): \(p.field ?? ""): \(p.vi) / \(p.en)\n".utf8)) }
                return ExitCode(1)
            }
            guard problems.isEmpty else { throw fail(problems) }
            let user = user
            do {
                try await database.withMigratedDatabase(logger: makeLogger()) { try await Boundaries($0).save(boundaries, by: user) }
            } catch let e as any DomainProblems { throw fail(e.problems) }
            print("Đã lưu ranh giới của \(boundaries.count) đơn vị / Saved the boundaries of \(boundaries.count) units.")
        }
    }
}
