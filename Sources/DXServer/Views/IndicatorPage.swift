import DXDomain
import DXStorage
import Hummingbird
import Plot

/// One indicator for one unit's subtree: its time series with the target line and the
/// projection to the horizon, the figure of each unit inside, and how it is measured.
enum IndicatorPage {
    struct Data {
        var indicator: Indicator
        var unit: OrgUnit
        var series: [Observation]
        var progress: [Analytics.TargetProgress]
        /// Each unit inside for the latest period, with its name.
        var units: [(OrgUnit, Double)]
        /// The outlines of those units and the root's other children, when a province has loaded them.
        var areas: [(OrgUnit, Boundary)] = []

        static func load(_ db: Database, indicator code: String, unit root: String, asOf: Period) async throws -> Data {
            let analytics = Analytics(db)
            let (indicator, series) = try await analytics.series(indicator: code, unit: root, through: asOf)
            let (unit, all) = try await db.read { sql in
                guard let unit = try await OrgUnitStore(sql).find(root) else { throw DomainErrors([DomainError.unknown(.unit, code: root)]) }
                return (unit, try await OrgUnitStore(sql).all())
            }
            let progress = try await analytics.progress(unit: root, asOf: asOf, include: { $0.indicatorCode == code })
            var units: [(OrgUnit, Double)] = [], areas: [(OrgUnit, Boundary)] = []
            if let latest = series.last?.period {
                let targetKinds = progress.flatMap(\.target.unitKinds)
                let kinds = targetKinds.isEmpty ? Array(Set(all.filter { $0.parentCode == root }.map(\.kind))) : targetKinds
                let (_, values) = try await analytics.unitValues(indicator: code, period: latest, within: root, kinds: kinds)
                let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
                units = values.compactMap { c, v in byCode[c].map { ($0, v) } }.sorted { $0.1 > $1.1 }
                let mapped = Set(units.map(\.0.code)).union(all.filter { $0.parentCode == root && kinds.contains($0.kind) }.map(\.code))
                areas = try await db.read { try await BoundaryStore($0).find(codes: Array(mapped)) }.compactMap { b in byCode[b.unitCode].map { ($0, b) } }
            }
            return Data(indicator: indicator, unit: unit, series: series, progress: progress, units: units, areas: areas)
        }
    }

