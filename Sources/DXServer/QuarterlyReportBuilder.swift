import DXDocuments
import DXDomain
import DXStorage
import Foundation

/// The quarterly report's content from the data: the unit's targets judged on
/// approved figures, and the reports of its subtree that are late or missing.
public enum QuarterlyReportBuilder {
    /// Units of the kinds a target names whose approved figure for the period misses the
    /// threshold set for their level (the worst first, at most 30).
    static func behind(_ db: Database, unit: String, period: Period, units: [String: OrgUnit]) async throws -> [QuarterlyReport.Behind] {
        let values = try await Analytics(db).officialValues(within: unit, period: period)
        let (targets, indicators) = try await db.read { sql in
            (try await CatalogStore(sql).targets(), Dictionary(uniqueKeysWithValues: try await CatalogStore(sql).indicators().map { ($0.code, $0) }))
        }
        var out: [(gap: Double, item: QuarterlyReport.Behind)] = []
        for v in values {
            guard let x = v.value, let u = units[v.unitCode], let indicator = indicators[v.indicatorCode] else { continue }
            let level = u.kind.adminLevel ?? u.parentCode.flatMap { units[$0]?.kind.adminLevel }
            // The nearest target still ahead: the one the unit is working towards now.
            let ahead = targets.filter { $0.indicatorCode == v.indicatorCode && $0.unitKinds.contains(u.kind) && $0.horizon.end >= period.end }
            if let t = ahead.min(by: { $0.horizon.end < $1.horizon.end }) {
                guard let threshold = t.threshold(for: level), t.shape.isMet(observed: x, threshold: threshold, direction: indicator.direction) == false else { continue }
                let f = { (y: Double) in VietnameseNumber.format(y, decimals: indicator.decimals) }
                out.append((abs(x - threshold), .init(unit: u.name, indicator: indicator.nameVi, value: f(x),
                                                      requirement: "\(t.shape.describeVi(f(threshold))) (\(t.horizon.nameVi))")))
            }
        }
        return out.sorted { $0.gap > $1.gap }.prefix(30).map(\.item)
    }

    /// Progress of every target of the unit on approved figures, and the overdue reports of its subtree.
    public static func build(_ db: Database, unit: String, period: Period, date: LocalDate, letterhead: QuarterlyReport.Letterhead?) async throws -> QuarterlyReport {
        let results = try await Analytics(db).progress(unit: unit, asOf: period)
        let (units, province, forms) = try await db.read { sql in
            (Dictionary(uniqueKeysWithValues: try await OrgUnitStore(sql).all().map { ($0.code, $0) }),
             try await OrgUnitStore(sql).ancestors(of: unit).last, try await FormStore(sql).forms())
        }
        var overdue: [QuarterlyReport.Overdue] = []
        for form in forms where form.periodType == period.type {
            for r in try await Submissions(db).obligations(form: form.code, period: period, within: unit, today: date)
            where r.timeliness == .missing || r.timeliness == .late {
                overdue.append(.init(unit: units[r.unitCode]?.name ?? r.unitCode, form: form.nameVi, deadline: r.deadline, state: r.timeliness.nameVi))
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
        var report = QuarterlyReport(letterhead: head, unitName: units[unit]?.name ?? unit, period: period, date: date, rows: rows, overdue: overdue)
        report.behind = try await behind(db, unit: unit, period: period, units: units)
        return report
    }
}
