import ArgumentParser
import DXDomain
import DXStorage
import Foundation

struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Tiến độ từng mục tiêu của một đơn vị / Progress on every target of a unit.",
        discussion: """
        Dùng số liệu đã phê duyệt (thêm số liệu đã gửi với --include-submitted) đến hết kỳ --period.
        Uses approved figures (with --include-submitted, submitted ones too) up to the end of --period.
        """)

    @Option(help: "Mã đơn vị / Unit code.") var unit: String
    @Option(help: "Kỳ đánh giá, ví dụ 2026Q3 / The period to judge at, e.g. 2026Q3.") var period: String
    @Option(help: "Định dạng / Format: table, csv, json, xlsx.") var format: OutputFormat = .table
    @Flag(help: "Tính cả số liệu đã gửi chưa phê duyệt / Include submitted, not yet approved figures.") var includeSubmitted = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let asOf: Period
        do { asOf = try Period(period) } catch { throw ValidationError("\(error.vi)\n\(error.en)") }
        let (unit, include) = (unit, includeSubmitted)
        let results = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            try await Analytics(db).progress(unit: unit, asOf: asOf, includeSubmitted: include)
        }
        try emit(render(results), format, sheet: "Tiến độ")
    }

    func render(_ results: [Analytics.TargetProgress]) -> String {
        func n(_ r: Analytics.TargetProgress, _ x: Double?) -> String { x.map { VietnameseNumber.format($0, decimals: r.indicator.decimals) } ?? "" }
        func fixed(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "" }
        let condition = { (r: Analytics.TargetProgress) in
            r.target.shape.describeVi(r.assessment.threshold.map { VietnameseNumber.format($0) } ?? "–")
        }
        switch format {
        case .csv, .xlsx:
            return (["target,indicator,horizon,status,method,threshold,latest_period,latest,projection,schedule_ratio,cagr_ratio"] + results.map { r in
                let a = r.assessment
                return [r.target.code, r.indicator.code, r.target.horizon.id, a.status.rawValue, a.method, fixed(a.threshold),
                        a.latest?.period.id ?? "", fixed(a.latest?.value), fixed(a.projection), fixed(a.scheduleRatio), fixed(a.cagrRatio)]
                    .map(CSVTable.field).joined(separator: ",")
            }).joined(separator: "\n")
        case .json:
            let rows: [[String: Any]] = results.map { r in
                let a = r.assessment
                var o: [String: Any] = ["target": r.target.code, "indicator": r.indicator.code, "horizon": r.target.horizon.id,
                                        "status": a.status.rawValue, "status_vi": a.status.nameVi, "method": a.method,
                                        "explanation_vi": a.explanationVi, "explanation_en": a.explanationEn, "units": r.unitCount]
                o["threshold"] = a.threshold
                o["latest"] = a.latest.map { ["period": $0.period.id, "value": $0.value] }
                o["projection"] = a.projection
                o["schedule_ratio"] = a.scheduleRatio
                o["cagr_ratio"] = a.cagrRatio
                return o
            }
            let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .table:
            let rows = results.map { r in
                [r.target.code, r.indicator.nameVi.count > 48 ? String(r.indicator.nameVi.prefix(47)) + "…" : r.indicator.nameVi,
                 condition(r), r.target.horizon.id, r.assessment.latest.map { "\(n(r, $0.value)) (\($0.period.id))" } ?? "–",
                 r.assessment.status.nameVi]
            }
            let counts = StatusCounts(results.map(\.assessment.status))
            let summary = ProgressStatus.allCases.filter { counts[$0] > 0 }.map { "\($0.nameVi): \(counts[$0])" }.joined(separator: " · ")
            return TextTable.render(header: ["Mục tiêu", "Chỉ tiêu", "Yêu cầu", "Hạn", "Mới nhất", "Trạng thái"], rows: rows) + "\n\n" + summary
        }
    }
}
