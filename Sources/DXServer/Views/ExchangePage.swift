import DXDomain
import DXStorage
import Plot

/// The coordinators' page of the exchange with other systems: the targets pushed to on a
/// schedule, with the outcome of each one's latest push, and the latest pushes of all.
enum ExchangePage {
    static func build(targets: [PushTarget], pushes: [ExportRecord], names: [String: String], _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Trao đổi dữ liệu", "Data exchange"), place)
        page.add(.p(.text(t("Số liệu chính thức gửi tới hệ thống khác (DHIS2). Đặt lịch bằng lệnh dxtrack push --schedule.",
                            "Official figures pushed to other systems (DHIS2). Schedule them with dxtrack push --schedule."))))
        func outcome(_ r: ExportRecord?) -> DataTable.Cell {
            guard let r else { return .text(t("Chưa gửi", "Not yet")) }
            return .text(r.status == "sent" ? t("Đã gửi \(r.rows) dòng", "Sent \(r.rows) rows") : t("Không gửi được", "Not sent"))
        }
        page.add(DataTable(id: "lich-gui", caption: t("Gửi theo lịch (\(targets.count))", "Scheduled (\(targets.count))"),
                           header: [t("Tên", "Name"), t("Địa chỉ", "Address"), t("Đơn vị", "Unit"), t("Kỳ", "Periods"), t("Định danh", "Identifiers"),
                                    t("Lần gần nhất", "Latest"), t("Kết quả", "Outcome")],
                           rows: targets.map { target in
                               let last = pushes.first { $0.targetName == target.name }
                               return [.code(target.name), .text(target.url), .text(names[target.unit] ?? target.unit),
                                       .text("\(t(target.periodType.nameVi, target.periodType.rawValue)), +\(target.afterDays) \(t("ngày", "days"))"),
                                       .text(target.mapping.nameVi), .text(last.map { t.moment($0.startedAt) + " · " + $0.period } ?? "–"), outcome(last)]
                           }))
        page.add(DataTable(id: "da-gui", caption: t("Các lần gửi gần đây", "Latest pushes"),
                           header: [t("Lúc", "When"), t("Tới", "To"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Dòng", "Rows"),
                                    t("Lần thử", "Attempts"), t("Kết quả", "Outcome"), t("Trả lời", "Answer")],
                           rows: pushes.map { r in
                               [.text(t.moment(r.startedAt)), .text(r.targetName ?? r.target), .text(names[r.unitCode] ?? r.unitCode), .text(r.period),
                                .number(Double(r.rows), decimals: 0, t), .number(Double(r.attempts), decimals: 0, t), outcome(r),
                                .text(String((r.response ?? "").prefix(160)))]
                           }))
        return page
    }
}
