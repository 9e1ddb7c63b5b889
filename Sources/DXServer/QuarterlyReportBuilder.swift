import DXDocuments
import DXDomain
import DXStorage
import Foundation

/// The quarterly report's content from the data: the targets in force judged on approved
/// figures (those of plans that are over as results, apart), the units below target (the
/// dashboard's list), the reports of the subtree that are late or missing, and proposals
/// drafted from all three.
public enum QuarterlyReportBuilder {
    public static func build(_ db: Database, unit: String, period: Period, date: LocalDate, letterhead: QuarterlyReport.Letterhead?) async throws -> QuarterlyReport {
        let t = Lang.vi
        let results = try await Analytics(db).progress(unit: unit, asOf: period)
        let below = try await Analytics(db).unitsBelowTarget(within: unit, asOf: period)
        let (units, province, forms, plans) = try await db.read { sql in
            (Dictionary(uniqueKeysWithValues: try await OrgUnitStore(sql).all().map { ($0.code, $0) }),
             try await OrgUnitStore(sql).ancestors(of: unit).last, try await FormStore(sql).forms(),
             try await CatalogStore(sql).plansByCode())
        }
        var overdue: [QuarterlyReport.Overdue] = []
        for form in forms where form.periodType == period.type {
            for r in try await Submissions(db).obligations(form: form.code, period: period, within: unit, today: date)
            where r.timeliness == .missing || r.timeliness == .late {
                overdue.append(.init(unit: units[r.unitCode]?.name ?? r.unitCode, form: form.nameVi, deadline: r.deadline, state: r.timeliness.nameVi))
            }
        }
        /// "135/KH-UBND", else the plan's code.
        func plan(_ code: String) -> String { plans[code]?.number ?? code }
        func figure(_ r: Analytics.TargetProgress, _ o: Observation?) -> String {
            o.map { "\(t.value($0.value, r.indicator)) (\($0.period.nameVi))" } ?? "–"
        }
        // One row per indicator and condition: the same target set by two plans is one row naming both.
        var rows: [QuarterlyReport.TargetRow] = [], rowPlans: [[String]] = []
        for r in results where r.tense == .inForce {
            let row = QuarterlyReport.TargetRow(pillar: r.indicator.pillar, indicator: r.indicator.nameVi, requirement: t.condition(r.target, r.indicator),
                                                baseline: figure(r, r.assessment.baseline), latest: figure(r, r.assessment.latest), status: r.assessment.status)
            if let i = rows.firstIndex(where: { $0.indicator == row.indicator && $0.requirement == row.requirement && $0.latest == row.latest }) {
                rowPlans[i].append(plan(r.target.planCode))
            } else {
                rows.append(row)
                rowPlans.append([plan(r.target.planCode)])
            }
        }
        for i in rows.indices { rows[i].indicator += " (\(rowPlans[i].joined(separator: "; ")))" }

        let place = (province?.name ?? "").replacingOccurrences(of: "Tỉnh ", with: "").replacingOccurrences(of: "Thành phố ", with: "")
        // The standing agency: Sở TT&TT until its merger into Sở KH&CN on 01/03/2025.
        let merged = period.end >= LocalDate(year: 2025, month: 3, day: 1)!
        var head = letterhead ?? .init(governingBody: "UBND \(province?.name ?? "")",
                                       issuingBody: merged ? "Sở Khoa học và Công nghệ" : "Sở Thông tin và Truyền thông",
                                       issuingCode: merged ? "SKHCN" : "STTTT", place: place, signerAuthority: "KT. GIÁM ĐỐC",
                                       signerTitle: "PHÓ GIÁM ĐỐC", signerName: "……………",
                                       recipients: ["UBND tỉnh (b/c)", merged ? "Bộ Khoa học và Công nghệ (b/c)" : "Bộ Thông tin và Truyền thông (b/c)",
                                                    "Các sở, ban, ngành"])
        // The proposals as the coordinator edited them on the report's page, unless the template has its own.
        if head.proposals == nil { head.proposals = try await CommitteeReports(db).report(unit: unit, period: period).proposals }
        var report = QuarterlyReport(letterhead: head, unitName: units[unit]?.name ?? unit, period: period, date: date, rows: rows, overdue: overdue)
        // Units below target, grouped by target, furthest below first (the dashboard's list).
        report.behind = Dictionary(grouping: below, by: \.target.code).values.map { group in
            let first = group[0]
            return QuarterlyReport.Behind(target: "\(first.indicator.nameVi) \(t.condition(first.target, first.indicator)), \(plan(first.target.planCode))",
                                          units: group.sorted { $0.gap > $1.gap }.map { "\($0.unit.name) \(t.value($0.latest.value, $0.indicator)) (\($0.latest.period.nameVi))" })
        }.sorted { $0.target < $1.target }
        let pastResults = PastResult.of(results.filter { $0.tense == .past }.map { ($0.target, $0.assessment.status) })
        report.past = pastResults.map { "\($0.summaryVi) (\(plans[$0.planCode]?.citation ?? $0.planCode))" }
        report.draftedProposals = proposals(results.filter { $0.tense == .inForce }, below: below, overdue: overdue)
        return report
    }

    /// What the data asks of the People's Committee and the units; the agency edits it
    /// (its template's `proposals` replace these).
    static func proposals(_ inForce: [Analytics.TargetProgress], below: [Analytics.UnitBelowTarget],
                          overdue: [QuarterlyReport.Overdue]) -> [String] {
        var out: [String] = []
        let lagging = inForce.filter { [.behind, .missed].contains($0.assessment.status) }.map(\.indicator.nameVi)
        if !lagging.isEmpty {
            out.append("Đề nghị UBND tỉnh chỉ đạo các cơ quan, đơn vị đẩy nhanh tiến độ các chỉ tiêu chậm tiến độ, không đạt: "
                       + Array(Set(lagging)).sorted().joined(separator: "; "))
        }
        let units = Set(below.map(\.unit.name))
        if !units.isEmpty {
            out.append("Đề nghị \(units.count) đơn vị chưa đạt mục tiêu của cấp mình (mục III) xây dựng giải pháp khắc phục và báo cáo kết quả trong quý tới")
        }
        if !overdue.isEmpty {
            out.append("Đề nghị \(Set(overdue.map(\.unit)).count) đơn vị chậm báo cáo (mục IV) hoàn thành và gửi báo cáo trên dxtrack")
        }
        let noData = inForce.filter { $0.assessment.status == .noData }.map(\.indicator.nameVi)
        if !noData.isEmpty {
            out.append("Đề nghị các cơ quan, đơn vị cung cấp số liệu cho các chỉ tiêu chưa có số liệu: " + Array(Set(noData)).sorted().joined(separator: "; "))
        }
        return out
    }
}
