import DXDomain
import Foundation
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
    /// Where each province stands, on its published indicators: told to everyone.
    var standings: [Standing] = []
    /// `?q=`: the directory narrowed to units whose name or code holds it.
    var query: String? = nil
    static let directoryShown = 60
    static let figuresShown = 30

    /// A province's targets in force, judged on approved figures of published indicators.
    struct Standing {
        let province: OrgUnit
        let asOf: Period
        let counts: StatusCounts
    }

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
        var page = Page(title: t("Chuyển đổi số theo chỉ tiêu", "Digital transformation by its targets"), place)
        page.add(.p(.class("muted"), .text(t("Ngày \(today.formattedVietnamese) · \(active.count) đơn vị đang hoạt động · \(indicatorCount) chỉ tiêu",
                                             "\(today.formattedVietnamese) · \(active.count) units in operation · \(indicatorCount) indicators"))))
        for standing in standings { page.add(headline(standing, t)) }
        page.add(.p(.a(.href(SiteURL.openData), .text(t("Dữ liệu mở: số liệu đã phê duyệt, ai cũng xem và tải được", "Open data: approved figures, for everyone to read and download")))))
        if !showsValues {
            page.add(.p(.a(.href(SiteURL.login(next: nil)), .text(t("Đăng nhập", "Sign in"))), .text(t(" để báo cáo và xem số liệu của đơn vị mình.", " to report and see your unit's figures."))))
        }
        page.add(quarterlyReport(t))
        page.add(directory(t))
        guard showsValues else { return page }
        for (id, caption, rows) in [("dang-hoat-dong", t("Số liệu mới nhất của các đơn vị đang hoạt động", "Latest figures of the units in operation"), active),
                                    ("da-giai-the", t("Đơn vị đã giải thể, sáp nhập (giữ lịch sử)", "Units dissolved or merged (history kept)"), ceased)]
            where id == "dang-hoat-dong" || !rows.isEmpty {
            let withFigures = rows.filter { !$0.values.isEmpty }
            page.add(.h2(.text(caption)))
            page.add(table(caption: caption, rows: Array(withFigures.prefix(Self.figuresShown)), t))
            if withFigures.count > Self.figuresShown {
                page.add(.p(.class("muted"), .text(t("Trang hiện \(Self.figuresShown) trong \(withFigures.count) đơn vị có số liệu; tệp tải về có đủ.",
                                                     "The page shows \(Self.figuresShown) of \(withFigures.count) units with figures; the files hold all."))))
            }
            page.add(downloadOnly: download(id, caption, rows, t))
        }
        return page
    }

    /// "Tỉnh Lạng Sơn · Quý 3/2026": the targets in force by status, in tiles and a chart.
    private func headline(_ s: Standing, _ t: Lang) -> Node<HTML.BodyContext> {
        let c = s.counts, id = "tinh-\(s.province.code)"
        let donut = DonutChart.statuses(title: t("Chỉ tiêu đang có hiệu lực theo trạng thái – \(s.province.name)",
                                                 "Targets in force by status – \(s.province.name)"), c, t)
        return .section(.attribute(named: "aria-labelledby", value: id),
            .h2(.id(id), .text("\(s.province.name) · \(t.period(s.asOf))")),
            .p(.class("muted"), .text(t("\(c.total) chỉ tiêu đang có hiệu lực, đánh giá trên số liệu đã phê duyệt được công bố.",
                                        "\(c.total) targets in force, judged on the approved figures published."))),
            .div(.class("headline"), .forEach([ProgressStatus.met, .onTrack, .behind, .missed, .noData]) { status in
                .div(.class("tile s-\(status.rawValue)"), .span(.class("big"), .text("\(Lang.icon(status)) \(c[status])")), .text(t.status(status)))
            }),
            .if(c.total > 0, .figure(.raw(donut.svg(id: "donut-\(s.province.code)")))))
    }

    /// Every unit in use, found by name or code, linked to its page for those who may read it.
    private func directory(_ t: Lang) -> Node<HTML.BodyContext> {
        let q = (query ?? "").trimmingWhitespace()
        let found = active.filter { q.isEmpty || Self.matches($0.unit, q) }.sorted { $0.unit.name < $1.unit.name }
        return .section(.h2(.text(t("Danh bạ đơn vị", "Directory of units"))),
            .form(.method(.get), .action(SiteURL.home), .class("filters"),
                  .div(.class("field"), .label(.for("q"), .text(t("Tìm đơn vị theo tên hoặc mã", "Find a unit by name or code"))),
                       .input(.type(.search), .id("q"), .name("q"), .value(q.attributeEscaped))),
                  .button(.type(.submit), .text(t("Tìm", "Find")))),
            .p(.class("muted"), .text(t("\(found.count) đơn vị", "\(found.count) units") + (found.count > Self.directoryShown
                ? t(", hiện \(Self.directoryShown) đơn vị đầu; hãy gõ tên để tìm", ", the first \(Self.directoryShown) shown; type a name to find one") : ""))),
            .ul(.class("directory"), .forEach(found.prefix(Self.directoryShown)) { row in
                .li(showsValues ? .a(.href(SiteURL.unit(row.unit.code)), .text(row.unit.name)) : .text(row.unit.name),
                    .span(.class("muted"), .text(" · \(t.kind(row.unit.kind)) · \(row.unit.code)")))
            }))
    }

    /// Whether the unit's name or code holds `q`, letter case and Vietnamese marks aside
    /// ("lang son" finds "Lạng Sơn").
    static func matches(_ unit: OrgUnit, _ q: String) -> Bool {
        let plain = { (s: String) in s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).replacingOccurrences(of: "đ", with: "d") }
        let needle = plain(q)
        return plain(unit.name).contains(needle) || plain(unit.code).contains(needle)
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
