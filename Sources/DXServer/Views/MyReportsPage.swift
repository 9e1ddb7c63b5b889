import DXDomain
import DXForms
import DXStorage
import Plot

/// What a signed-in person has to do with reports: a reporter's reports still owed (overdue
/// first) and those sent; an approver's queue of submitted reports, narrowed, counted, sorted
/// by deadline and paged, with approval of several at once; a coordinator's overdue list.
enum MyReportsPage {
    struct Item {
        let report: Submissions.Report
        let unitName: String
    }

    /// A report started in an earlier period.
    struct Past {
        let record: SubmissionRecord
        let form: ReportForm
        let unitName: String
    }

    /// The queue's narrowing, read from the page's query: `?unit=&form=&period=&page=`.
    struct Narrowing {
        var unit: String?
        var form: String?
        var period: String?
        var page = 1
        static let pageSize = 50

        func keeps(_ item: Item) -> Bool {
            let r = item.report
            return (unit == nil || r.unitCode == unit) && (form == nil || r.form.code == form)
                && (period == nil || r.period.id == period)
        }
    }

    static func build(_ items: [Item], history: [Past], role: Role, narrowing: Narrowing, csrf: String?, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Báo cáo của tôi", "My reports"), place)
        let items = items.sorted { ($0.report.deadline, $0.unitName, $0.report.form.code) < ($1.report.deadline, $1.unitName, $1.report.form.code) }
        let owed = items.filter { [.notStarted, .draft, .returned].contains($0.report.status) }
        if role == .reporter {
            let first = owed.sorted { ($0.report.timeliness == .missing ? 0 : 1) < ($1.report.timeliness == .missing ? 0 : 1) }
            page.add(.h2(.text(t("Phải nộp (\(owed.count))", "Still to send (\(owed.count))"))))
            if owed.isEmpty { page.add(.p(.text(t("Không còn báo cáo nào phải nộp. ✓", "Nothing left to send. ✓")))) }
            page.add(.ul(.class("owed"), .forEach(first) { item in
                let r = item.report
                return .li(.a(.href(SiteURL.report(form: r.form.code, unit: r.unitCode, period: r.period.id)), .strong(.text(r.form.nameVi))),
                           .text(" · \(item.unitName) · \(t.period(r.period)) · \(t("hạn", "due")) \(t.date(r.deadline)) · "),
                           .span(.class(r.timeliness == .missing ? "error" : "muted"), .text(t.timeliness(r.timeliness))),
                           .if(r.status == .returned, .span(.class("status-returned"), .text(" · " + t.reportStatus(r.status)))))
            }))
        }
        page.add(.p(.a(.href(SiteURL.importFile), .text(t("Nhập số liệu từ tệp CSV, XLSX", "Import figures from a CSV or XLSX file")))))
        if [.approver, .coordinator, .admin].contains(role) {
            page.add(queue(items.filter { $0.report.status == .submitted }, narrowing: narrowing, csrf: csrf, place))
        }
        if [.coordinator, .admin].contains(role) {
            let overdue = items.filter { $0.report.timeliness == .missing }
            page.add(.h2(.text(t("Quá hạn (\(overdue.count))", "Overdue (\(overdue.count))"))))
            var table = table("qua-han", t("Đơn vị quá hạn chưa nộp", "Units overdue"), overdue, t)
            table.limit = Narrowing.pageSize
            page.add(table)
        }
        let shown = items.filter(narrowing.keeps)
        page.add(.h2(.text(t("Tất cả báo cáo kỳ này và kỳ trước (\(shown.count))", "Every report, this period and the last (\(shown.count))"))))
        if shown.isEmpty { page.add(.p(.class("muted"), .text(t("Không có báo cáo nào phải nộp.", "No report is due.")))) }
        var all = table("tat-ca", t("Báo cáo phải nộp kỳ này và kỳ trước", "Reports due this period and the last"), shown, t)
        all.limit = Narrowing.pageSize
        // A reporter's own few reports are the page; an approver's task is the queue above, and
        // the whole list, hundreds of rows on a phone, stays folded until asked for.
        if role == .reporter { page.add(all) } else { page.add(all, folded: t("Xem danh sách", "Show the list")) }
        page.add(.h2(.text(t("Lịch sử báo cáo", "Report history"))))
        page.add(DataTable(id: "lich-su", caption: t("Các báo cáo đã lập, kỳ gần nhất trước", "Reports started, latest first"),
                           header: [t("Biểu mẫu", "Form"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Trạng thái", "Status"),
                                    t("Người gửi", "Submitted by"), t("Người quyết định", "Decided by")],
                           rows: history.map { past in
                               let r = past.record
                               return [.text(past.form.nameVi, link: .report(form: r.formCode, unit: r.unitCode, period: r.period.id)), .text(past.unitName),
                                       .text(t.period(r.period)), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                                       .text(r.submittedBy ?? "–"), .text(r.decidedBy ?? "–")]
                           }, limit: 20))
        return page
    }

    /// The submitted reports, narrowed by the filters, a page at a time, soonest deadline first;
    /// those whose form needs no signature of its own can be ticked and approved together.
    private static func queue(_ submitted: [Item], narrowing: Narrowing, csrf: String?, _ place: PagePlace) -> Node<HTML.BodyContext> {
        let t = place.lang
        let kept = submitted.filter(narrowing.keeps)
        let pages = max(1, (kept.count + Narrowing.pageSize - 1) / Narrowing.pageSize), at = min(max(narrowing.page, 1), pages)
        let shown = kept.dropFirst((at - 1) * Narrowing.pageSize).prefix(Narrowing.pageSize)
        func choices(_ name: String, _ label: String, _ options: [(String, String)], _ selected: String?) -> Node<HTML.FormContext> {
            .div(.class("field"), .label(.for("q-\(name)"), .text(label)),
                 .select(.id("q-\(name)"), .attribute(named: "name", value: name),
                         .choice("", t("Tất cả", "All"), selected: selected == nil),
                         .forEach(options) { .choice($0.0, $0.1, selected: $0.0 == selected) }))
        }
        let units = Dictionary(submitted.map { ($0.report.unitCode, $0.unitName) }, uniquingKeysWith: { a, _ in a }).sorted { $0.value < $1.value }
        let forms = Dictionary(submitted.map { ($0.report.form.code, $0.report.form.nameVi) }, uniquingKeysWith: { a, _ in a }).sorted { $0.value < $1.value }
        let periods = Set(submitted.map(\.report.period)).sorted(by: >).map { ($0.id, t.period($0)) }
        let filters: Node<HTML.BodyContext> = .form(.method(.get), .action(SiteURL.myReports), .class("filters"),
            choices("unit", t("Đơn vị", "Unit"), units.map { ($0.key, $0.value) }, narrowing.unit),
            choices("form", t("Biểu mẫu", "Form"), forms.map { ($0.key, $0.value) }, narrowing.form),
            choices("period", t("Kỳ", "Period"), periods, narrowing.period),
            .button(.type(.submit), .text(t("Lọc", "Filter"))))
        let rows: Node<HTML.BodyContext> = .scrolling(t("Báo cáo chờ phê duyệt", "Reports waiting for approval"), .table(.id("t-cho-duyet"),
            .caption(.text(t("Báo cáo đã gửi, chờ phê duyệt (mở để so sánh với kỳ trước)", "Submitted reports (open one to compare with the last period)"))),
            .thead(.tr(.th(.text(t("Chọn", "Pick"))), .th(.text(t("Biểu mẫu", "Form"))), .th(.text(t("Đơn vị", "Unit"))), .th(.text(t("Kỳ", "Period"))),
                       .th(.text(t("Hạn nộp", "Deadline"))), .th(.text(t("Thời hạn", "Timeliness"))))),
            .tbody(.forEach(shown) { item in
                let r = item.report, value = ApprovalBatchForm.value(form: r.form.code, unit: r.unitCode, period: r.period, version: r.version)
                let id = "chon-\(r.form.code)-\(r.unitCode)-\(r.period.id)".attributeEscaped
                return .tr(
                    .td(r.form.signatureRequired
                        ? .span(.class("muted"), .text(t("cần ký số", "needs a signature")))
                        : .group(.input(.type(.checkbox), .id(id), .name("reports[]"), .value(value.attributeEscaped), .attribute(named: "form", value: "duyet-nhieu")),
                                 .label(.for(id), .class("visually-hidden"), .text(t("Chọn \(r.form.nameVi) – \(item.unitName)", "Pick \(r.form.nameVi) – \(item.unitName)"))))),
                    .td(.a(.href(SiteURL.report(form: r.form.code, unit: r.unitCode, period: r.period.id)), .text(r.form.nameVi))),
                    .td(.text(item.unitName)), .td(.text(t.period(r.period))), .td(.text(t.date(r.deadline))), .td(.text(t.timeliness(r.timeliness))))
            })))
        let approve: Node<HTML.BodyContext> = .form(.id("duyet-nhieu"), .method(.post), .action(SiteURL.approveReports), .class("actions"),
            .input(.type(.hidden), .name("csrf"), .value((csrf ?? "").attributeEscaped)),
            .button(.type(.submit), .text(t("Phê duyệt các báo cáo đã chọn", "Approve the reports picked"))))
        let paging: Node<HTML.BodyContext> = pages == 1 ? .empty : .nav(.class("paging"), .attribute(named: "aria-label", value: t("Trang", "Pages")),
            .forEach(1...pages) { n in
                n == at ? .strong(.text(" \(n) ")) : .a(.href(narrowing.url(page: n)), .text(" \(n) "))
            })
        return .section(.h2(.text(t("Chờ phê duyệt (\(kept.count))", "Waiting for approval (\(kept.count))"))),
                        filters, kept.isEmpty ? .p(.class("muted"), .text(t("Không có báo cáo nào chờ phê duyệt.", "Nothing waits for approval."))) : .group(rows, approve, paging))
    }

    private static func table(_ id: String, _ caption: String, _ items: [Item], _ t: Lang) -> DataTable {
        DataTable(id: id, caption: caption,
                  header: [t("Biểu mẫu", "Form"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Hạn nộp", "Deadline"), t("Trạng thái", "Status"), t("Thời hạn", "Timeliness")],
                  rows: items.map { item in
                      let r = item.report
                      return [.text(r.form.nameVi, link: .report(form: r.form.code, unit: r.unitCode, period: r.period.id)), .text(item.unitName),
                              .text(t.period(r.period)), .date(r.deadline), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                              .text(t.timeliness(r.timeliness))]
                  })
    }
}

extension MyReportsPage.Narrowing {
    init(_ query: (String) -> String?) {
        unit = query("unit").flatMap { $0.isEmpty ? nil : $0 }
        form = query("form").flatMap { $0.isEmpty ? nil : $0 }
        period = query("period").flatMap { $0.isEmpty ? nil : $0 }
        page = query("page").flatMap(Int.init) ?? 1
    }

    func url(page n: Int) -> SiteURL { .myReportsPage(unit: unit, form: form, period: period, page: n) }
}
