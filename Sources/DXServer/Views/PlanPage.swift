import DXDomain
import DXStorage
import Hummingbird
import Plot

/// The plans of the catalog, and one plan with every target and its status.
enum PlanPage {
    static func list(_ plans: [Plan], unitNames: [String: String], _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Kế hoạch, chỉ thị", "Plans and directives"), place)
        page.add(DataTable(id: "ke-hoach", caption: t("Các văn bản đặt chỉ tiêu", "The documents that set targets"),
                           header: [t("Số hiệu", "Number"), t("Trích yếu", "Title"), t("Đơn vị", "Unit"), t("Ngày ban hành", "Issued"), t("Đến", "Horizon")],
                           rows: plans.map { p in
                               [.text(p.number ?? p.code, link: .plan(p.code)), .text(p.title), .text(unitNames[p.unitCode] ?? p.unitCode),
                                p.issuedOn.map(DataTable.Cell.date) ?? .text("–"), .text(t.period(p.horizon))]
                           }))
        return page
    }

    static func build(_ plan: Plan, _ progress: [Analytics.TargetProgress], _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: plan.title, place)
        page.add(.p(.class("muted"), .text([plan.number, plan.issuer, plan.issuedOn.map(t.date)].compactMap { $0 }.joined(separator: " · "))))
        let c = StatusCounts(progress.map(\.assessment.status))
        page.add(.p(.raw(DashboardPage.stacked(id: "plan-status", title: t("Chỉ tiêu theo trạng thái", "Targets by status"), c, t)),
                    .text(" " + ProgressStatus.allCases.map { "\(t.status($0)): \(c[$0])" }.joined(separator: " · "))))
        page.add(TargetTable.make(id: "chi-tieu", caption: t("Mọi chỉ tiêu của văn bản", "Every target of the document"), progress, unit: plan.unitCode, plans: [plan.code: plan], t))
        return page
    }
}
