import ArgumentParser
import DXDomain
import DXStorage
import Foundation

/// `dxtrack aggregate`: one indicator over a unit's subtree and a period.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Tổng hợp một chỉ tiêu cho cây đơn vị và kỳ / One indicator over a unit's subtree and a period.",
        discussion: """
        Tỷ lệ = Σ tử số / Σ mẫu số; số đếm cộng lại; quý gộp thành năm theo loại chỉ tiêu. --restate quy đổi số liệu của đơn vị \
        cũ (trước sắp xếp 2025) sang đơn vị hiện nay và ghi cách quy đổi.
        Ratios are Σ numerators / Σ denominators; counts add up; quarters roll into years by the indicator's type. --restate carries \
        former units' values onto today's units and says how.
        """)
    @Option(help: "Mã chỉ tiêu / Indicator code.") var indicator: String
    @Option(help: "Đơn vị (cả cây trực thuộc) / Unit (with its subtree).") var unit: String
    @Option(help: "Kỳ, ví dụ 2025 hoặc 2025Q3 / Period, e.g. 2025 or 2025Q3.") var period: String
    @Flag(help: "Gồm cả số liệu đã gửi chưa duyệt / Include submitted figures.") var includeSubmitted = false
    @Flag(help: "Quy đổi số liệu đơn vị cũ / Restate former units' values.") var restate = false
    @Option(help: "Định dạng / Format: table, json.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let p: Period
        do { p = try Period(period) } catch { throw ValidationError("\(error.vi)\n\(error.en)") }
        let (indicator, unit, include, restate) = (indicator, unit, includeSubmitted, restate)
        let r: Analytics.AggregateResult
        do {
            r = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await Analytics(db).aggregate(indicator: indicator, unit: unit, period: p, includeSubmitted: include, restate: restate)
            }
        } catch let e as any DomainProblems { throw ValidationError(e.problems.map { "\($0.vi) / \($0.en)" }.joined(separator: "\n")) }
        let a = r.aggregate
        if format == .json {
            var o: [String: Any] = ["indicator": indicator, "unit": unit, "period": p.id, "count": a.count,
                                    "restated": r.restated.map { ["from": $0.from, "to": $0.value.unitCode, "period": $0.value.period.id,
                                                                  "method_vi": $0.methodVi, "method_en": $0.methodEn] }]
            o["value"] = a.value
            o["numerator"] = a.numerator
            o["denominator"] = a.denominator
            print(String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
            return
        }
        let shown = a.value.map { VietnameseNumber.format($0, decimals: r.indicator.decimals) } ?? "Chưa có số liệu / no data"
        print("\(r.indicator.nameVi) · \(unit) · \(p.nameVi): \(shown)\(r.indicator.valueType == .percentage && a.value != nil ? "%" : "")")
        if let n = a.numerator, let d = a.denominator {
            print("  = Σ tử số / Σ mẫu số = \(VietnameseNumber.format(n)) / \(VietnameseNumber.format(d)) (\(a.count) số liệu/values)")
        } else {
            print("  \(a.count) số liệu/values")
        }
        for x in r.restated { print("  quy đổi/restated \(x.value.period.id): \(x.methodVi)") }
    }
}
