import Foundation
import DXDomain
import DXSignature
import DXStorage
import Hummingbird
import Plot

/// One unit's report for one period as a form: every indicator of the form with
/// last period's value and the target beside it, decimal commas welcome, problems
/// shown next to the field they concern.
struct ReportPage {
    struct Row {
        let indicator: Indicator
        let current: DataValue?
        let previous: DataValue?
        let target: String?
        /// What the person typed, when the form comes back with problems.
        let typed: [String: String]
        let problems: [DomainError]
    }

    let report: Submissions.Report
    let unitName: String
    let rows: [Row]
    let generalProblems: [DomainError]
    let canEdit: Bool
    let canApprove: Bool
    let canReopen: Bool
    let signatures: [SignedReport.Signature]

    /// "Phê duyệt: Cấp huyện ✓ → Cấp tỉnh (đang chờ)".
    static func signOff(_ r: Submissions.Report) -> String {
        let done = r.signedOffLevels
        return "Phê duyệt: " + r.approvalLevels.enumerated().map { i, level in
            level.nameVi + (i < done ? " ✓" : (i == done && r.status == .submitted ? " (đang chờ)" : ""))
        }.joined(separator: " → ")
    }

    func render(viewer: Layout.Viewer?) -> String {
        let r = report
        let path = "/reports/\(r.form.code)/\(r.unitCode)/\(r.period.id)"
        return Layout.page(
            title: "\(r.form.nameVi) – \(unitName)", viewer: viewer,
            .p(.a(.href("/reports"), "← Báo cáo của tôi")),
            .h1(.text(r.form.nameVi)),
            .p(.text("\(unitName) · \(r.period.nameVi) · Hạn nộp \(r.deadline.formattedVietnamese) · "),
               .strong(.class("status status-\(r.status.rawValue)"), .text(r.status.nameVi)),
               .span(.class("muted"), .text(" · \(r.timeliness.nameVi)"))),
            .if(!r.approvalLevels.isEmpty, .p(.class("muted"), .text(Self.signOff(r)))),
            .if(r.record?.reason != nil, .p(.class("notice"), .text("Lý do: \(r.record?.reason ?? "")"))),
            .if(!generalProblems.isEmpty, .div(.class("error"), .attribute(named: "role", value: "alert"),
                                               .ul(.forEach(generalProblems) { .li(.text($0.vi)) }))),
            .if(!r.warnings.isEmpty, .div(.class("notice"), .attribute(named: "role", value: "status"),
                                          .ul(.forEach(r.warnings) { .li(.text($0.vi)) }))),
            .form(
                .action(path), .method(.post),
                .input(.type(.hidden), .name("csrf"), .value(viewer?.csrf ?? "")),
                .input(.type(.hidden), .name("version"), .value(String(r.version))),
                .table(
                    .caption(.text("Số liệu kỳ \(r.period.nameVi)")),
                    .thead(.tr(.th("Chỉ tiêu"), .th("Kỳ trước"), .th("Mục tiêu"), .th("Số liệu kỳ này"))),
                    .tbody(.forEach(rows) { row in .tr(
                        .td(.text(row.indicator.nameVi), .span(.class("muted"), .text(" (\(row.indicator.unitVi))"))),
                        .td(.class("num"), .text(Lang.vi.value(row.previous?.value, row.indicator))),
                        .td(.class("num"), .text(row.target ?? "–")),
                        .td(fields(row))
                    ) })
                ),
                .if(canEdit, .div(.class("actions"),
                    .button(.type(.submit), .name("action"), .value("save"), .text("Lưu nháp")),
                    .button(.type(.submit), .name("action"), .value("submit"), .text("Gửi báo cáo")))),
                .if(canApprove, .div(.class("actions"),
                    .div(.class("field"), .label(.for("reason"), "Lý do trả lại"), .textarea(.id("reason"), .name("reason"))),
                    .button(.type(.submit), .name("action"), .value("return"), .text("Trả lại")),
                    .button(.type(.submit), .name("action"), .value("approve"), .text("Phê duyệt")))),
                .if(canReopen, .div(.class("actions"),
                    .div(.class("field"), .label(.for("reopen-reason"), "Lý do mở lại"), .textarea(.id("reopen-reason"), .name("reason"))),
                    .button(.type(.submit), .name("action"), .value("reopen"), .text("Mở lại báo cáo"))))
            ),
            evidence(path, viewer: viewer),
            .if(!signatures.isEmpty, .section(
                .h2("Chữ ký số"),
                .ul(.forEach(signatures) { s in
                    .li(.text("\(SubmissionAction(rawValue: s.action)?.nameVi.capitalized ?? s.action) · \(s.signer) · \(Self.moment(s.signedAt))"))
                }),
                .p(.a(.href("/api\(path)/signed"), "Tải báo cáo kèm chữ ký số"),
                   .span(.class("muted"), .text(" (kiểm tra ngoại tuyến: dxtrack verify TỆP)"))))),
            .p(.text("Mẫu để điền bằng Excel hoặc LibreOffice: "),
               .a(.href("/api\(path)/template.xlsx"), "tải mẫu XLSX"), .text(" · "), .a(.href("/api\(path)/template.csv"), "tải mẫu CSV"),
               .if(canEdit, .group(.text(" · "), .a(.href("/import"), "nhập từ tệp"))))
        )
    }

