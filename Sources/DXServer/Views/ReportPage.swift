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
        /// The nearest target still ahead, with its threshold for the unit's level.
        let target: (Target, threshold: Double)?
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
    static func signOff(_ r: Submissions.Report, _ t: Lang) -> String {
        let done = r.signedOffLevels
        return t("Phê duyệt: ", "Sign-off: ") + r.approvalLevels.enumerated().map { i, level in
            t(level.nameVi, t.kind(level.approverKind)) + (i < done ? " ✓" : (i == done && r.status == .submitted ? t(" (đang chờ)", " (waiting)") : ""))
        }.joined(separator: " → ")
    }

    /// The form, and its figures as a table to download (indicator, last period, target, this period).
    func build(_ place: PagePlace, viewer: Layout.Viewer?) -> Page {
        let r = report, t = place.lang
        let (form, unit, period) = (r.form.code, r.unitCode, r.period.id)
        var page = Page(title: r.form.nameVi, heading: "\(r.form.nameVi) – \(unitName)", place)
        page.add(.p(.a(.href(SiteURL.myReports), .text(t("← Báo cáo của tôi", "← My reports")))))
        page.add(.p(.text("\(unitName) · \(t.period(r.period)) · \(t("Hạn nộp", "Deadline")) \(t.date(r.deadline)) · "),
                    .strong(.class("status status-\(r.status.rawValue)"), .text(t.reportStatus(r.status))),
                    .span(.class("muted"), .text(" · \(t.timeliness(r.timeliness))"))))
        if !r.approvalLevels.isEmpty { page.add(.p(.class("muted"), .text(Self.signOff(r, t)))) }
        if let reason = r.record?.reason { page.add(.p(.class("notice"), .text(t("Lý do: ", "Reason: ") + reason))) }
        if !generalProblems.isEmpty {
            page.add(.div(.class("error"), .attribute(named: "role", value: "alert"), .ul(.forEach(generalProblems) { .li(.text(t($0.vi, $0.en))) })))
        }
        if !r.warnings.isEmpty {
            page.add(.div(.class("notice"), .attribute(named: "role", value: "status"), .ul(.forEach(r.warnings) { .li(.text(t($0.vi, $0.en))) })))
        }
        let figures = DataTable(id: "so-lieu", caption: t("Số liệu kỳ \(r.period.nameVi)", "Figures for \(r.period.nameEn)"),
                                header: [t("Chỉ tiêu", "Indicator"), t("Đơn vị tính", "Unit of measure"), t("Kỳ trước", "Last period"),
                                         t("Mục tiêu", "Target"), t("Số liệu kỳ này", "This period")],
                                rows: rows.map { row in
                                    [.text(t.name(row.indicator)), .text(row.indicator.unitVi), .value(row.previous?.value, row.indicator, t),
                                     .text(goal(row, t)), .value(row.current?.value, row.indicator, t)]
                                })
        page.add(.form(
            .action(SiteURL.report(form: form, unit: unit, period: period)), .method(.post),
            .input(.type(.hidden), .name("csrf"), .value((viewer?.csrf ?? "").attributeEscaped)),
            .input(.type(.hidden), .name("version"), .value(String(r.version))),
            .table(
                .caption(.text(figures.caption)),
                .thead(.tr(.th(.text(figures.header[0])), .th(.text(figures.header[2])), .th(.text(figures.header[3])), .th(.text(figures.header[4])))),
                .tbody(.forEach(rows) { row in .tr(
                    .td(.text(t.name(row.indicator)), .span(.class("muted"), .text(" (\(row.indicator.unitVi))"))),
                    .td(.class("num"), .text(t.value(row.previous?.value, row.indicator))),
                    .td(.class("num"), .text(goal(row, t))),
                    .td(fields(row, t))
                ) })
            ),
            .if(canEdit, .div(.class("actions"),
                .button(.type(.submit), .name("action"), .value("save"), .text(t("Lưu nháp", "Save draft"))),
                .button(.type(.submit), .name("action"), .value("submit"), .text(t("Gửi báo cáo", "Submit report"))))),
            .if(canApprove, .div(.class("actions"),
                .div(.class("field"), .label(.for("reason"), .text(t("Lý do trả lại", "Reason for returning"))), .textarea(.id("reason"), .name("reason"))),
                .button(.type(.submit), .name("action"), .value("return"), .text(t("Trả lại", "Return"))),
                .button(.type(.submit), .name("action"), .value("approve"), .text(t("Phê duyệt", "Approve"))))),
            .if(canReopen, .div(.class("actions"),
                .div(.class("field"), .label(.for("reopen-reason"), .text(t("Lý do mở lại", "Reason for reopening"))),
                     .textarea(.id("reopen-reason"), .name("reason"))),
                .button(.type(.submit), .name("action"), .value("reopen"), .text(t("Mở lại báo cáo", "Reopen the report")))))
        ))
        page.add(downloadOnly: figures)
        page.add(evidence(viewer: viewer, t))
        if !signatures.isEmpty {
            page.add(.section(
                .h2(.text(t("Chữ ký số", "Digital signatures"))),
                .ul(.forEach(signatures) { s in
                    let action = SubmissionAction(rawValue: s.action)
                    return .li(.text("\(action.map { t($0.nameVi.capitalized, $0.rawValue.capitalized) } ?? s.action) · \(s.signer) · \(Self.moment(s.signedAt))"))
                }),
                .p(.a(.href(SiteURL.reportDownload(form: form, unit: unit, period: period, file: "signed")), .text(t("Tải báo cáo kèm chữ ký số", "Download the signed report"))),
                   .span(.class("muted"), .text(t(" (kiểm tra ngoại tuyến: dxtrack verify TỆP)", " (check offline: dxtrack verify FILE)"))))))
        }
        page.add(.p(.text(t("Mẫu để điền bằng Excel hoặc LibreOffice: ", "A template to fill in with Excel or LibreOffice: ")),
                    .a(.href(SiteURL.reportDownload(form: form, unit: unit, period: period, file: "template.xlsx")), .text(t("tải mẫu XLSX", "XLSX template"))), .text(" · "),
                    .a(.href(SiteURL.reportDownload(form: form, unit: unit, period: period, file: "template.csv")), .text(t("tải mẫu CSV", "CSV template"))),
                    .if(canEdit, .group(.text(" · "), .a(.href(SiteURL.importFile), .text(t("nhập từ tệp", "import a file")))))))
        return page
    }

    /// "≥ 90% (Năm 2025)": the row's target for the unit's level, and its horizon.
    private func goal(_ row: Row, _ t: Lang) -> String {
        row.target.map { target, x in "\(t.goal(target, x, row.indicator)) (\(t.period(target.horizon)))" } ?? "–"
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
        .input(.type(.hidden), .name(name.attributeEscaped), .value(value.attributeEscaped))
    }

    private func evidenceItem(_ e: EvidenceLink, name: String, viewer: Layout.Viewer?, _ t: Lang) -> Node<HTML.ListContext> {
        let size = t.number(Double(e.size) / 1024, decimals: 0)
        let remove: Node<HTML.BodyContext> = .form(
            .action(SiteURL.reportEvidence(form: report.form.code, unit: report.unitCode, period: report.period.id)), .method(.post), .enctype(.multipartData), .class("inline"),
            Self.hidden("csrf", viewer?.csrf ?? ""), Self.hidden("version", String(report.version)),
            Self.hidden("indicator", e.indicator), Self.hidden("sha256", e.sha256),
            .button(.type(.submit), .name("action"), .value("remove"), .text(t("Gỡ", "Remove"))))
        return .li(.a(.href(SiteURL.evidence(sha256: e.sha256)), .text(e.filename)),
                   .span(.class("muted"), .text(" · \(name) · \(size) KB")),
                   .if(canEdit, remove))
    }

    /// The files backing the values, and (while the report is a draft) a form to add one.
    private func evidence(viewer: Layout.Viewer?, _ t: Lang) -> Node<HTML.BodyContext> {
        let r = report
        let names = Dictionary(rows.map { ($0.indicator.code, t.name($0.indicator)) }, uniquingKeysWith: { a, _ in a })
        let options: Node<HTML.SelectContext> = .forEach(rows) {
            .choice($0.indicator.code, t.name($0.indicator), selected: false)
        }
        let indicator: Node<HTML.FormContext> = .div(.class("field"), .label(.for("evidence-indicator"), .text(t("Chỉ tiêu", "Indicator"))),
                                                     .select(.id("evidence-indicator"), .attribute(named: "name", value: "indicator"), options))
        let accept: Attribute<HTML.InputContext> = .attribute(named: "accept", value: "application/pdf,image/png,image/jpeg")
        let file: Node<HTML.FormContext> = .div(.class("field"), .label(.for("evidence-file"), .text(t("Tệp (PDF, PNG, JPEG, tối đa 10 MB)", "File (PDF, PNG, JPEG, up to 10 MB)"))),
                                                .input(.type(.file), .id("evidence-file"), .name("file"), accept))
        let add: Node<HTML.BodyContext> = .form(
            .action(SiteURL.reportEvidence(form: report.form.code, unit: report.unitCode, period: report.period.id)), .method(.post), .enctype(.multipartData),
            Self.hidden("csrf", viewer?.csrf ?? ""), Self.hidden("version", String(r.version)), indicator, file,
            .button(.type(.submit), .name("action"), .value("attach"), .text(t("Đính kèm minh chứng", "Attach evidence"))))
        let list: Node<HTML.BodyContext> = r.evidence.isEmpty
            ? .p(.class("muted"), .text(t("Chưa có tệp minh chứng.", "No evidence file yet.")))
            : .ul(.forEach(r.evidence) { evidenceItem($0, name: names[$0.indicator] ?? $0.indicator, viewer: viewer, t) })
        return .section(.h2(.text(t("Minh chứng", "Evidence"))), list, .if(canEdit, add))
    }

    private func fields(_ row: Row, _ t: Lang) -> Node<HTML.BodyContext> {
        let code = row.indicator.code
        func input(_ prefix: String, _ label: String, _ value: Double?) -> Node<HTML.BodyContext> {
            let name = "\(prefix).\(code)"
            let shown = row.typed[name] ?? value.map { VietnameseNumber.format($0) } ?? ""
            let problem = row.problems.first { ($0.field ?? "").hasSuffix(prefix == "n" ? "numerator" : prefix == "d" ? "denominator" : "value") }
            return .div(.class("field"),
                        .label(.for(name), .text(label)),
                        .input(.type(.text), .id(name), .name(name), .value(shown.attributeEscaped), .attribute(named: "inputmode", value: "decimal"),
                               .attribute(named: "aria-invalid", value: problem == nil ? "false" : "true"),
                               .attribute(named: "readonly", value: canEdit ? nil : "readonly")),
                        .if(problem != nil, .span(.class("error"), .text(problem.map { t($0.vi, $0.en) } ?? ""))))
        }
        let v = row.current
        let other = row.problems.filter { p in !["numerator", "denominator", "value"].contains(where: { (p.field ?? "").hasSuffix($0) }) }
        return .div(
            row.indicator.takesFraction
                ? .group(input("n", t(row.indicator.numeratorVi ?? "Tử số", "Numerator"), v?.numerator),
                         input("d", t(row.indicator.denominatorVi ?? "Mẫu số", "Denominator"), v?.denominator))
                : input("v", t("Giá trị", "Value") + " (\(row.indicator.unitVi))", v?.value),
            .forEach(other) { .p(.class("error"), .text(t($0.vi, $0.en))) }
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

    static func build(_ items: [Item], history: [Past], role: Role, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Báo cáo của tôi", "My reports"), place)
        page.add(.p(.a(.href(SiteURL.importFile), .text(t("Nhập số liệu từ tệp CSV, XLSX", "Import figures from a CSV or XLSX file")))))
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
                               return [.text(past.form.nameVi, link: .report(form: r.formCode, unit: r.unitCode, period: r.period.id)), .text(past.unitName),
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
                      return [.text(r.form.nameVi, link: .report(form: r.form.code, unit: r.unitCode, period: r.period.id)), .text(item.unitName),
                              .text(t.period(r.period)), .date(r.deadline), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                              .text(t.timeliness(r.timeliness))]
                  })
    }
}
