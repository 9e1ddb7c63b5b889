import DXDomain
import Hummingbird
import Plot

/// Rankings: units on one indicator, and units on a composite index with the interval
/// each rank moves in when the weights change by ±25% or the aggregation changes.
enum RankingPage {
    struct Choice {
        var indicator: String
        var kind: OrgUnitKind
        var period: Period
        var root: String
    }

    static func byIndicator(_ ranked: [RankedUnit], indicators: [Indicator], choice c: Choice, names: [String: String], today: LocalDate,
                            _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Xếp hạng đơn vị", "Ranking of units"), place)
        let years = Period(type: .yearly, containing: today).andEarlier(5)
        let kinds: [OrgUnitKind] = [.department, .district, .commune, .ward, .school, .healthFacility, .enterprise]
        page.add(.form(.class("filters"), .method(.get), .action(SiteURL.rankings),
                       .input(.type(.hidden), .name("unit"), .value(c.root.attributeEscaped)),
                       select("indicator", t("Chỉ tiêu", "Indicator"), indicators.map { ($0.code, t.name($0)) }, c.indicator),
                       select("kind", t("Loại đơn vị", "Kind of unit"), kinds.map { ($0.rawValue, t.kind($0)) }, c.kind.rawValue),
                       select("period", t("Kỳ", "Period"), years.map { ($0.id, t.period($0)) }, c.period.id),
                       .button(.type(.submit), .text(t("Xếp hạng", "Rank")))))
        page.add(.p(.a(.href(SiteURL.indexRanking(unit: c.root)), .text(t("Xếp hạng theo bộ chỉ số (có khoảng ổn định)", "Ranking on a composite index (with stability)")))))
        guard let indicator = indicators.first(where: { $0.code == c.indicator }) else { return page }
        guard !ranked.isEmpty else {
            page.add(.p(.class("muted"), .text(t("Chưa có số liệu đã phê duyệt cho lựa chọn này.", "No approved figures for this choice."))))
            return page
        }
        let title = "\(t.name(indicator)) · \(t.kind(c.kind)) · \(t.period(c.period))"
        let bars = BarChart(title: title, desc: ranked.prefix(50).map { "\($0.rank). \(names[$0.unitCode] ?? $0.unitCode): \(t.value($0.value, indicator))" }.joined(separator: ", "),
                            bars: ranked.prefix(50).map { .init(label: "\($0.rank). \(names[$0.unitCode] ?? $0.unitCode)", value: $0.value, text: t.value($0.value, indicator)) },
                            scale: indicator.valueType == .percentage ? 100 : nil)
        page.add(chart: bars.svg, caption: title,
                 table: DataTable(id: "xep-hang", caption: t("Bảng xếp hạng (hạng bằng nhau khi số liệu bằng nhau)", "Ranking (equal figures share a rank)"),
                                  header: [t("Hạng", "Rank"), t("Mã", "Code"), t("Đơn vị", "Unit"), t("Giá trị", "Value")],
                                  rows: ranked.map { [.number(Double($0.rank), decimals: 0, t), .text($0.unitCode),
                                                      .text(names[$0.unitCode] ?? $0.unitCode, link: .unit($0.unitCode)), .value($0.value, indicator, t)] }))
        return page
    }

    static func byIndex(_ f: IndexFramework, frameworks: [IndexFramework], period: Period, ranked: [RankedScore],
                        missing: [IndexComponent] = [], names: [String: String], today: LocalDate, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Xếp hạng theo bộ chỉ số", "Ranking on a composite index"), place)
        let years = Period(type: .yearly, containing: today).andEarlier(5)
        page.add(.form(.class("filters"), .method(.get), .action(SiteURL.indexRanking(unit: nil)),
                       select("framework", t("Bộ chỉ số", "Framework"), frameworks.map { ($0.code, $0.nameVi) }, f.code),
                       select("period", t("Năm", "Year"), years.map { ($0.id, t.period($0)) }, period.id),
                       .button(.type(.submit), .text(t("Xếp hạng", "Rank")))))
        if !missing.isEmpty {
            let names = missing.map(\.nameVi).joined(separator: ", ")
            page.add(.p(.class("notice"), .text(t("Danh mục chưa có chỉ tiêu cho thành phần: \(names). Chỉ số được tính không có các thành phần này.",
                                                  "The catalog holds no indicator for the component(s): \(names). The index is computed without them."))))
        }
        guard !ranked.isEmpty else {
            page.add(.p(.class("muted"), .text(t("Chưa có số liệu đã phê duyệt của các thành phần cho năm này.", "No approved component figures for this year."))))
            return page
        }
        let summary = RankingSummary(ranked)
        page.add(.p(.text(t("\(summary.count) đơn vị · trung bình \(t.number(summary.mean, decimals: 4)) · \(summary.aboveMean) đơn vị trên trung bình · \(summary.atLeastHalf) đơn vị từ 0,5 trở lên",
                            "\(summary.count) units · mean \(t.number(summary.mean, decimals: 4)) · \(summary.aboveMean) above the mean · \(summary.atLeastHalf) at or above 0.5"))))
        let scored = ranked.filter { $0.score.index != nil }
        let bars = BarChart(title: f.nameVi, desc: scored.prefix(50).map { "\($0.rank). \(names[$0.score.unit] ?? $0.score.unit): \(t.number($0.score.index!, decimals: 4))" }.joined(separator: ", "),
                            bars: scored.prefix(50).map { .init(label: "\($0.rank). \(names[$0.score.unit] ?? $0.score.unit)", value: $0.score.index!,
                                                                text: t.number($0.score.index!, decimals: 4)) }, scale: 1)
        page.add(chart: bars.svg, caption: "\(f.nameVi) · \(t.period(period))",
                 table: DataTable(id: "chi-so", caption: t("Xếp hạng và khoảng hạng khi trọng số ±25% hoặc đổi cách tổng hợp",
                                                          "Ranks, and the interval each moves in under ±25% weights or the other aggregation"),
                                  header: [t("Hạng", "Rank"), t("Khoảng hạng", "Rank interval"), t("Đơn vị", "Unit"), t("Chỉ số", "Index")]
                                      + f.pillars.map(\.nameVi),
                                  rows: ranked.map { r in
                                      [.number(Double(r.rank), decimals: 0, t), .text(r.rankInterval.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "–"),
                                       .text(names[r.score.unit] ?? r.score.unit), .number(r.score.index, decimals: 4, t)]
                                          + f.pillars.map { .number(r.score.pillars[$0.code], decimals: 4, t) }
                                  }))
        return page
    }

    /// A labelled `<select>` that keeps the current choice.
    static func select(_ name: String, _ label: String, _ options: [(String, String)], _ current: String) -> Node<HTML.FormContext> {
        .div(.class("field"), .label(.for("f-\(name)"), .text(label)),
             .select(.attribute(named: "id", value: "f-\(name)"), .attribute(named: "name", value: name),
                     .forEach(options) { .choice($0.0, $0.1, selected: $0.0 == current) }))
    }
}