    /// "2026-11-23T07:17:20Z" as people in Vietnam read it: "23/11/2026 14:17".
    static func moment(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let seconds = Int(date.timeIntervalSince1970) + 7 * 3600
        let day = LocalDate(vietnamTimeOf: date.timeIntervalSince1970)
        let minutes = (seconds % 86_400 + 86_400) % 86_400 / 60
        return day.formattedVietnamese + " " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    static func hidden(_ name: String, _ value: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(name), .value(value))
    }

    private func evidenceItem(_ e: EvidenceLink, name: String, path: String, viewer: Layout.Viewer?) -> Node<HTML.ListContext> {
        let size = VietnameseNumber.format(Double(e.size) / 1024, decimals: 0)
        let remove: Node<HTML.BodyContext> = .form(
            .action(path + "/evidence"), .method(.post), .enctype(.multipartData), .class("inline"),
            Self.hidden("csrf", viewer?.csrf ?? ""), Self.hidden("version", String(report.version)),
            Self.hidden("indicator", e.indicator), Self.hidden("sha256", e.sha256),
            .button(.type(.submit), .name("action"), .value("remove"), .text("Gỡ")))
        return .li(.a(.href("/api/evidence/\(e.sha256)"), .text(e.filename)),
                   .span(.class("muted"), .text(" · \(name) · \(size) KB")),
                   .if(canEdit, remove))
    }

    /// The files backing the values, and (while the report is a draft) a form to add one.
    private func evidence(_ path: String, viewer: Layout.Viewer?) -> Node<HTML.BodyContext> {
        let r = report
        let names = Dictionary(rows.map { ($0.indicator.code, $0.indicator.nameVi) }, uniquingKeysWith: { a, _ in a })
        let options: Node<HTML.SelectContext> = .forEach(rows) {
            .element(named: "option", nodes: [.attribute(named: "value", value: $0.indicator.code), .text($0.indicator.nameVi)])
        }
        let indicator: Node<HTML.FormContext> = .div(.class("field"), .label(.for("evidence-indicator"), "Chỉ tiêu"),
                                                     .select(.id("evidence-indicator"), .attribute(named: "name", value: "indicator"), options))
        let accept: Attribute<HTML.InputContext> = .attribute(named: "accept", value: "application/pdf,image/png,image/jpeg")
        let file: Node<HTML.FormContext> = .div(.class("field"), .label(.for("evidence-file"), "Tệp (PDF, PNG, JPEG, tối đa 10 MB)"),
                                                .input(.type(.file), .id("evidence-file"), .name("file"), accept))
        let add: Node<HTML.BodyContext> = .form(
            .action(path + "/evidence"), .method(.post), .enctype(.multipartData),
            Self.hidden("csrf", viewer?.csrf ?? ""), Self.hidden("version", String(r.version)), indicator, file,
            .button(.type(.submit), .name("action"), .value("attach"), .text("Đính kèm minh chứng")))
        let list: Node<HTML.BodyContext> = r.evidence.isEmpty
            ? .p(.class("muted"), "Chưa có tệp minh chứng.")
            : .ul(.forEach(r.evidence) { evidenceItem($0, name: names[$0.indicator] ?? $0.indicator, path: path, viewer: viewer) })
        return .section(.h2("Minh chứng"), list, .if(canEdit, add))
    }

