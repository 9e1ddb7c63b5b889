import ArgumentParser
import DXCatalog
import DXDomain
import DXStorage
import DXSpreadsheet
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx
}

/// Prints a command's output; for `xlsx`, `text` is its CSV form, written as a workbook
/// (numbers as numbers, the header bold and frozen) to standard output: `> bang.xlsx`.
func emit(_ text: String, _ format: OutputFormat, sheet: String) throws {
    guard format == .xlsx else { print(text); return }
    let table: CSVTable
    do { table = try CSVTable(parsing: text) } catch { throw ValidationError(error.en) }
    // Identifiers (units, periods, horizons) stay text even when they look like numbers.
    let identifiers = table.header.map { $0 == "unit" || $0.contains("period") || $0 == "horizon" || $0 == "target" }
    let rows: [[XLSXWriter.Cell]] = [table.header.map { .text($0) }] + table.rows.map { row in
        row.fields.enumerated().map { i, f in
            if f.isEmpty { return .empty }
            if identifiers.indices.contains(i) && identifiers[i] { return .text(f) }
            return Double(f).map { .number($0) } ?? .text(f)
        }
    }
    FileHandle.standardOutput.write(Data(try XLSXWriter.workbook([XLSXWriter.Sheet(name: sheet, rows: rows)])))
}

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Tính chỉ số tổng hợp (DTI) và xếp hạng / Compute a composite index (DTI) and rank units.",
        discussion: """
        FILE.csv có dòng tiêu đề unit,main_index,value; giá trị trong [0, 1]. Không có --values: đọc giá trị đã phê duyệt của kỳ --period \
        (chỉ tiêu dti_<chỉ số chính>) từ CSDL.
        Khung: dti-2020 (QĐ 1726), dti-2021, dti-2022, dti-2023 (QĐ 922), khung riêng của tỉnh (lang-son-so-nganh, lang-son-cap-xa: \
        chấm sở, ngành, xã theo số liệu đã phê duyệt của các chỉ tiêu, với --period, --within), hoặc đường dẫn tệp YAML.
        Đầu ra CSV: rank,unit,index,cqs,kts,xhs (4 chữ số thập phân); hạng bằng nhau dùng chung (1, 2, 2, 4).
        FILE.csv has the header unit,main_index,value with values in [0, 1]. Without --values: the approved values of --period \
        (indicators dti_<main index>) from the database.
        Frameworks: dti-2020 (QĐ 1726), dti-2021, dti-2022, dti-2023 (QĐ 922), a province's own (lang-son-so-nganh, lang-son-cap-xa: \
        departments and communes scored on the approved figures of catalog indicators, with --period, --within), or a YAML file path.
        CSV output: rank,unit,index,cqs,kts,xhs (4 decimals); ties share a rank (1, 2, 2, 4).
        """)

    @Option(help: "Khung chỉ số / Index framework.") var framework: String
    @Option(help: "Tệp CSV giá trị chỉ số chính / CSV file of main-index values.") var values: String?
    @Option(help: "Kỳ đánh giá khi đọc từ CSDL, ví dụ 2023 / The period assessed, when reading the database.") var period: String?
    @Option(help: "Chỉ các đơn vị thuộc đơn vị này (khung của tỉnh) / Only units inside this one (a province's own framework).") var within: String?
    @Flag(help: "Tính cả số liệu đã gửi / Include submitted figures.") var includeSubmitted = false
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Định dạng / Format: table, csv, json, xlsx.") var format: OutputFormat = .table
    @Flag(help: "Tính khoảng hạng khi trọng số ±25% và đổi cách tổng hợp / Rank intervals under ±25% weights and the other aggregation.")
    var stability = false

    func run() async throws {
        let framework: IndexFramework
        do { framework = try IndexFrameworks.named(self.framework) } catch let e as DomainError {
            throw ValidationError("\(e.vi)\n\(e.en)")
        }
        guard let path = values else {
            let byUnit = try await fromDatabase(framework)
            try emit(IndexReport(framework: framework, ranked: framework.rank(byUnit, withStability: stability)).render(format), format, sheet: "Xếp hạng")
            return
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("Không đọc được tệp / Cannot read \(path)")
        }
        let byUnit: [String: [String: Double]]
        do { byUnit = try IndexFrameworks.readValues(csv: text, file: path, framework: framework) } catch let e as CatalogProblems {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(1)
        }
        let ranked = framework.rank(byUnit, withStability: stability)
        try emit(IndexReport(framework: framework, ranked: ranked).render(format), format, sheet: "Xếp hạng")
    }
}

