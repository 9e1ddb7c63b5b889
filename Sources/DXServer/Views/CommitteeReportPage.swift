import DXDomain
import Hummingbird
import Plot

/// The standing agency's report to the People's Committee for one quarter: where it stands,
/// its deadline, the report itself to download, and (for coordinators) the next step.
/// Not kept as a page: its form carries the reader's own anti-forgery token.
struct CommitteeReportPage {
    let report: CommitteeReport
    let unitName: String
    let today: LocalDate
    /// The proposals the report will carry: as edited, or as drafted from the data.
    let proposals: [String]
    let mayAct: Bool

    func build(_ place: PagePlace, viewer: Layout.Viewer?) -> Page {
        let t = place.lang, r = report
        var page = Page(title: t("Báo cáo UBND tỉnh", "Report to the People's Committee") + " · " + t.period(r.period) + " · " + unitName, place)
        let timeliness = r.timeliness(today: today)
        page.add(.p(.text(t("Hạn gửi: trước ngày 30 của tháng cuối quý (", "Due before the 30th of the quarter's last month (")
                          + r.deadline.formattedVietnamese + "). " + t("Trạng thái: ", "Status: ") + t(r.status.nameVi, r.status.rawValue)
                          + " · " + t(timeliness.nameVi, timeliness.rawValue) + ".")))
        let steps: [(String, LocalDate?)] = [(t("Soạn", "Drafted"), r.draftedOn), (t("Ký", "Signed"), r.signedOn), (t("Gửi", "Sent"), r.sentOn)]
        page.add(DataTable(id: "cac-buoc", caption: t("Các bước", "Steps"), header: [t("Bước", "Step"), t("Ngày", "Day")],
                           rows: steps.map { [.text($0.0), $0.1.map { .date($0) } ?? .text("–")] }))
        let signed = r.status == .signed || r.status == .sent
        page.add(.p(.a(.href(SiteURL.quarterlyReport(unit: r.unitCode, period: r.period.id, format: nil)), .text(t("Tải báo cáo (DOCX)", "Download the report (DOCX)"))),
                    .text(" · "), .a(.href(SiteURL.quarterlyReport(unit: r.unitCode, period: r.period.id, format: "pdf")),
                                     .text(signed ? t("Tải bản PDF đã ký số", "Download the digitally signed PDF") : t("Tải PDF", "Download the PDF"))),
                    .text(" · "), .a(.href(SiteURL.quarterlyReport(unit: r.unitCode, period: r.period.id, format: "html")), .text(t("Xem bản in", "Printable view")))))
        if mayAct, r.isEditable {
            page.add(.form(.class("proposals"), .method(.post), .action(SiteURL.committeeReport(unit: r.unitCode, period: r.period.id).path + "/proposals"),
                           .input(.type(.hidden), .name("csrf"), .value((viewer?.csrf ?? "").attributeEscaped)),
                           .div(.class("field"),
                                .label(.for("proposals"), .text(r.proposals == nil ? t("Đề xuất, kiến nghị (soạn từ số liệu; mỗi dòng một ý, sửa trước khi ký)",
                                                                                      "Proposals (drafted from the data; one a line, edit before signing)")
                                                                   : t("Đề xuất, kiến nghị (mỗi dòng một ý)", "Proposals (one a line)"))),
                                .textarea(.id("proposals"), .name("proposals"), .attribute(named: "rows", value: "6"), .text(proposals.joined(separator: "\n")))),
                           .button(.type(.submit), .text(t("Lưu đề xuất", "Save the proposals")))))
        } else {
            page.add(.h2(.text(t("Đề xuất, kiến nghị", "Proposals"))))
            page.add(.ul(.forEach(proposals) { .li(.text($0)) }))
        }
        if mayAct, r.nextSteps.contains(.sign) {
            page.add(.p(.text(t("Ký số: máy chủ tạo bản PDF của báo cáo và ký bằng chứng thư số của tài khoản đang đăng nhập (PAdES); ai cũng kiểm tra được bằng trình đọc PDF hoặc dxtrack verify.",
                                "Signing: the server makes the report's PDF and signs it with the signed-in account's certificate (PAdES); anyone can check it in a PDF reader or with dxtrack verify."))))
        }
        if mayAct {
            let next: [(CommitteeReport.Step, String)] = r.nextSteps.map { step in
                (step, step == .draft ? t("Đánh dấu đã soạn", "Mark as drafted") : step == .sign ? t("Ký số báo cáo (PDF)", "Sign the report digitally (PDF)") : t("Đánh dấu đã gửi", "Mark as sent"))
            }
            page.add(.form(.class("actions"), .method(.post), .action(SiteURL.committeeReport(unit: r.unitCode, period: r.period.id)),
                           .input(.type(.hidden), .name("csrf"), .value((viewer?.csrf ?? "").attributeEscaped)),
                           .forEach(next) { step, label in .button(.type(.submit), .name("step"), .value(step.rawValue), .text(label)) }))
        }
        return page
    }
}
