import DXDomain
import DXStorage
import Hummingbird
import Plot

/// One unit: its targets with bullet charts, each indicator's trend as small multiples,
/// its latest values and its reports with where they stand.
enum UnitPage {
    struct Data {
        var unit: OrgUnit
        var asOf: Period
        /// The targets in force in `asOf`; those of plans that are over are left to the dashboard's results.
        var progress: [Analytics.TargetProgress]
        var plans: [String: Plan]
        var trends: [(Indicator, [Observation])]
        var reports: [Submissions.Report]

        static func load(_ db: Database, unit code: String, asOf: Period, today: LocalDate) async throws -> Data {
            let (unit, indicators, forms, plans) = try await db.read { sql in
                guard let unit = try await OrgUnitStore(sql).find(code) else { throw DomainErrors([DomainError.unknown(.unit, code: code)]) }
                return (unit, try await CatalogStore(sql).indicators(), try await FormStore(sql).forms(), try await CatalogStore(sql).plansByCode())
            }
            let analytics = Analytics(db)
            let progress = try await analytics.progress(unit: code, asOf: asOf).filter { $0.tense == .inForce }
            // Trends of the indicators the unit's targets follow, then those it reports.
            let followed = progress.map(\.indicator.code) + forms.filter { $0.unitKinds.contains(unit.kind) }.flatMap(\.indicators)
            var seen = Set<String>(), trends: [(Indicator, [Observation])] = []
            for code in followed where seen.insert(code).inserted {
                guard let indicator = indicators.first(where: { $0.code == code }) else { continue }
                let series = try await analytics.series(indicator: code, unit: unit.code, through: asOf).1
                if !series.isEmpty { trends.append((indicator, series)) }
            }
            var reports: [Submissions.Report] = []
            for form in forms where form.unitKinds.contains(unit.kind) {
                let current = Period(type: form.periodType, containing: today)
                for period in [current, current.previous, current.previous.previous] {
                    reports += try await Submissions(db).obligations(form: form.code, period: period, within: code, today: today)
                        .filter { $0.unitCode == code }
                }
            }
            return Data(unit: unit, asOf: asOf, progress: progress, plans: plans,
                        trends: trends, reports: reports)
        }
    }

    static func build(_ d: Data, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: d.unit.name, place)
        page.add(.p(.class("muted"), .text("\(d.unit.code) · \(t.kind(d.unit.kind))"
                                          + (d.unit.validTo.map { t(" · hoạt động đến \(t.date($0))", " · until \(t.date($0))") } ?? "")),
                    .text(" · "), .a(.href(SiteURL.dashboard(unit: d.unit.code)), .text(t("Tổng quan của đơn vị", "The unit's dashboard")))))
        page.add(.h2(.text(t("Chỉ tiêu", "Targets"))))
        if d.progress.isEmpty {
            page.add(.p(.class("muted"), .text(t("Không có chỉ tiêu nào đang có hiệu lực giao cho đơn vị này.", "No target in force applies to this unit."))))
        } else {
            page.add(.ul(.class("bullets"), .forEach(Array(d.progress.enumerated())) { i, p in
                let a = p.assessment
                let scale = p.indicator.valueType == .percentage ? 100 : max(a.threshold ?? 0, a.latest?.value ?? 0) * 1.2
                let title = "\(t.name(p.indicator)): \(t.value(a.latest?.value, p.indicator)) / \(t.condition(p.target, p.indicator)) · \(t.status(a.status))"
                return .li(.a(.href(SiteURL.indicator(p.indicator.code, unit: d.unit.code)), .text(t.name(p.indicator))), .text(" "),
                           .raw(BulletChart(title: title, value: a.latest?.value, target: a.threshold, scale: max(scale, 1e-9),
                                            color: Chart.color(a.status)).svg(id: "b-\(i)")),
                           .text(" \(t.value(a.latest?.value, p.indicator)) · "), .span(.class("s-\(a.status.rawValue)"), .text(t.status(a.status))))
            }))
            page.add(TargetTable.make(id: "chi-tieu", caption: t("Chỉ tiêu đang có hiệu lực của đơn vị", "The unit's targets in force"), d.progress,
                                      unit: d.unit.code, plans: d.plans, t))
        }
        if !d.trends.isEmpty {
            page.add(.h2(.text(t("Xu hướng", "Trends"))))
            page.add(.div(.class("multiples"), .forEach(Array(d.trends.enumerated())) { i, trend in
                let (indicator, series) = trend
                let chart = LineChart(title: t.name(indicator), desc: series.map { "\(t.period($0.period)): \(t.value($0.value, indicator))" }.joined(separator: ", "),
                                      xLabels: series.map { t.axis($0.period) }, series: [.init(label: indicator.code, values: series.map(\.value))],
                                      ceiling: indicator.valueType == .percentage ? 100 : nil, format: { t.number($0, decimals: 0) },
                                      width: 260, height: 130)
                return .figure(.figcaption(.a(.href(SiteURL.indicator(indicator.code, unit: d.unit.code)), .text(t.name(indicator)))),
                               .raw(chart.svg(id: "m-\(i)")))
            }))
            let periods = Array(Set(d.trends.flatMap { $0.1.map(\.period) })).sorted().suffix(6)
            page.add(DataTable(id: "xu-huong", caption: t("Số liệu các kỳ gần nhất", "The latest periods' figures"),
                               header: [t("Chỉ tiêu", "Indicator")] + periods.map(t.period),
                               rows: d.trends.map { indicator, series in
                                   [.text(t.name(indicator))] + periods.map { p in .value(series.first { $0.period == p }?.value, indicator, t) }
                               }))
        }
        page.add(.h2(.text(t("Báo cáo", "Reports"))))
        page.add(DataTable(id: "bao-cao", caption: t("Báo cáo của đơn vị ba kỳ gần nhất", "The unit's reports, last three periods"),
                           header: [t("Biểu mẫu", "Form"), t("Kỳ", "Period"), t("Hạn nộp", "Deadline"), t("Trạng thái", "Status"), t("Thời hạn", "Timeliness")],
                           rows: d.reports.map { r in
                               [.text(r.form.nameVi, link: .report(form: r.form.code, unit: r.unitCode, period: r.period.id)), .text(t.period(r.period)),
                                .date(r.deadline), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"), .text(t.timeliness(r.timeliness))]
                           }))
        return page
    }
}