    private func fields(_ row: Row) -> Node<HTML.BodyContext> {
        let code = row.indicator.code
        func input(_ prefix: String, _ label: String, _ value: Double?) -> Node<HTML.BodyContext> {
            let name = "\(prefix).\(code)"
            let shown = row.typed[name] ?? value.map { VietnameseNumber.format($0) } ?? ""
            let problem = row.problems.first { ($0.field ?? "").hasSuffix(prefix == "n" ? "numerator" : prefix == "d" ? "denominator" : "value") }
            return .div(.class("field"),
                        .label(.for(name), .text(label)),
                        .input(.type(.text), .id(name), .name(name), .value(shown), .attribute(named: "inputmode", value: "decimal"),
                               .attribute(named: "aria-invalid", value: problem == nil ? "false" : "true"),
                               .attribute(named: "readonly", value: canEdit ? nil : "readonly")),
                        .if(problem != nil, .span(.class("error"), .text(problem?.vi ?? ""))))
        }
        let v = row.current
        let other = row.problems.filter { p in !["numerator", "denominator", "value"].contains(where: { (p.field ?? "").hasSuffix($0) }) }
        return .div(
            row.indicator.takesFraction
                ? .group(input("n", row.indicator.numeratorVi ?? "Tử số", v?.numerator), input("d", row.indicator.denominatorVi ?? "Mẫu số", v?.denominator))
                : input("v", "Giá trị (\(row.indicator.unitVi))", v?.value),
            .forEach(other) { .p(.class("error"), .text($0.vi)) }
        )
    }
}

/// What a signed-in person has to do with reports: a reporter's obligations this period
/// and the last; an approver's queue of submitted reports; a coordinator's overdue list.
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

    static func build(_ items: [Item], history: [Past], role: Role, _ request: Request) -> Page {
        let t = Lang(request)
        var page = Page(title: t("Báo cáo của tôi", "My reports"), request)
        page.add(.p(.a(.href("/import"), .text(t("Nhập số liệu từ tệp CSV, XLSX", "Import figures from a CSV or XLSX file")))))
        if [.approver, .coordinator, .admin].contains(role) {
            let queue = items.filter { $0.report.status == .submitted }
            page.add(.h2(.text(t("Chờ phê duyệt", "Waiting for approval"))))
            page.add(table("cho-duyet", t("Báo cáo đã gửi, chờ phê duyệt (mở để so sánh với kỳ trước)", "Submitted reports (open one to compare with the last period)"), queue, t))
        }
        if [.coordinator, .admin].contains(role) {
            let overdue = items.filter { $0.report.timeliness == .missing }
            page.add(.h2(.text(t("Quá hạn", "Overdue"))))
            page.add(table("qua-han", t("Đơn vị quá hạn chưa nộp", "Units overdue"), overdue, t))
        }
        page.add(.h2(.text(t("Tất cả báo cáo kỳ này và kỳ trước", "Every report, this period and the last"))))
        if items.isEmpty { page.add(.p(.class("muted"), .text(t("Không có báo cáo nào phải nộp.", "No report is due.")))) }
        page.add(table("tat-ca", t("Báo cáo phải nộp kỳ này và kỳ trước", "Reports due this period and the last"), items, t))
        page.add(.h2(.text(t("Lịch sử báo cáo", "Report history"))))
        page.add(DataTable(id: "lich-su", caption: t("Các báo cáo đã lập, kỳ gần nhất trước (tối đa 200)", "Reports started, latest first (up to 200)"),
                           header: [t("Biểu mẫu", "Form"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Trạng thái", "Status"),
                                    t("Người gửi", "Submitted by"), t("Người quyết định", "Decided by"), t("Lý do", "Reason")],
                           rows: history.map { past in
                               let r = past.record
                               return [.text(past.form.nameVi, link: "/reports/\(r.formCode)/\(r.unitCode)/\(r.period.id)"), .text(past.unitName),
                                       .text(t.period(r.period)), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                                       .text(r.submittedBy ?? "–"), .text(r.decidedBy ?? "–"), .text(r.reason ?? "")]
                           }))
        return page
    }

    private static func table(_ id: String, _ caption: String, _ items: [Item], _ t: Lang) -> DataTable {
        DataTable(id: id, caption: caption,
                  header: [t("Biểu mẫu", "Form"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Hạn nộp", "Deadline"), t("Trạng thái", "Status"), t("Thời hạn", "Timeliness")],
                  rows: items.map { item in
                      let r = item.report
                      return [.text(r.form.nameVi, link: "/reports/\(r.form.code)/\(r.unitCode)/\(r.period.id)"), .text(item.unitName),
                              .text(t.period(r.period)), .date(r.deadline), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                              .text(t.timeliness(r.timeliness))]
                  })
    }
}
