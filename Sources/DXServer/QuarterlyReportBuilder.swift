import DXDocuments
import DXDomain
import DXStorage
import Foundation

/// The quarterly report's content from the data: the unit's targets judged on
/// approved figures, and the reports of its subtree that are late or missing.
public enum QuarterlyReportBuilder {
    /// Progress of every target of the unit on approved figures, and the overdue reports of its subtree.
    public static func build(_ db: Database, unit: String, period: Period, date: LocalDate, letterhead: QuarterlyReport.Letterhead?) async throws -> QuarterlyReport {
        let results = try await Analytics(db).progress(unit: unit, asOf: period)
        let (names, province, forms) = try await db.read { sql in
            (Dictionary(uniqueKeysWithValues: try await OrgUnitStore(sql).all().map { ($0.code, $0.name) }),
             try await OrgUnitStore(sql).ancestors(of: unit).last, try await FormStore(sql).forms())
        }
        var overdue: [QuarterlyReport.Overdue] = []
        for form in forms where form.periodType == period.type {
            for r in try await Submissions(db).obligations(form: form.code, period: period, within: unit, today: date)
            where r.timeliness == .missing || r.timeliness == .late {
                overdue.append(.init(unit: names[r.unitCode] ?? r.unitCode, form: form.nameVi, deadline: r.deadline, state: r.timeliness.nameVi))
            }
        }
        let place = (province?.name ?? "").replacingOccurrences(of: "Tỉnh ", with: "").replacingOccurrences(of: "Thành phố ", with: "")
        // The standing agency: Sở TT&TT until its merger into Sở KH&CN on 01/03/2025.
        let merged = period.end >= LocalDate(year: 2025, month: 3, day: 1)!
        let head = letterhead ?? .init(governingBody: "UBND \(province?.name ?? "")",
                                       issuingBody: merged ? "Sở Khoa học và Công nghệ" : "Sở Thông tin và Truyền thông",
                                       issuingCode: merged ? "SKHCN" : "STTTT", place: place, signerAuthority: "KT. GIÁM ĐỐC",
                                       signerTitle: "PHÓ GIÁM ĐỐC", signerName: "……………",
                                       recipients: ["UBND tỉnh (b/c)", merged ? "Bộ Khoa học và Công nghệ (b/c)" : "Bộ Thông tin và Truyền thông (b/c)",
                                                    "Các sở, ban, ngành"])
        func n(_ r: Analytics.TargetProgress, _ o: Observation?) -> String {
            o.map { "\(VietnameseNumber.format($0.value, decimals: r.indicator.decimals)) (\($0.period.nameVi))" } ?? "–"
        }
        let rows = results.map { r in
            QuarterlyReport.TargetRow(
                pillar: r.indicator.pillar, indicator: r.indicator.nameVi,
                requirement: r.target.shape.describeVi(r.assessment.threshold.map { VietnameseNumber.format($0) } ?? "–") + " (\(r.target.horizon.nameVi))",
                baseline: n(r, r.assessment.baseline), latest: n(r, r.assessment.latest), status: r.assessment.status)
        }
        return QuarterlyReport(letterhead: head, unitName: names[unit] ?? unit, period: period, date: date, rows: rows, overdue: overdue)
    }
}
