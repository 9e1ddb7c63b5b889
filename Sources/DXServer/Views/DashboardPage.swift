import DXDomain
import DXStorage
import Hummingbird
import Plot

/// The operations-centre view of a unit: first a headline (targets in force by status,
/// the DTI rank and its change, reporting completeness and what is overdue, each a link to
/// the list behind it), then pillars, targets, past plans' results, units below target,
/// the DTI trend, reporting this period, deadlines coming.
///
/// Only the targets in force in the period are today's status; those of plans and horizons
/// that are over are results, told apart ("Kết quả năm 2022: đạt 18/32") and listed on request.
enum DashboardPage {
    /// What the reader narrowed the list of targets to (`?status=behind`, `?past=1`).
    struct Narrowing: Sendable, Hashable {
        var status: ProgressStatus?
        var pillar: Pillar?
        var past = false

        init(status: ProgressStatus? = nil, pillar: Pillar? = nil, past: Bool = false) {
            self.status = status
            self.pillar = pillar
            self.past = past
        }

        /// Read from the page's query; what it does not know is left out.
        init(_ request: Request) {
            let q = request.uri.queryParameters
            self.init(status: q["status"].flatMap { ProgressStatus(rawValue: String($0)) }, pillar: q["pillar"].flatMap { Pillar(rawValue: String($0)) },
                      past: q["past"] == "1")
        }
    }

    /// The pillars a provincial plan reports on, in the order a Vietnamese report lists them.
    static let pillars: [Pillar] = [.digitalGovernment, .digitalEconomy, .digitalSociety, .digitalBorderGate,
                                    .digitalInfrastructure, .informationSecurity]

    static func build(_ d: Dashboard, units: [OrgUnit], narrowing: Narrowing = .init(), _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Tổng quan chuyển đổi số", "Digital transformation dashboard") + " · " + d.unit.name, place)
        page.add(filters(d, units: units, t))
        page.add(.p(.class("muted"), .text(t("Số liệu đã phê duyệt đến hết \(t.period(d.asOf).lowercased())", "Approved figures up to the end of \(t.period(d.asOf))")
                                           + " · \(d.inForce.count) " + t("chỉ tiêu đang có hiệu lực", "targets in force"))))
        addHeadline(d, t, &page)
        addPillars(d, t, &page)
        addStatus(d, narrowing, t, &page)
        addPast(d, narrowing, t, &page)
        addBelow(d, t, &page)
        addDTI(d, t, &page)
        addReporting(d, t, &page)
        return page
    }

    private static func filters(_ d: Dashboard, units: [OrgUnit], _ t: Lang) -> Node<HTML.BodyContext> {
        let quarters = Period(type: .quarterly, containing: d.asOf.end).andEarlier(8)
        return .form(.class("filters"), .method(.get), .action(SiteURL.dashboard(unit: nil)),
                     .div(.class("field"), .label(.for("f-unit"), .text(t("Đơn vị", "Unit"))),
                          .select(.attribute(named: "id", value: "f-unit"), .attribute(named: "name", value: "unit"), .forEach(units) { u in
                              .choice(u.code, u.name, selected: u.code == d.unit.code)
                          })),
                     .div(.class("field"), .label(.for("f-period"), .text(t("Đến hết kỳ", "Up to"))),
                          .select(.attribute(named: "id", value: "f-period"), .attribute(named: "name", value: "period"), .forEach(quarters) { p in
                              .choice(p.id, t.period(p), selected: p == d.asOf)
                          })),
                     .button(.type(.submit), .text(t("Xem", "Show"))))
    }

    private static func counts(_ items: [Analytics.TargetProgress]) -> StatusCounts { StatusCounts(items.map(\.assessment.status)) }