extension IndexCommand {
    /// The approved values of --period from the database (see ``Analytics/indexInputs(_:period:within:includeSubmitted:)``).
    func fromDatabase(_ framework: IndexFramework) async throws -> [String: [String: Double]] {
        guard let period else {
            throw ValidationError("Cần --values FILE.csv hoặc --period (đọc CSDL) / Give --values FILE.csv, or --period to read the database.")
        }
        let p: Period
        do { p = try Period(period) } catch { throw ValidationError("\(error.vi)\n\(error.en)") }
        let (within, include) = (within, includeSubmitted)
        let byUnit = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            try await Analytics(db).indexInputs(framework, period: p, within: within, includeSubmitted: include)
        }
        guard !byUnit.isEmpty else {
            if framework.unitKinds.isEmpty {
                throw ValidationError("Chưa có giá trị chỉ số chính DTI đã phê duyệt cho kỳ \(p.id) (chỉ tiêu dti_…) / No approved DTI main-index values for \(p.id) (indicators dti_…).")
            }
            throw ValidationError("Chưa có số liệu đã phê duyệt của các chỉ tiêu trong khung \(framework.code) cho kỳ \(p.id) / "
                                  + "No approved figures of the framework's indicators for \(p.id).")
        }
        return byUnit
    }
}

/// A ranking written as a table for people, CSV for spreadsheets, or JSON for programs.
struct IndexReport {
    let framework: IndexFramework
    let ranked: [RankedScore]

    func render(_ format: OutputFormat) -> String {
        let pillars = framework.pillars.map(\.code)
        func fixed(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "" }
        switch format {
        case .csv, .xlsx:
            return ([(["rank", "unit", "index"] + pillars).joined(separator: ",")] + ranked.map { r in
                ([r.rank > 0 ? String(r.rank) : "", CSVTable.field(r.score.unit), fixed(r.score.index)]
                    + pillars.map { fixed(r.score.pillars[$0]) }).joined(separator: ",")
            }).joined(separator: "\n")
        case .json:
            let rows: [[String: Any]] = ranked.map { r in
                var o: [String: Any] = ["unit": r.score.unit, "pillars": r.score.pillars.mapValues { ($0 * 10_000).rounded() / 10_000 }]
                o["rank"] = r.rank > 0 ? r.rank : NSNull()
                o["index"] = r.score.index.map { ($0 * 10_000).rounded() / 10_000 } ?? NSNull()
                if !r.score.missing.isEmpty { o["missing"] = r.score.missing }
                if let i = r.rankInterval { o["rankInterval"] = [i.lowerBound, i.upperBound] }
                return o
            }
            let s = RankingSummary(ranked)
            let doc: [String: Any] = ["framework": framework.code, "ranking": rows,
                                      "summary": ["count": s.count, "mean": (s.mean * 10_000).rounded() / 10_000,
                                                  "aboveMean": s.aboveMean, "atLeastHalf": s.atLeastHalf]]
            let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .table:
            let vi = { (x: Double?) in x.map { VietnameseNumber.format($0, decimals: 4) } ?? "–" }
            let header = ["Hạng", "Đơn vị", "Chỉ số"] + framework.pillars.map(\.nameVi) + (ranked.contains { $0.rankInterval != nil } ? ["Khoảng hạng"] : [])
            let rows = ranked.map { r in
                [r.rank > 0 ? String(r.rank) : "–", r.score.unit, vi(r.score.index)] + pillars.map { vi(r.score.pillars[$0]) }
                    + (r.rankInterval.map { ["\($0.lowerBound)–\($0.upperBound)"] } ?? [])
            }
            let s = RankingSummary(ranked)
            return TextTable.render(header: header, rows: rows) + "\n\n" + """
                \(framework.nameVi)
                Trung bình / mean: \(VietnameseNumber.format(s.mean, decimals: 4)); trên trung bình / above the mean: \(s.aboveMean)/\(s.count); \
                từ 0,5 trở lên / at least 0.5: \(s.atLeastHalf)
                """
        }
    }
}

enum TextTable {
    /// Left-aligned text, right-aligned numbers ("96,1", "7.776", "12"), columns padded to their widest cell.
    static func render(header: [String], rows: [[String]]) -> String {
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return VietnameseNumber.parse(c) != nil || c == "–" ? pad + c : c + pad
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
    }
}