    static func build(_ d: Data, _ place: PagePlace) -> Page {
        let t = place.lang, i = d.indicator
        var page = Page(title: t.name(i), place)
        page.add(.p(.class("muted"), .code(.text(i.code)), .text(" · \(t.pillar(i.pillar)) · \(d.unit.name)")))
        let target = d.progress.first
        let a = target?.assessment
        let projection = a?.projection.map { LineChart.Projection(label: t.axis(target!.target.horizon), value: $0) }
        // A growth target (×7 on last year) is a multiple, not a level: no line is drawn at 7.
        let level = a?.method == "growth" ? nil : a?.threshold
        let horizonAhead = target.map { $0.target.horizon.end > (d.series.last?.period.end ?? $0.target.horizon.end) } ?? false
        let chart = LineChart(title: "\(t.name(i)) · \(d.unit.name)",
                              desc: d.series.map { "\(t.period($0.period)): \(t.value($0.value, i))" }.joined(separator: ", "),
                              xLabels: d.series.map { t.axis($0.period) }, series: [.init(label: i.code, values: d.series.map(\.value))],
                              target: level, targetLabel: target.map { t("Chỉ tiêu", "Target") + " " + t.condition($0.target, i) } ?? "",
                              projection: horizonAhead ? projection : nil, inverted: i.valueType == .rank,
                              ceiling: i.valueType == .percentage ? 100 : nil, format: { t.number($0, decimals: i.valueType == .ratio ? 1 : 0) })
        if d.series.isEmpty {
            page.add(.p(.class("muted"), .text(t("Chưa có số liệu đã phê duyệt.", "No approved figures yet."))))
        } else {
            page.add(chart: chart.svg, caption: t("Diễn biến theo kỳ, đường nét đứt là chỉ tiêu và dự báo", "By period; dashed: the target and the projection"),
                     table: DataTable(id: "chuoi", caption: t("Số liệu theo kỳ", "Figures by period"), header: [t("Kỳ", "Period"), t("Giá trị", "Value")],
                                      rows: d.series.map { [.text(t.period($0.period)), .value($0.value, i, t)] }))
        }
        for p in d.progress {
            page.add(.section(.h2(.text("\(p.target.code): \(t.condition(p.target, i))")),
                              .p(.text(t("Trạng thái: ", "Status: ")), .strong(.class("s-\(p.assessment.status.rawValue)"), .text(t.status(p.assessment.status)))),
                              .disclosure(t("Cách đánh giá: ", "How it is judged: ") + t.method(p.assessment.method), open: true,
                                          .ul(.forEach(t == .vi ? p.assessment.explanationVi : p.assessment.explanationEn) { .li(.text($0)) }))))
        }
        if !d.units.isEmpty, let latest = d.series.last?.period {
            let bars = BarChart(title: t("\(t.name(i)) theo đơn vị, \(t.period(latest).lowercased())", "\(t.name(i)) by unit, \(t.period(latest))"),
                                desc: d.units.prefix(40).map { "\($0.0.name): \(t.value($0.1, i))" }.joined(separator: ", "),
                                bars: d.units.prefix(40).map { .init(label: $0.0.name, value: $0.1, text: t.value($0.1, i)) },
                                scale: i.valueType == .percentage ? 100 : nil)
            page.add(chart: bars.svg, caption: t("Theo đơn vị, \(t.period(latest).lowercased())", "By unit, \(t.period(latest))"),
                     table: DataTable(id: "don-vi", caption: t("Số liệu từng đơn vị, \(t.period(latest).lowercased())", "Each unit, \(t.period(latest))"),
                                      header: [t("Mã", "Code"), t("Đơn vị", "Unit"), t("Giá trị", "Value")],
                                      rows: d.units.map { [.text($0.0.code), .text($0.0.name, link: .unit($0.0.code)), .value($0.1, i, t)] }))
            if !d.areas.isEmpty {
                let values = Dictionary(d.units.map { ($0.0.code, $0.1) }, uniquingKeysWith: { a, _ in a })
                let map = ChoroplethMap(title: t("Bản đồ \(t.name(i).lowercased()), \(t.period(latest).lowercased())", "Map: \(t.name(i)), \(t.period(latest))"),
                                        areas: d.areas.map { unit, boundary in
                                            let v = values[unit.code]
                                            return .init(boundary: boundary, name: unit.name, value: v,
                                                         text: v.map { t.value($0, i) } ?? t("chưa có số liệu", "no figure"))
                                        }, format: { t.value($0, i) })
                page.add(.figure(.figcaption(.text(t("Bản đồ theo đơn vị, màu đậm là cao hơn", "By unit on the map; darker is higher"))),
                                 .raw(map.svg(id: "map")),
                                 .p(.a(.href("#t-don-vi"), .text(t("Số liệu của bản đồ: bảng từng đơn vị", "The map's figures: the table of units"))))))
            }
        }
        page.add(.h2(.text(t("Cách tính", "How it is measured"))))
        page.add(.dl(.dt(.text(t("Định nghĩa", "Definition"))), .dd(.text(i.definitionVi ?? t.name(i))),
                     .unwrap(i.numeratorVi) { .group(.dt(.text(t("Tử số", "Numerator"))), .dd(.text($0))) },
                     .unwrap(i.denominatorVi) { .group(.dt(.text(t("Mẫu số", "Denominator"))), .dd(.text($0))) },
                     .dt(.text(t("Cộng dồn lên cấp trên", "Adding up"))), .dd(.text(aggregation(i, t))),
                     .unwrap(i.computed) { .group(.dt(.text(t("Tự tính", "Computed"))), .dd(.text($0.describeVi))) },
                     .dt(.text(t("Dữ liệu mở", "Open data"))),
                     .dd(i.isPublished ? .a(.href(SiteURL.openDataIndicator(i.code, format: nil)), .text("/open-data/\(i.code)")) : .text(t("Không công bố", "Not published")))))
        return page
    }

    static func aggregation(_ i: Indicator, _ t: Lang) -> String {
        switch i.aggregation {
        case .ratioOfSums: t("Σ tử số / Σ mẫu số của các đơn vị (không lấy trung bình các tỷ lệ)", "Σ numerators / Σ denominators (never a mean of percentages)")
        case .sum: t("Cộng các đơn vị và các kỳ", "Summed over units and periods")
        case .last: t("Số liệu kỳ gần nhất của mỗi đơn vị, cộng lại", "Each unit's latest figure, summed")
        case .average: t("Trung bình các đơn vị", "Mean of the units")
        case .min: t("Nhỏ nhất", "Minimum")
        case .max: t("Lớn nhất", "Maximum")
        }
    }
}