    /// Where the unit stands, in one row of tiles; each opens the list it counts.
    private static func addHeadline(_ d: Dashboard, _ t: Lang, _ page: inout Page) {
        let h = d.headline, period = d.asOf.id
        func tile(_ url: SiteURL, _ big: String, _ label: String, _ css: String = "") -> Node<HTML.BodyContext> {
            .a(.class("tile \(css)"), .href(url), .span(.class("big"), .text(big)), .text(label))
        }
        var tiles: [Node<HTML.BodyContext>] = [ProgressStatus.met, .onTrack, .behind, .missed].map { s in
            tile(.dashboard(unit: d.unit.code, period: period, status: s), "\(Lang.icon(s)) \(h[s])", t.status(s), "s-\(s.rawValue)")
        }
        if let rank = d.dtiRank.last {
            let change = d.dtiChange.map { c in
                c == 0 ? t("giữ hạng", "unchanged") : c < 0 ? t("↑ tăng \(t.number(-c, decimals: 0)) bậc", "↑ up \(t.number(-c, decimals: 0))")
                    : t("↓ giảm \(t.number(c, decimals: 0)) bậc", "↓ down \(t.number(c, decimals: 0))")
            }
            tiles.append(.a(.class("tile"), .href("#dti"), .span(.class("big"), .text(t("Hạng \(t.number(rank.value, decimals: 0))", "Rank \(t.number(rank.value, decimals: 0))"))),
                            .text("DTI \(rank.period.year)" + (change.map { " · \($0)" } ?? ""))))
        }
        if d.owed > 0 {
            tiles.append(.a(.class("tile"), .href("#bao-cao"), .span(.class("big"), .text(t.percent(100 * Double(d.sent) / Double(d.owed)))),
                            .text(t("báo cáo đã gửi (\(d.sent)/\(d.owed))", "of reports sent (\(d.sent)/\(d.owed))"))))
            tiles.append(.a(.class("tile\(d.overdue.isEmpty ? "" : " s-missed")"), .href(d.overdue.isEmpty ? "#bao-cao" : "#qua-han"),
                            .span(.class("big"), .text("\(d.overdue.count)")), .text(t("báo cáo quá hạn", "reports overdue"))))
        }
        if let c = d.committee {
            let timeliness = c.timeliness(today: d.today)
            tiles.append(.a(.class("tile\(timeliness == .missing || timeliness == .late ? " s-missed" : "")"), .href(SiteURL.committeeReport(unit: c.unitCode, period: c.period.id)),
                            .span(.class("big"), .text(t(c.status.nameVi, c.status.rawValue))),
                            .text(t("Báo cáo UBND tỉnh, hạn \(c.deadline.formattedVietnamese) · \(timeliness.nameVi.lowercased())",
                                    "Report to the People's Committee, due \(c.deadline.formattedVietnamese) · \(timeliness.rawValue)"))))
        }
        page.add(.section(.class("headline"), .attribute(named: "aria-label", value: t("Tình hình chung", "Where things stand")), .group(tiles)))
    }

    private static func addPillars(_ d: Dashboard, _ t: Lang, _ page: inout Page) {
        let byPillar = Dictionary(grouping: d.inForce, by: \.indicator.pillar)
        let shown = pillars + Pillar.allCases.filter { !pillars.contains($0) && byPillar[$0] != nil }
        page.add(.h2(.text(t("Các trụ cột", "Pillars"))))
        page.add(.div(.class("cards"), .forEach(shown) { pillar in
            let items = byPillar[pillar] ?? [], c = counts(items)
            return .section(.class("card"), .attribute(named: "aria-label", value: t.pillar(pillar)),
                            .h3(.a(.href(SiteURL.dashboard(unit: d.unit.code, period: d.asOf.id, pillar: pillar)), .text(t.pillar(pillar)))),
                            .p(.span(.class("big"), .text("\(c[.met])/\(items.count)")), .text(" " + t("chỉ tiêu đạt", "targets met"))),
                            .raw(stacked(id: "p-\(pillar.rawValue)", title: t.pillar(pillar), c, t)))
        }))
        page.add(DataTable(id: "tru-cot", caption: t("Chỉ tiêu theo trụ cột và trạng thái", "Targets by pillar and status"),
                           header: [t("Trụ cột", "Pillar"), t("Số chỉ tiêu", "Targets")] + ProgressStatus.allCases.map(t.status),
                           rows: shown.map { pillar in
                               let items = byPillar[pillar] ?? [], c = counts(items)
                               return [.text(t.pillar(pillar)), .number(Double(items.count), decimals: 0, t)]
                                   + ProgressStatus.allCases.map { .number(Double(c[$0]), decimals: 0, t) }
                           }))
    }

