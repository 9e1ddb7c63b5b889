import ArgumentParser
import DXDomain
import DXStorage
import Foundation

struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Xếp hạng đơn vị theo một chỉ tiêu / Rank units on one indicator.",
        discussion: """
        Xếp các đơn vị thuộc --kind trong --within theo số liệu đã phê duyệt của kỳ --period; hạng bằng nhau dùng chung (1, 2, 2, 4).
        Ranks the units of --kind inside --within on approved figures for --period; ties share a rank (1, 2, 2, 4).
        """)

    @Option(help: "Mã chỉ tiêu / Indicator code.") var indicator: String
    @Option(help: "Kỳ, ví dụ 2026Q3 / Period, e.g. 2026Q3.") var period: String
    @Option(help: "Đơn vị gốc (mặc định tỉnh 20) / The unit whose subtree is ranked (default 20).") var within = "20"
    @Option(help: "Loại đơn vị (lặp lại được) / Unit kind (repeatable): \(OrgUnitKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: [String] = ["department"]
    @Option(help: "Định dạng / Format: table, csv, json, xlsx.") var format: OutputFormat = .table
    @Flag(help: "Tính cả số liệu đã gửi / Include submitted figures.") var includeSubmitted = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let p: Period
        do { p = try Period(period) } catch { throw ValidationError("\(error.vi)\n\(error.en)") }
        let kinds = try kind.map { k in
            guard let value = OrgUnitKind(rawValue: k) else { throw ValidationError("Loại đơn vị không hợp lệ / Unknown unit kind: \(k)") }
            return value
        }
        let (indicator, within, include) = (indicator, within, includeSubmitted)
        let (ranked, names, decimals) = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            (try await Analytics(db).rank(indicator: indicator, period: p, within: within, kinds: kinds, includeSubmitted: include),
             try await db.read { try await OrgUnitStore($0).names() },
             try await db.read { try await CatalogStore($0).indicator(indicator)?.decimals } ?? 1)
        }
        switch format {
        case .csv, .xlsx:
            try emit((["rank,unit,name,value"] + ranked.map { "\($0.rank),\(CSVTable.field($0.unitCode)),\(CSVTable.field(names[$0.unitCode] ?? "")),\(String(format: "%.4f", $0.value))" })
                .joined(separator: "\n"), format, sheet: "Xếp hạng")
        case .json:
            let rows = ranked.map { ["rank": $0.rank, "unit": $0.unitCode, "name": names[$0.unitCode] ?? "", "value": $0.value] as [String: Any] }
            print(String(decoding: (try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])) ?? Data(), as: UTF8.self))
        case .table:
            print(TextTable.render(header: ["Hạng", "Mã", "Đơn vị", "Giá trị"], rows: ranked.map {
                [String($0.rank), $0.unitCode, names[$0.unitCode] ?? "", VietnameseNumber.format($0.value, decimals: decimals)]
            }))
        }
    }
}
