import DXDomain
import Hummingbird
import Plot

/// Launching an emulation campaign from a plan: one form, problems next to their fields.
enum CampaignSetupPage {
    static func build(_ setup: CampaignSetup, plans: [Plan], units: [OrgUnit], problems: [DomainError],
                      _ place: PagePlace, viewer: Layout.Viewer?) -> Page {
        let t = place.lang
        var page = Page(title: t("Phát động phong trào thi đua", "Launch an emulation campaign"), place)
        page.add(.p(.text(t("Mỗi mục tiêu của kế hoạch thành một tiêu chí chấm điểm, cùng số điểm tối đa; các đơn vị của mỗi cụm ghi theo tên.",
                            "Every target of the plan becomes a criterion, each worth the same points; each cluster's units are written by name."))))
        let unplaced = problems.filter { p in !fieldNames.contains { p.field?.hasPrefix($0) == true } }
        if !problems.isEmpty {
            page.add(.div(.class("error"), .attribute(named: "role", value: "alert"),
                          .p(.text(t("Chưa phát động được, \(problems.count) lỗi:", "Not launched; \(problems.count) problem(s):"))),
                          .ul(.forEach(unplaced.isEmpty ? problems : unplaced) { .li(.text(t($0.vi, $0.en))) })))
        }
        /// A field's problems (`clusters[2]` is the clusters field's), and how they show under it.
        func problemsOf(_ name: String) -> [DomainError] { problems.filter { $0.field == name || $0.field?.hasPrefix(name + "[") == true } }
        func shown(_ list: [DomainError]) -> Node<HTML.FormContext> { .forEach(list) { .span(.class("error"), .text(t($0.vi, $0.en))) } }
        func field(_ name: String, _ label: String, _ value: String, hint: String? = nil, multiline: Bool = false) -> Node<HTML.FormContext> {
            let mine = problemsOf(name)
            let invalid = mine.isEmpty ? "false" : "true", described = hint == nil ? nil : "\(name)-hint"
            let control: Node<HTML.FormContext> = multiline
                ? .textarea(.id(name), .name(name), .attribute(named: "rows", value: "6"), .attribute(named: "aria-invalid", value: invalid),
                            .attribute(named: "aria-describedby", value: described), .text(value))
                : .input(.type(.text), .id(name), .name(name), .value(value.attributeEscaped), .attribute(named: "aria-invalid", value: invalid),
                         .attribute(named: "aria-describedby", value: described))
            return .div(.class("field"), .label(.for(name), .text(label)), control,
                        .unwrap(hint) { .span(.id("\(name)-hint"), .class("muted"), .text($0)) }, shown(mine))
        }
        let planChoice: Node<HTML.FormContext> = .div(
            .class("field"), .label(.for("planCode"), .text(t("Kế hoạch (mục tiêu thành tiêu chí)", "Plan (its targets become the criteria)"))),
            .select(.id("planCode"), .attribute(named: "name", value: "planCode"),
                    .forEach(plans) { .choice($0.code, "\($0.number ?? $0.code) – \($0.title)", selected: $0.code == setup.planCode) }),
            shown(problemsOf("planCode")))
        let dateHint = "dd/mm/yyyy"
        page.add(.form(
            .action(SiteURL.newCampaign), .method(.post),
            .input(.type(.hidden), .name("csrf"), .value((viewer?.csrf ?? "").attributeEscaped)),
            field("code", t("Mã phong trào", "Campaign code"), setup.code, hint: t("ví dụ LS-TD-CDS-2026", "e.g. LS-TD-CDS-2026")),
            field("nameVi", t("Tên phong trào", "Name"), setup.nameVi),
            field("theme", t("Chủ đề thi đua", "Theme (slogan)"), setup.theme),
            planChoice,
            field("start", t("Từ ngày", "From"), setup.start, hint: dateHint),
            field("end", t("Đến ngày", "To"), setup.end, hint: dateHint),
            field("reviewBy", t("Tổng kết trước ngày (không bắt buộc)", "Review by (optional)"), setup.reviewBy, hint: dateHint),
            field("clusters", t("Cụm, khối thi đua (mỗi dòng một cụm)", "Clusters (one per line)"), setup.clusters,
                  hint: t("Tên cụm: tên đơn vị, tên đơn vị, … (hoặc mã) — ví dụ Khối các sở: Sở Nội vụ, Sở Tài chính",
                          "Cluster name: unit name, unit name, … (or code) — e.g. Departments: Department of Home Affairs, …"), multiline: true),
            field("points", t("Điểm tối đa mỗi tiêu chí", "Points per criterion"), setup.points),
            field("awards", t("Hình thức khen thưởng (mỗi dòng một hình thức, cao nhất trước; không bắt buộc)", "Awards (one per line, highest first; optional)"),
                  setup.awards, hint: t("Tên hình thức: số đơn vị đầu mỗi cụm, tỷ lệ điểm tối thiểu — ví dụ Bằng khen: 2, 80%",
                                        "Award: first units per cluster, minimum share — e.g. Certificate of merit: 2, 80%"), multiline: true),
            .button(.type(.submit), .text(t("Phát động", "Launch")))
        ))
        // A box that offers the names as one types (a datalist: the browser's own, no script),
        // to find a unit's exact name; and the list of every unit by kind, to read through.
        page.add(.section(.h2(.text(t("Tìm tên đơn vị", "Find a unit's name"))),
            .div(.class("field"), .label(.for("tim-don-vi"), .text(t("Gõ vài chữ của tên, chọn rồi chép vào cụm", "Type part of a name, pick it, copy it into a cluster"))),
                 .input(.type(.search), .id("tim-don-vi"), .attribute(named: "list", value: "ten-don-vi"), .attribute(named: "autocomplete", value: "off"))),
            .element(named: "datalist", nodes: [.id("ten-don-vi"), .forEach(units) { u in
                .element(named: "option", nodes: [.attribute(named: "value", value: u.name.attributeEscaped), .text("\(t.kind(u.kind)) · \(u.code)")])
            }])))
        page.add(DataTable(id: "don-vi", caption: t("Đơn vị đang hoạt động", "Units in operation"),
                           header: [t("Đơn vị", "Unit"), t("Loại", "Kind"), t("Mã", "Code")],
                           rows: units.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
                               .map { [.text($0.name), .text(t.kind($0.kind)), .text($0.code)] }),
                 folded: t("Danh sách đơn vị theo loại", "Every unit by kind"))
        return page
    }

    /// The form's fields, which show their own problems.
    static let fieldNames = ["code", "nameVi", "theme", "planCode", "start", "end", "reviewBy", "clusters", "points", "awards"]
}