    /// A thin bar split by status, with a title per part.
    static func stacked(id: String, title: String, _ c: StatusCounts, _ t: Lang) -> String {
        let total = max(1, c.total)
        var x = 0.0, body = ""
        for s in ProgressStatus.allCases {
            let w = 200 * Double(c[s]) / Double(total)
            guard w > 0 else { continue }
            body += #"<rect x="\#(Chart.c(x))" y="0" width="\#(Chart.c(w))" height="12" fill="\#(Chart.color(s))"><title>\#(XMLText.escape("\(t.status(s)): \(c[s])"))</title></rect>"#
            x += w
        }
        let desc = ProgressStatus.allCases.map { "\(t.status($0)): \(c[$0])" }.joined(separator: ", ")
        return Chart.svg(id: id, title: title, desc: desc, width: 200, height: 12, body)
    }

    private static func addStatus(_ d: Dashboard, _ narrowing: Narrowing, _ t: Lang, _ page: inout Page) {
        let c = counts(d.inForce)
        page.add(.h2(.text(t("Chỉ tiêu theo trạng thái", "Targets by status"))))
        let donut = DonutChart.statuses(title: t("Chỉ tiêu theo trạng thái", "Targets by status"), c, t)
        let order: [ProgressStatus] = [.missed, .behind, .noData, .onTrack, .met]
        let listed = d.inForce.filter {
            (narrowing.status == nil || $0.assessment.status == narrowing.status) && (narrowing.pillar == nil || $0.indicator.pillar == narrowing.pillar)
        }
        let sorted = listed.sorted { (order.firstIndex(of: $0.assessment.status)!, $0.target.code) < (order.firstIndex(of: $1.assessment.status)!, $1.target.code) }
        page.add(chart: donut.svg, caption: t("Tỷ lệ chỉ tiêu theo trạng thái", "Share of targets by status"),
                 table: DataTable(id: "trang-thai", caption: t("Số chỉ tiêu theo trạng thái", "Targets by status"),
                                  header: [t("Trạng thái", "Status"), t("Số chỉ tiêu", "Targets")],
                                  rows: ProgressStatus.allCases.map { [t.statusCell($0), .number(Double(c[$0]), decimals: 0, t)] }))
        let narrowed = [narrowing.pillar.map(t.pillar), narrowing.status.map { t.status($0).lowercased() }].compactMap { $0 }
        let caption = narrowed.isEmpty ? t("Các chỉ tiêu đang có hiệu lực, chậm nhất trước", "Every target in force, the furthest behind first")
            : t("Chỉ tiêu đang có hiệu lực: ", "Targets in force: ") + narrowed.joined(separator: ", ")
        page.add(TargetTable.make(id: "chi-tieu", caption: caption, sorted, unit: d.unit.code, plans: d.plans, t))
        if !narrowed.isEmpty {
            page.add(.p(.a(.href(SiteURL.dashboard(unit: d.unit.code, period: d.asOf.id)), .text(t("Xem mọi chỉ tiêu", "Show every target")))))
        }
    }

    /// Plans and horizons that are over: their final results, each as a result, never in today's counts.
    private static func addPast(_ d: Dashboard, _ narrowing: Narrowing, _ t: Lang, _ page: inout Page) {
        let results = d.pastResults
        guard !results.isEmpty else { return }
        page.add(.h2(.text(t("Kết quả các kế hoạch, mốc đã kết thúc", "Results of plans and horizons that are over"))))
        page.add(.ul(.class("past"), .forEach(results) { r in
            .li(.strong(.text(t(r.summaryVi, r.summaryEn))), .text(" · " + (d.plans[r.planCode]?.citation ?? r.planCode)))
        }))
        if narrowing.past {
            let past = d.past.sorted { ($1.target.horizon, $0.target.code) < ($0.target.horizon, $1.target.code) }
            page.add(TargetTable.make(id: "chi-tieu-cu", caption: t("Kết quả từng chỉ tiêu của các kế hoạch, mốc đã kết thúc", "Each target of the plans and horizons that are over"),
                                      past, unit: d.unit.code, plans: d.plans, t))
        } else {
            page.add(.p(.a(.href(SiteURL.dashboard(unit: d.unit.code, period: d.asOf.id, past: true)),
                           .text(t("Xem kết quả từng chỉ tiêu đã kết thúc", "Show each past target's result")))))
        }
    }

