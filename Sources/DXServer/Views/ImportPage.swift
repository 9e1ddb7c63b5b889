import DXDomain
import Hummingbird
import Plot

/// Upload a filled-in template (CSV or XLSX); every problem listed by row and cell,
/// and downloadable to fix the file beside it.
struct ImportPage {
    let outcome: ValueImport.Outcome?
    let filename: String?

    func build(_ place: PagePlace, viewer: Layout.Viewer?) throws -> Page {
        let t = place.lang
        var page = Page(title: t("Nhập số liệu từ tệp", "Import figures from a file"), place)
        page.add(.p(.text(t("Tệp CSV hoặc XLSX theo mẫu (tải mẫu ở trang báo cáo). Có lỗi thì không ghi số liệu nào.",
                            "A CSV or XLSX file in the template's shape (download it from a report's page). If any row has a problem, nothing is written."))))
        if let outcome { page.add(try result(outcome, t)) }
        page.add(.form(
            .action(SiteURL.importFile), .method(.post), .enctype(.multipartData),
            .input(.type(.hidden), .name("csrf"), .value((viewer?.csrf ?? "").attributeEscaped)),
            .div(.class("field"), .label(.for("file"), .text(t("Tệp số liệu (CSV, XLSX)", "File of figures (CSV, XLSX)"))),
                 .input(.type(.file), .id("file"), .name("file"), .required(true),
                        .attribute(named: "accept", value: ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
            .div(.class("field"),
                 .input(.type(.checkbox), .id("dry_run"), .name("dry_run"), .value("1")),
                 .label(.for("dry_run"), .text(t("Chỉ kiểm tra, chưa ghi", "Only check, write nothing")))),
            .button(.type(.submit), .text(t("Tải lên", "Upload")))
        ))
        return page
    }

    private func result(_ o: ValueImport.Outcome, _ t: Lang) throws -> Node<HTML.BodyContext> {
        let name = filename.map { t("Tệp \($0): ", "File \($0): ") } ?? ""
        guard o.problems.isEmpty else {
            let table = DataTable(id: "loi-nhap", caption: t("Lỗi theo dòng", "Problems by row"),
                                  header: [t("Dòng", "Row"), t("Cột", "Column"), t("Ô", "Cell"), t("Số liệu", "Figure"), t("Lỗi", "Problem")],
                                  rows: o.problems.map { p in
                                      [.number(Double(p.line), decimals: 0, t), .text(p.column ?? ""), .text(p.cell ?? ""),
                                       .text(p.context ?? ""), .text(t(p.error.vi, p.error.en))]
                                  }, limit: 1000)
            return .div(.class("error"), .attribute(named: "role", value: "alert"),
                        .p(.text(name + t("\(o.problems.count) lỗi, chưa ghi số liệu nào.", "\(o.problems.count) problem(s); nothing was written."))),
                        try table.nodeWithFiles(t))
        }
        return .p(.class("notice"), .attribute(named: "role", value: "status"),
                  .text(name + (o.dryRun ? t("kiểm tra xong, \(o.written) số liệu hợp lệ, chưa ghi.", "checked: \(o.written) figures are valid; nothing written.")
                                         : t("đã nhập \(o.written) số liệu.", "\(o.written) figures imported."))))
    }
}
