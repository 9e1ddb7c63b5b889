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
    let steps: [Submissions.Step]
    /// The figures changed since the report was last returned.
    let changes: [Submissions.Change]

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
        if report.status != .approved, let returned = steps.last(where: { $0.action == .return }) {
            page.add(changesSince(returned, t))
        }
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
        let evidenceURL = SiteURL.reportEvidence(form: form, unit: unit, period: period).path.attributeEscaped
        page.add(.form(
            .action(SiteURL.report(form: form, unit: unit, period: period)), .method(.post),
            .class(canEdit ? "report" : "report done"),
            .input(.type(.hidden), .name("csrf"), .value((viewer?.csrf ?? "").attributeEscaped)),
            .input(.type(.hidden), .name("version"), .value(String(r.version))),
            .table(.class("entry"),
                .caption(.text(figures.caption)),
                .thead(.tr(.th(.text(figures.header[0])), .th(.text(figures.header[2])), .th(.text(figures.header[3])), .th(.text(figures.header[4])))),
                .tbody(.forEach(rows) { row in .tr(
                    .td(.strong(.text(t.name(row.indicator))), .span(.class("muted"), .text(" (\(row.indicator.unitVi))"))),
                    .td(.class("num"), .attribute(named: "data-label", value: figures.header[2]), .text(t.value(row.previous?.value, row.indicator))),
                    .td(.class("num"), .attribute(named: "data-label", value: figures.header[3]), .text(goal(row, t))),
                    .td(fields(row, t))
                ) })
            ),
            .if(canEdit, .div(.class("actions"),
                .button(.type(.submit), .name("action"), .value("save"), .text(t("Lưu nháp", "Save draft"))),
                .button(.type(.submit), .name("action"), .value("submit"), .text(t("Gửi báo cáo", "Submit report"))))),
            .if(canEdit, evidence(upload: evidenceURL, t)),
            .if(canApprove, .div(.class("actions"),
                .div(.class("field"), .label(.for("reason"), .text(t("Lý do trả lại", "Reason for returning"))), .textarea(.id("reason"), .name("reason"))),
                .button(.type(.submit), .name("action"), .value("return"), .text(t("Trả lại", "Return"))),
                .button(.type(.submit), .name("action"), .value("approve"), .text(t("Phê duyệt", "Approve"))))),
            .if(canReopen, .div(.class("actions"),
                .div(.class("field"), .label(.for("reopen-reason"), .text(t("Lý do mở lại", "Reason for reopening"))),
                     .textarea(.id("reopen-reason"), .name("reason"))),
                .button(.type(.submit), .name("action"), .value("reopen"), .text(t("Mở lại báo cáo", "Reopen the report")))))
        ))
        if !canEdit { page.add(evidenceList(t)) }
        page.add(history(t))
        page.add(downloadOnly: figures)
        if !signatures.isEmpty {
            page.add(.section(
                .h2(.text(t("Chữ ký số", "Digital signatures"))),
                .ul(.forEach(signatures) { s in
                    let action = SubmissionAction(rawValue: s.action)
                    return .li(.text("\(action.map { t($0.stepVi, $0.stepEn) } ?? s.action) · \(s.signer) · \(t.moment(s.signedAt))"))
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

    /// The files backing the values, each with a button to remove it while the report is a draft.
    private func evidenceItems(remove: String?, _ t: Lang) -> Node<HTML.BodyContext> {
        let names = Dictionary(rows.map { ($0.indicator.code, t.name($0.indicator)) }, uniquingKeysWith: { a, _ in a })
        guard !report.evidence.isEmpty else { return .p(.class("muted"), .text(t("Chưa có tệp minh chứng.", "No evidence file yet."))) }
        return .ul(.forEach(report.evidence) { e in
            .li(.a(.href(SiteURL.evidence(sha256: e.sha256)), .text(e.filename)),
                .span(.class("muted"), .text(" · \(names[e.indicator] ?? e.indicator) · \(t.number(Double(e.size) / 1024, decimals: 0)) KB ")),
                .unwrap(remove) { url in
                    .button(.type(.submit), .name("remove"), .value("\(e.indicator):\(e.sha256)".attributeEscaped),
                            .attribute(named: "formaction", value: url), .attribute(named: "formenctype", value: "multipart/form-data"),
                            .attribute(named: "formnovalidate", value: "formnovalidate"), .text(t("Gỡ", "Remove")))
                })
        })
    }

    private func evidenceList(_ t: Lang) -> Node<HTML.BodyContext> {
        .section(.h2(.text(t("Minh chứng", "Evidence"))), evidenceItems(remove: nil, t))
    }

    /// Inside the report's own form: attaching or removing a file posts what was typed with
    /// it (to `upload`, as multipart), which is saved as the draft first, so no typed figure is lost.
    private func evidence(upload: String, _ t: Lang) -> Node<HTML.FormContext> {
        let options: Node<HTML.SelectContext> = .forEach(rows) { .choice($0.indicator.code, t.name($0.indicator), selected: false) }
        let accept: Attribute<HTML.InputContext> = .attribute(named: "accept", value: "application/pdf,image/png,image/jpeg")
        return .element(named: "fieldset", nodes: [
            .element(named: "legend", nodes: [.text(t("Minh chứng", "Evidence"))]),
            .raw(evidenceItems(remove: upload, t).render()),
            .div(.class("field"), .label(.for("evidence-indicator"), .text(t("Chỉ tiêu", "Indicator"))),
                 .select(.id("evidence-indicator"), .attribute(named: "name", value: "indicator"), options)),
            .div(.class("field"), .label(.for("evidence-file"), .text(t("Tệp (PDF, PNG, JPEG, tối đa 10 MB)", "File (PDF, PNG, JPEG, up to 10 MB)"))),
                 .input(.type(.file), .id("evidence-file"), .name("file"), accept)),
            .button(.type(.submit), .name("action"), .value("attach"), .attribute(named: "formaction", value: upload),
                    .attribute(named: "formenctype", value: "multipart/form-data"), .text(t("Đính kèm minh chứng", "Attach evidence"))),
            .p(.class("muted"), .text(t("Số liệu đã nhập được lưu nháp cùng lúc.", "What you typed is saved as a draft at the same time.")))
        ])
    }

    /// What changed since the report was returned, figure by figure: what a reviewer checks first.
    private func changesSince(_ returned: Submissions.Step, _ t: Lang) -> Node<HTML.BodyContext> {
        let byCode = Dictionary(rows.map { ($0.indicator.code, $0.indicator) }, uniquingKeysWith: { a, _ in a })
        func shown(_ v: DataValue?, _ i: Indicator) -> String {
            guard let v else { return "–" }
            let fraction = v.numerator.map { n in " (\(t.number(n))/\(v.denominator.map { t.number($0) } ?? "–"))" } ?? ""
            return t.value(v.value, i) + fraction
        }
        let when = t.moment(returned.at)
        return .section(.class("notice"), .attribute(named: "aria-label", value: t("Thay đổi sau khi trả lại", "Changes since returned")),
            .h2(.text(t("Thay đổi so với bản bị trả lại (\(when))", "Changes since it was returned (\(when))"))),
            changes.isEmpty ? .p(.text(t("Chưa sửa số liệu nào.", "No figure changed yet.")))
                : .ul(.forEach(changes) { c in
                    guard let i = byCode[c.indicator] else { return .li(.text(c.indicator)) }
                    return .li(.strong(.text(t.name(i))), .text(": \(shown(c.before, i)) → \(shown(c.after, i))"))
                }))
    }

    /// Every step the report went through, with who and when.
    private func history(_ t: Lang) -> Node<HTML.BodyContext> {
        guard !steps.isEmpty else { return .empty }
        return .section(.h2(.text(t("Lịch sử báo cáo", "The report's history"))),
                        .ol(.class("steps"), .forEach(steps) { step in
                            .li(.strong(.text(t(step.action.stepVi, step.action.stepEn))),
                                .text(" · \(step.by) · \(t.moment(step.at))"),
                                .unwrap(step.reason) { .text(" · " + t("Lý do: ", "Reason: ") + $0) })
                        }))
    }

    /// The row's inputs, each with its label and its problems beside it; a fraction shows the
    /// share it makes (`app.js` keeps it up to date while typing; without scripts, after saving).
    private func fields(_ row: Row, _ t: Lang) -> Node<HTML.BodyContext> {
        let code = row.indicator.code, fraction = row.indicator.takesFraction
        let parts = fraction ? [("n", "numerator"), ("d", "denominator")] : [("v", "value")]
        func input(_ prefix: String, _ field: String, _ label: String, _ value: Double?) -> Node<HTML.BodyContext> {
            let name = "\(prefix).\(code)"
            let shown = row.typed[name] ?? value.map { VietnameseNumber.format($0) } ?? ""
            let problems = row.problems.filter { ($0.field ?? "").hasSuffix(field) }
            return .div(.class("field"),
                        .label(.for(name), .text(label)),
                        .input(.type(.text), .id(name), .name(name), .value(shown.attributeEscaped), .attribute(named: "inputmode", value: "decimal"),
                               .attribute(named: "autocomplete", value: "off"),
                               .attribute(named: "aria-invalid", value: problems.isEmpty ? "false" : "true"),
                               .attribute(named: "aria-describedby", value: problems.isEmpty ? nil : "e.\(name)"),
                               .attribute(named: "readonly", value: canEdit ? nil : "readonly")),
                        .if(!problems.isEmpty, .span(.id("e.\(name)"), .class("error"), .text(problems.map { t($0.vi, $0.en) }.joined(separator: " ")))))
        }
        let v = row.current
        // A figure flagged to check again is confirmed by saying why it is right; the box stays
        // while the figure has an explanation, so that saving again keeps it.
        let flagged = report.warnings.contains { $0.field == "values.\(code)" }
        let explanation: Node<HTML.BodyContext> = flagged || !(v?.comment ?? "").isEmpty
            ? .div(.class("field"), .label(.for("c.\(code)"), .text(t("Giải trình (nếu số liệu đúng)", "Explanation (if the figure is right)"))),
                   .input(.type(.text), .id("c.\(code)"), .name("c.\(code)"), .value((row.typed["c.\(code)"] ?? v?.comment ?? "").attributeEscaped),
                          .attribute(named: "readonly", value: canEdit ? nil : "readonly")))
            : .empty
        let shown = Set(parts.map(\.1))
        let other = row.problems.filter { p in !shown.contains(where: { (p.field ?? "").hasSuffix($0) }) }
        let share: Node<HTML.BodyContext> = .element(named: "output", nodes: [
            .class("computed-share"), .id("share.\(code)"), .attribute(named: "for", value: "n.\(code) d.\(code)"),
            .attribute(named: "data-scale", value: row.indicator.valueType == .percentage ? "100" : "1"),
            .attribute(named: "data-decimals", value: String(row.indicator.decimals)),
            .attribute(named: "data-suffix", value: row.indicator.valueType == .percentage ? "%" : ""),
            .text(v?.value.map { "= " + t.value($0, row.indicator) } ?? "")])
        return .div(
            fraction
                ? .group(input("n", "numerator", t(row.indicator.numeratorVi ?? "Tử số", "Numerator"), v?.numerator),
                         input("d", "denominator", t(row.indicator.denominatorVi ?? "Mẫu số", "Denominator"), v?.denominator), share)
                : input("v", "value", t("Giá trị", "Value") + " (\(row.indicator.unitVi))", v?.value),
            explanation,
            .forEach(other) { .p(.class("error"), .text(t($0.vi, $0.en))) }
        )
    }
}