    private static func addBelow(_ d: Dashboard, _ t: Lang, _ page: inout Page) {
        page.add(.h2(.text(t("Đơn vị dưới mức chỉ tiêu", "Units below target"))))
        guard !d.below.isEmpty else {
            page.add(.p(.class("muted"), .text(t("Không có đơn vị nào dưới mức chỉ tiêu theo số liệu đã phê duyệt.", "No unit is below target on approved figures."))))
            return
        }
        // Furthest below first; a province has thousands of units, so the page shows the first 15
        // (a phone's few screens), the downloads every one.
        page.add(DataTable(id: "duoi-chi-tieu", caption: t("Đơn vị có số liệu mới nhất dưới mức chỉ tiêu của cấp mình, xa nhất trước",
                                                           "Units whose latest figure misses their level's target, furthest first"),
                           header: [t("Đơn vị", "Unit"), t("Chỉ tiêu", "Target"), t("Kỳ", "Period"), t("Số liệu", "Value"), t("Mức chỉ tiêu", "Threshold")],
                           rows: d.below.sorted { $0.gap > $1.gap }.map { b in
                               [.text(b.unit.name, link: .unit(b.unit.code)),
                                .text("\(b.target.code) · \(t.name(b.indicator))", link: .indicator(b.indicator.code, unit: b.unit.code)),
                                .text(t.period(b.latest.period)), .value(b.latest.value, b.indicator, t), .value(b.threshold, b.indicator, t)]
                           }, limit: 15))
    }

    private static func addDTI(_ d: Dashboard, _ t: Lang, _ page: inout Page) {
        guard !d.dtiRank.isEmpty else { return }
        page.add(.h2(.text(t("Xếp hạng DTI", "DTI ranking"))))
        let latest = d.dtiRank.last!
        page.add(.p(.text(t("Hạng \(t.number(latest.value, decimals: 0)) năm \(latest.period.year)", "Rank \(t.number(latest.value, decimals: 0)) in \(latest.period.year)"))))
        let goal = d.progress.first { $0.indicator.code == Dashboard.dtiRankIndicator }?.assessment.threshold
        let chart = LineChart(title: t("Xếp hạng DTI qua các năm", "DTI rank over the years"),
                              desc: d.dtiRank.map { "\($0.period.year): \(t.number($0.value, decimals: 0))" }.joined(separator: ", "),
                              xLabels: d.dtiRank.map { "\($0.period.year)" }, series: [.init(label: "DTI", values: d.dtiRank.map(\.value))],
                              target: goal, targetLabel: goal.map { t("Chỉ tiêu: top \(t.number($0))", "Target: top \(t.number($0))") } ?? "",
                              inverted: true, format: { t.number($0, decimals: 0) })
        page.add(chart: chart.svg, caption: t("Hạng DTI của tỉnh (1 là cao nhất)", "The province's DTI rank (1 is best)"),
                 table: DataTable(id: "dti", caption: t("Hạng DTI theo năm", "DTI rank by year"), header: [t("Năm", "Year"), t("Hạng", "Rank")],
                                  rows: d.dtiRank.map { [.text("\($0.period.year)"), .number($0.value, decimals: 0, t)] }))
    }

