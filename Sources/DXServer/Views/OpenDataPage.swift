import DXDomain
import DXStorage
import Hummingbird
import Plot

/// The open-data portal's pages.
enum OpenDataPage {
    /// Values the indicator page lists; its table download, the CSV and the JSON hold all of them.
    static let valuesShown = 100

    static func index(_ entries: [OpenData.Entry], _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Dữ liệu mở chuyển đổi số", "Digital transformation open data"), place)
        page.add(.p(.text(t("Số liệu đã được phê duyệt của các chỉ tiêu công bố, theo đơn vị và kỳ. Mỗi chỉ tiêu có một địa chỉ cố định và tệp CSV, JSON.",
                            "Approved figures of the published indicators, by unit and period. Each indicator has a stable address and CSV and JSON files."))))
        page.add(.p(.class("muted"), .text(t("Danh mục cho cổng dữ liệu: ", "Catalogue for data portals: ")),
                    .a(.href(SiteURL.openDataCatalog(jsonLD: true)), "DCAT-AP (JSON-LD)"), .text(" · "), .a(.href(SiteURL.openDataCatalog(jsonLD: false)), "data.json")))
        let withData = entries.filter { $0.valueCount > 0 }
        page.add(DataTable(id: "chi-tieu", caption: t("Các chỉ tiêu có dữ liệu", "Indicators with data"),
                           header: [t("Mã", "Code"), t("Chỉ tiêu", "Indicator"), t("Trụ cột", "Pillar"), t("Số giá trị", "Values"), t("Kỳ mới nhất", "Latest period")],
                           rows: withData.map { e in
                               [.code(e.indicator.code), .text(t.name(e.indicator), link: .openDataIndicator(e.indicator.code, format: nil)), .text(t.pillar(e.indicator.pillar)),
                                .number(Double(e.valueCount), decimals: 0, t), .text(e.latest.map(t.period) ?? "–")]
                           }))
        return page
    }

    static func indicator(_ i: Indicator, _ values: [OpenData.Published], all: [OpenData.Published], names: [String: String],
                          province: (unit: OrgUnit, totals: [(Period, Double?)], targets: [Target])?, license: OpenDataSettings,
                          _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t.name(i), place)
        page.add(.p(.class("muted"), .code(.text(i.code)), .text(" · \(t.pillar(i.pillar)) · \(i.unitVi)")))
        if let d = i.definitionVi { page.add(.p(.text(d))) }
        // Where the province stands first, as national reporting platforms lead: its total over time against the target.
        if let province, province.totals.contains(where: { $0.1 != nil }) {
            let totals = province.totals.suffix(12)
            let target = province.targets.first { $0.shape != .growthVersusPreviousYear && $0.threshold(for: .province) != nil }
            if let (latest, x) = totals.last(where: { $0.1 != nil }), let x {
                page.add(.p(.class("lead"), .text(t("\(province.unit.name), \(t.period(latest).lowercased()): ", "\(province.unit.name), \(t.period(latest)): ")),
                            .strong(.text(t.value(x, i)))))
            }
            let chart = LineChart(title: "\(t.name(i)) · \(province.unit.name)",
                                  desc: totals.map { "\(t.period($0.0)): \(t.value($0.1, i))" }.joined(separator: ", "),
                                  xLabels: totals.map { t.axis($0.0) }, series: [.init(label: i.code, values: totals.map(\.1))],
                                  target: target?.threshold(for: .province), targetLabel: target.map { t("Chỉ tiêu", "Target") + " " + t.condition($0, i) } ?? "",
                                  inverted: i.valueType == .rank, ceiling: i.valueType == .percentage ? 100 : nil,
                                  format: { t.number($0, decimals: i.valueType == .ratio ? 1 : 0) })
            page.add(chart: chart.svg, caption: t("Toàn tỉnh theo kỳ, đường nét đứt là chỉ tiêu", "The province by period; dashed: the target"),
                     table: DataTable(id: "toan-tinh", caption: t("Toàn tỉnh theo kỳ", "The province by period"), header: [t("Kỳ", "Period"), t("Giá trị", "Value")],
                                      rows: totals.map { [.text(t.period($0.0)), .value($0.1, i, t)] }))
        }
        if let province, !province.targets.isEmpty {
            page.add(.section(.h2(.text(t("Chỉ tiêu đặt ra", "Targets set"))),
                              .ul(.forEach(province.targets) { target in
                                  .li(.code(.text(target.code)), .text(" · \(t.condition(target, i)) · \(t("hạn", "by")) \(t.period(target.horizon).lowercased())"))
                              })))
        }
        page.add(.p(.text(t("Tải toàn bộ: ", "Download all: ")), .a(.href(SiteURL.openDataIndicator(i.code, format: "csv")), "CSV"), .text(" · "),
                    .a(.href(SiteURL.openDataIndicator(i.code, format: "json")), "JSON"), .text(" · "),
                    .a(.href(SiteURL.openDataPackage(i.code)), "Data Package"), .text(" · "),
                    // The licence's address as text: the page links nowhere outside (it serves closed networks too).
                    .text(t("Giấy phép: ", "Licence: ") + license.licenseName + (license.licenseName == license.licenseURL ? "" : " (\(license.licenseURL))"))))
        if let days = i.releaseAfterDays {
            page.add(.p(.class("muted"), .text(t("Số liệu của một kỳ được công bố \(days) ngày sau khi kỳ kết thúc.",
                                                 "A period's figures are published \(days) days after it ends."))))
        }
        let units = Array(Set(all.map(\.value.unitCode))).sorted { (names[$0] ?? $0) < (names[$1] ?? $1) }
        let periods = Array(Set(all.map(\.value.period))).sorted(by: >)
        let q = place.url
        page.add(.form(.class("filters"), .method(.get), .action(SiteURL.openDataIndicator(i.code, format: nil)),
                       RankingPage.select("unit", t("Đơn vị", "Unit"), [("", t("Tất cả", "All"))] + units.map { ($0, names[$0] ?? $0) }, q.value("unit") ?? ""),
                       RankingPage.select("period", t("Kỳ", "Period"), [("", t("Tất cả", "All"))] + periods.map { ($0.id, t.period($0)) }, q.value("period") ?? ""),
                       .button(.type(.submit), .text(t("Lọc", "Filter")))))
        page.add(DataTable(id: "gia-tri", caption: t("Giá trị theo đơn vị và kỳ", "Values by unit and period"),
                           header: [t("Kỳ", "Period"), t("Mã đơn vị", "Unit code"), t("Đơn vị", "Unit"), t("Giá trị", "Value"),
                                    t("Tử số", "Numerator"), t("Mẫu số", "Denominator"), t("Ngày phê duyệt", "Approved on")],
                           rows: values.prefix(2000).map { p in
                               let v = p.value
                               return [.text(t.period(v.period)), .text(v.unitCode), .text(names[v.unitCode] ?? v.unitCode), .value(v.value, i, t),
                                       .number(v.numerator, t), .number(v.denominator, t), .text(p.approvedOn.map(t.date) ?? "–")]
                           }, limit: Self.valuesShown))
        if values.count > Self.valuesShown {
            // A phone reads a hundred rows, not thousands: the filters narrow, the files hold everything.
            page.add(.p(.class("muted"), .text(t("Trang hiện \(Self.valuesShown) giá trị mới nhất; lọc theo đơn vị, kỳ, hoặc tải tệp CSV, JSON có đủ \(values.count).",
                                                 "The page shows the latest \(Self.valuesShown) values; filter by unit or period, or download the CSV and JSON files with all \(values.count)."))))
        }
        return page
    }
}
