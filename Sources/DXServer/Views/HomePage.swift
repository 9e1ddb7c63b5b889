import DXDomain
import Hummingbird
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

    func build(_ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Đơn vị và số liệu mới nhất", "Units and their latest figures"), place)
        page.add(.p(.class("muted"), .text(t("Ngày \(today.formattedVietnamese) · \(active.count) đơn vị đang hoạt động · \(indicatorCount) chỉ tiêu",
                                             "\(today.formattedVietnamese) · \(active.count) units in operation · \(indicatorCount) indicators"))))
        if !showsValues {
            page.add(.p(.a(.href(SiteURL.login(next: nil)), .text(t("Đăng nhập", "Sign in"))), .text(t(" để xem số liệu báo cáo của đơn vị mình.", " to see your unit's figures."))))
        }
        page.add(.p(.a(.href(SiteURL.openData), .text(t("Dữ liệu mở: số liệu đã phê duyệt, ai cũng xem được", "Open data: approved figures, for everyone")))))
        page.add(quarterlyReport(t))
        for (id, caption, rows) in [("dang-hoat-dong", t("Đơn vị đang hoạt động", "Units in operation"), active),
                                    ("da-giai-the", t("Đơn vị đã giải thể, sáp nhập (giữ lịch sử)", "Units dissolved or merged (history kept)"), ceased)]
            where id == "dang-hoat-dong" || !rows.isEmpty {
            page.add(table(caption: caption, rows: rows, t))
            page.add(downloadOnly: download(id, caption, rows, t))
        }
        return page
    }

    /// The table as a spreadsheet wants it: one row per unit and figure.
    private func download(_ id: String, _ caption: String, _ rows: [Row], _ t: Lang) -> DataTable {
        DataTable(id: id, caption: caption,
                  header: [t("Mã", "Code"), t("Đơn vị", "Unit"), t("Loại", "Kind"), t("Hiệu lực", "Valid"),
                           t("Chỉ tiêu", "Indicator"), t("Số liệu", "Figure"), t("Kỳ", "Period")],
                  rows: rows.flatMap { row in
                      let unit: [DataTable.Cell] = [.text(row.unit.code), .text(row.unit.name), .text(t.kind(row.unit.kind)), .text(validity(row.unit, t))]
                      guard !row.values.isEmpty else { return [unit + [.text(""), .text(""), .text("")]] }
                      return row.values.map { unit + [.text(t.name($0.indicator)), .value($0.value.value, $0.indicator, t), .text(t.period($0.value.period))] }
                  })
    }

    /// Links to last quarter's report to the People's Committee.
    private func quarterlyReport(_ t: Lang) -> Node<HTML.BodyContext> {
        guard let unit = reportUnit else { return .empty }
        let quarter = Period(type: .quarterly, containing: today).previous
        return .p(.text(t("Báo cáo kết quả chuyển đổi số \(quarter.nameVi.lowercased()): ", "Digital transformation report, \(quarter.nameEn): ")),
                  .a(.href(SiteURL.quarterlyReport(unit: unit, period: quarter.id, format: "docx")), .text(t("tải DOCX", "DOCX"))), .text(" · "), .a(.href(SiteURL.quarterlyReport(unit: unit, period: quarter.id, format: "html")), .text(t("xem HTML", "HTML"))))
    }

    private func table(caption: String, rows: [Row], _ t: Lang) -> Node<HTML.BodyContext> {
        .scrolling(caption, .table(
            .caption(.text(caption)),
            .thead(.tr(.th(.text(t("Mã", "Code"))), .th(.text(t("Đơn vị", "Unit"))), .th(.text(t("Loại", "Kind"))),
                       .th(.text(t("Hiệu lực", "Valid"))), .th(.text(t("Số liệu mới nhất", "Latest figures"))))),
            .tbody(.forEach(rows) { row in
                .tr(
                    .td(.text(row.unit.code)),
                    .td(.text(row.unit.name)),
                    .td(.text(t.kind(row.unit.kind))),
                    .td(.class("muted"), .text(validity(row.unit, t))),
                    .td(row.values.isEmpty
                        ? .span(.class("muted"), .text(showsValues ? t("Chưa có số liệu", "No figures yet") : "—"))
                        : .ul(.forEach(row.values) { item in
                            .li(.text("\(t.name(item.indicator)): "),
                                .strong(.text(t.value(item.value.value, item.indicator))),
                                .span(.class("muted"), .text(" (\(t.period(item.value.period)))")),
                                .unwrap(item.indicator.computed) { computed in
                                    .details(.class("computed"), .summary(.text(t("tự tính", "computed"))), .p(.text(item.value.comment ?? computed.describeVi)))
                                })
                        }))
                )
            })
        ))
    }

    private func validity(_ unit: OrgUnit, _ t: Lang) -> String {
        switch (unit.validFrom, unit.validTo) {
        case (nil, nil): "—"
        case (let f?, nil): t("từ ", "from ") + f.formattedVietnamese
        case (nil, let to?): t("đến ", "until ") + to.formattedVietnamese
        case (let f?, let to?): "\(f.formattedVietnamese) – \(to.formattedVietnamese)"
        }
    }
}