    private static func addReporting(_ d: Dashboard, _ t: Lang, _ page: inout Page) {
        page.add(.h2(.text(t("Tình hình báo cáo", "Reporting"))))
        page.add(DataTable(id: "bao-cao", caption: t("Mức độ đầy đủ của báo cáo kỳ gần nhất", "Completeness of the latest period's reports"),
                           header: [t("Biểu mẫu", "Form"), t("Kỳ", "Period"), t("Hạn nộp", "Deadline"), t("Phải nộp", "Owed"),
                                    t("Đã gửi", "Sent"), t("Đã duyệt", "Approved"), t("Đầy đủ", "Complete"), t("Quá hạn", "Overdue")],
                           rows: d.reporting.map { r in
                               [.text(r.form.nameVi), .text(t.period(r.period)), .date(r.reports[0].deadline),
                                .number(Double(r.owed), decimals: 0, t), .number(Double(r.sent), decimals: 0, t),
                                .number(Double(r.approved), decimals: 0, t),
                                .percent(100 * Double(r.sent) / Double(max(1, r.owed)), t),
                                .number(Double(r.overdue.count), decimals: 0, t)]
                           }))
        let overdue = d.reporting.flatMap { r in r.overdue.map { (r, $0) } }
        if !overdue.isEmpty {
            page.add(DataTable(id: "qua-han", caption: t("Đơn vị quá hạn chưa nộp", "Units overdue"),
                               header: [t("Đơn vị", "Unit"), t("Biểu mẫu", "Form"), t("Kỳ", "Period"), t("Hạn nộp", "Deadline"), t("Trạng thái", "Status")],
                               rows: overdue.map { r, report in
                                   [.text(d.unitNames[report.unitCode] ?? report.unitCode, link: .report(form: r.form.code, unit: report.unitCode, period: r.period.id)),
                                    .text(r.form.nameVi), .text(t.period(r.period)), .date(report.deadline), .text(t.reportStatus(report.status))]
                               }, limit: 15))
            // The standing agency urges them (đôn đốc): a page that lists whom, and reminds them all at once.
            page.add(.p(.text(t("Đôn đốc (điều phối viên): ", "Remind them (coordinators): ")),
                        .group(d.reporting.filter { !$0.overdue.isEmpty }.map { r in
                            .a(.href(SiteURL.urgeList(form: r.form.code, period: r.period.id)),
                               .text(t("nhắc \(r.overdue.count) đơn vị – \(r.form.nameVi), \(t.period(r.period))",
                                       "remind \(r.overdue.count) unit(s) – \(r.form.nameVi), \(t.period(r.period))")))
                        })))
        }
        page.add(.h2(.text(t("Hạn nộp sắp tới", "Deadlines coming up"))))
        guard !d.upcoming.isEmpty else {
            page.add(.p(.class("muted"), .text(t("Không có hạn nộp nào trong 45 ngày tới.", "No deadline in the next 45 days."))))
            return
        }
        page.add(DataTable(id: "han-nop", caption: t("Hạn nộp trong 45 ngày tới", "Deadlines in the next 45 days"),
                           header: [t("Hạn nộp", "Deadline"), t("Biểu mẫu", "Form"), t("Kỳ", "Period"), t("Phải nộp", "Owed"), t("Chưa gửi", "Not sent")],
                           rows: d.upcoming.map { r in
                               [.date(r.reports[0].deadline), .text(r.form.nameVi), .text(t.period(r.period)),
                                .number(Double(r.owed), decimals: 0, t), .number(Double(r.owed - r.sent), decimals: 0, t)]
                           }))
    }
}

/// Targets with their status and latest figure, each with its plan, number and horizon (the
/// same figure may be set by two plans): the dashboard, unit and plan pages share it.
enum TargetTable {
    static func make(id: String, caption: String, _ items: [Analytics.TargetProgress], unit: String, plans: [String: Plan] = [:], _ t: Lang) -> DataTable {
        DataTable(id: id, caption: caption,
                  header: [t("Mã", "Code"), t("Văn bản", "Plan"), t("Chỉ tiêu", "Indicator"), t("Mục tiêu", "Target"), t("Thời hạn", "Horizon"),
                           t("Số liệu mới nhất", "Latest"), t("Kỳ", "Period"), t("Trạng thái", "Status")],
                  rows: items.map { p in
                      let a = p.assessment, plan = plans[p.target.planCode]
                      return [.text(p.target.code), .text(plan.map { $0.number ?? $0.title } ?? p.target.planCode, link: .plan(p.target.planCode)),
                              .text(t.name(p.indicator), link: .indicator(p.indicator.code, unit: unit)),
                              .text(t.condition(p.target, p.indicator)), .text(t.period(p.target.horizon)), .value(a.latest?.value, p.indicator, t),
                              .text(a.latest.map { t.period($0.period) } ?? "–"), t.statusCell(a.status)]
                  })
    }
}
