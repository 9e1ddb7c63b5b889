import DXDomain
import Plot

/// The first page: every unit in use today with its latest reported values, and
/// the units that ceased (districts until 30/06/2025) with theirs.
struct HomePage {
    struct Row {
        let unit: OrgUnit
        let values: [(indicator: Indicator, value: DataValue)]
    }

    let today: LocalDate
    let active: [Row]
    let ceased: [Row]
    let indicatorCount: Int
    let showsValues: Bool
    /// The unit whose quarterly report a reader may download (their own subtree's root).
    let reportUnit: String?

    init(units: [OrgUnit], indicators: [Indicator], latest: [DataValue], today: LocalDate, showsValues: Bool, reportUnit: String? = nil) {
        self.showsValues = showsValues
        self.reportUnit = reportUnit
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        let valuesByUnit = Dictionary(grouping: latest, by: \.unitCode)
        let rows = units.map { unit in
            Row(unit: unit, values: (valuesByUnit[unit.code] ?? []).compactMap { v in
                byCode[v.indicatorCode].map { (indicator: $0, value: v) }
            })
        }
        self.today = today
        self.active = rows.filter { $0.unit.isActive(on: today) }
        self.ceased = rows.filter { !$0.unit.isActive(on: today) }
        self.indicatorCount = indicators.count
    }

    func render(viewer: Layout.Viewer?) -> String {
        Layout.page(
            title: "Đơn vị và số liệu mới nhất", viewer: viewer,
            .h1("Đơn vị và số liệu mới nhất"),
            .p(.class("muted"), .text("Ngày \(today.formattedVietnamese) · \(active.count) đơn vị đang hoạt động · \(indicatorCount) chỉ tiêu")),
            .if(!showsValues, .p(.a(.href("/login"), "Đăng nhập"), .text(" để xem số liệu báo cáo của đơn vị mình."))),
            quarterlyReport,
            table(caption: "Đơn vị đang hoạt động", rows: active),
            .if(!ceased.isEmpty, table(caption: "Đơn vị đã giải thể, sáp nhập (giữ lịch sử)", rows: ceased))
        )
    }

    /// Links to last quarter's report to the People's Committee.
    private var quarterlyReport: Node<HTML.BodyContext> {
        guard let unit = reportUnit else { return .empty }
        let quarter = Period(type: .quarterly, containing: today).previous
        let base = "/api/reports/quarterly?unit=\(unit)&period=\(quarter.id)"
        return .p(.text("Báo cáo kết quả chuyển đổi số \(quarter.nameVi.lowercased()): "),
                  .a(.href(base + "&format=docx"), "tải DOCX"), .text(" · "), .a(.href(base + "&format=html"), "xem HTML"))
    }

    private func table(caption: String, rows: [Row]) -> Node<HTML.BodyContext> {
        .table(
            .caption(.text(caption)),
            .thead(.tr(.th("Mã"), .th("Đơn vị"), .th("Loại"), .th("Hiệu lực"), .th("Số liệu mới nhất"))),
            .tbody(.forEach(rows) { row in
                .tr(
                    .td(.text(row.unit.code)),
                    .td(.text(row.unit.name)),
                    .td(.text(row.unit.kind.nameVi)),
                    .td(.class("muted"), .text(validity(row.unit))),
                    .td(row.values.isEmpty
                        ? .span(.class("muted"), .text(showsValues ? "Chưa có số liệu" : "—"))
                        : .ul(.forEach(row.values) { item in
                            .li(.text("\(item.indicator.nameVi): "),
                                .strong(.text(Self.display(item.value, item.indicator))),
                                .span(.class("muted"), .text(" (\(item.value.period.nameVi))")),
                                .unwrap(item.indicator.computed) { computed in
                                    .details(.class("computed"), .summary("tự tính"), .p(.text(item.value.comment ?? computed.describeVi)))
                                })
                        }))
                )
            })
        )
    }

    private func validity(_ unit: OrgUnit) -> String {
        switch (unit.validFrom, unit.validTo) {
        case (nil, nil): "—"
        case (let f?, nil): "từ \(f.formattedVietnamese)"
        case (nil, let t?): "đến \(t.formattedVietnamese)"
        case (let f?, let t?): "\(f.formattedVietnamese) – \(t.formattedVietnamese)"
        }
    }

    /// "37,8%", "7.776 hồ sơ", "Có".
    static func display(_ v: DataValue, _ indicator: Indicator) -> String {
        guard let x = v.value else { return "–" }
        switch indicator.valueType {
        case .percentage: return VietnameseNumber.percent(x, decimals: indicator.decimals)
        case .yesNo: return x == 1 ? "Có" : "Không"
        case .rank: return "hạng \(VietnameseNumber.format(x, decimals: 0))"
        default: return "\(VietnameseNumber.format(x, decimals: indicator.decimals)) \(indicator.unitVi)"
        }
    }
}
