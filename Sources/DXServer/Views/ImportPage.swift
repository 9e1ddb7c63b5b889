import DXDomain
import Plot

/// Upload a filled-in template (CSV or XLSX); every problem listed by row and cell.
struct ImportPage {
    let outcome: ValueImport.Outcome?
    let filename: String?

    func render(viewer: Layout.Viewer?) -> String {
        Layout.page(
            title: "Nhập số liệu từ tệp", viewer: viewer,
            .h1("Nhập số liệu từ tệp"),
            .p(.text("Tệp CSV hoặc XLSX theo mẫu (tải mẫu ở trang báo cáo). Có lỗi thì không ghi số liệu nào.")),
            result,
            .form(
                .action("/import"), .method(.post), .enctype(.multipartData),
                .input(.type(.hidden), .name("csrf"), .value(viewer?.csrf ?? "")),
                .div(.class("field"), .label(.for("file"), "Tệp số liệu (CSV, XLSX)"),
                     .input(.type(.file), .id("file"), .name("file"), .required(true),
                            .attribute(named: "accept", value: ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
                .div(.class("field"),
                     .input(.type(.checkbox), .id("dry_run"), .name("dry_run"), .value("1")),
                     .label(.for("dry_run"), "Chỉ kiểm tra, chưa ghi")),
                .button(.type(.submit), .text("Tải lên"))
            )
        )
    }

    private var result: Node<HTML.BodyContext> {
        guard let o = outcome else { return .empty }
        let name = filename.map { "Tệp \($0): " } ?? ""
        guard o.problems.isEmpty else {
            return .div(.class("error"), .attribute(named: "role", value: "alert"),
                .p(.text("\(name)\(o.problems.count) lỗi, chưa ghi số liệu nào.")),
                .table(
                    .caption("Lỗi theo dòng"),
                    .thead(.tr(.th("Dòng"), .th("Cột"), .th("Ô"), .th("Số liệu"), .th("Lỗi"))),
                    .tbody(.forEach(o.problems) { p in
                        .tr(.td(.class("num"), .text(String(p.line))), .td(.text(p.column ?? "")), .td(.text(p.cell ?? "")),
                            .td(.text(p.context ?? "")), .td(.text(p.error.vi)))
                    })))
        }
        return .p(.class("notice"), .attribute(named: "role", value: "status"),
                  .text(o.dryRun ? "\(name)kiểm tra xong, \(o.written) số liệu hợp lệ, chưa ghi."
                                 : "\(name)đã nhập \(o.written) số liệu."))
    }
}
