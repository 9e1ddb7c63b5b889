import DXDomain
import DXForms
import Plot

/// The information-system registry (Nghị định 85/2016) as its keepers use it: each unit's
/// systems with their level, approval, protection plan, hosting and monitoring, narrowed to
/// those still to classify or not on the provincial cloud; an entry's form; the file to
/// import and export. Labels and values in Vietnamese.
enum RegistryPage {
    /// `?filter=`: which systems the list keeps.
    enum Filter: String, CaseIterable {
        case unclassified, offCloud

        func keeps(_ s: InformationSystem, today: LocalDate) -> Bool {
            switch self {
            case .unclassified: s.needsClassification
            case .offCloud: s.status == .inOperation && !s.onProvincialCloud(on: today)
            }
        }

        var nameVi: String { self == .unclassified ? "Chưa phê duyệt cấp độ" : "Chưa đặt trên đám mây của tỉnh" }
        var nameEn: String { self == .unclassified ? "No approved level" : "Not on the provincial cloud" }
    }

    static func list(_ systems: [InformationSystem], names: [String: String], filter: Filter?, editable: (InformationSystem) -> Bool,
                     mayAdd: Bool, csrf: String?, today: LocalDate, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Hệ thống thông tin", "Information systems"), place)
        let kept = systems.filter { filter?.keeps($0, today: today) ?? true }
        page.add(.p(.class("muted"), .text(t("Sổ đăng ký hệ thống thông tin và cấp độ an toàn theo Nghị định 85/2016/NĐ-CP.",
                                             "The registry of information systems and their security levels (Decree 85/2016)."))))
        page.add(.nav(.class("filters"), .attribute(named: "aria-label", value: t("Lọc", "Filter")),
                      .a(.href(SiteURL.registry(filter: nil)), .if(filter == nil, .attribute(named: "aria-current", value: "page")),
                         .text(t("Tất cả (\(systems.count))", "All (\(systems.count))"))),
                      .forEach(Filter.allCases) { f in
                          .a(.href(SiteURL.registry(filter: f.rawValue)), .if(filter == f, .attribute(named: "aria-current", value: "page")),
                             .text("\(t(f.nameVi, f.nameEn)) (\(systems.filter { f.keeps($0, today: today) }.count))"))
                      }))
        if mayAdd { page.add(.p(.a(.href(SiteURL.registryEntry(nil)), .text(t("+ Thêm hệ thống", "+ Add a system"))))) }
        page.add(DataTable(id: "he-thong", caption: t("Hệ thống thông tin theo đơn vị", "Information systems by unit"),
                           header: [t("Hệ thống", "System"), t("Đơn vị", "Unit"), t("Cấp độ", "Level"), t("Quyết định phê duyệt", "Approving decision"),
                                    t("Phương án bảo vệ", "Protection plan"), t("Nơi đặt", "Hosting"), t("Giám sát", "Monitoring"), t("Trạng thái", "Status")],
                           rows: kept.sorted { (names[$0.ownerUnit] ?? $0.ownerUnit, $0.name) < (names[$1.ownerUnit] ?? $1.ownerUnit, $1.name) }.map { s in
                               [.text(s.name, link: editable(s) ? .registryEntry(s.code) : nil), .text(names[s.ownerUnit] ?? s.ownerUnit),
                                .text(level(s, t), cssClass: s.needsClassification ? "status-returned" : nil),
                                .text([s.decisionNumber, s.decisionDate?.formattedVietnamese].compactMap { $0 }.joined(separator: " ngày ")),
                                .text(s.protectionPlan ?? t("Chưa có", "None")), .text(s.hosting.nameVi),
                                .text(s.isMonitored(on: today) ? t("Đã kết nối", "Connected") : t("Chưa kết nối", "Not connected")), .text(s.status.nameVi)]
                           }))
        page.add(.section(.h2(.text(t("Nhập, xuất tệp", "Import and export"))),
            .p(.a(.href(SiteURL.registryFile(format: "xlsx")), .text(t("Xuất sổ đăng ký (XLSX)", "Export the registry (XLSX)"))),
               .text(t(" – sửa trong Excel rồi nhập lại bằng ô dưới.", " – edit it in Excel and import it back below."))),
            .if(mayAdd, .form(.action(SiteURL.registryImport), .method(.post), .enctype(.multipartData),
                .input(.type(.hidden), .name("csrf"), .value((csrf ?? "").attributeEscaped)),
                .div(.class("field"), .label(.for("registry-file"), .text(t("Tệp sổ đăng ký (XLSX, CSV)", "Registry file (XLSX, CSV)"))),
                     .input(.type(.file), .id("registry-file"), .name("file"), .attribute(named: "accept", value: ".xlsx,.csv"))),
                .button(.type(.submit), .text(t("Nhập tệp", "Import the file")))))))
        return page
    }

    /// "Cấp độ 2 (đề xuất 2)", or what is missing.
    static func level(_ s: InformationSystem, _ t: Lang) -> String {
        let proposed = s.proposedLevel.map { t(" (đề xuất \($0))", " (proposed \($0))") } ?? ""
        return s.approvedLevel.map { t("Cấp độ \($0)", "Level \($0)") + proposed }
            ?? t("Chưa phê duyệt", "Not approved") + proposed + t(" · gợi ý cấp độ \(s.suggestedLevel)", " · suggested level \(s.suggestedLevel)")
    }

    /// The form of one entry: a new one (`system` nil) or an existing one, with the problems
    /// of what was posted beside their fields and what was typed kept.
    static func entry(_ system: InformationSystem?, code: String?, typed: [String: String], units: [(String, String)], problems: [DomainError],
                      csrf: String?, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: system?.name ?? t("Thêm hệ thống thông tin", "Add an information system"), place)
        page.add(.p(.a(.href(SiteURL.registry(filter: nil)), .text(t("← Sổ đăng ký hệ thống thông tin", "← The registry")))))
        let stored = system.map { RegistryFile.rows([$0])[1] }.map { Dictionary(uniqueKeysWithValues: zip(RegistryFile.columns, $0)) } ?? [:]
        func value(_ column: String) -> String { typed[column] ?? stored[column] ?? "" }
        func problem(_ column: String) -> Node<HTML.FormContext> {
            let mine = problems.filter { $0.field == column || $0.field?.hasSuffix(".\(column)") == true }
            return mine.isEmpty ? .empty : .element(named: "span", nodes: [.id("e-\(column)"), .class("error"), .text(mine.map { t($0.vi, $0.en) }.joined(separator: " "))])
        }
        func text(_ column: String, _ label: String, hint: String? = nil) -> Node<HTML.FormContext> {
            .div(.class("field"), .label(.for("f-\(column)"), .text(label + (hint.map { " (\($0))" } ?? ""))),
                 .input(.type(.text), .id("f-\(column)"), .name(column), .value(value(column).attributeEscaped)), problem(column))
        }
        func choice(_ column: String, _ label: String, _ options: [(String, String)]) -> Node<HTML.FormContext> {
            .div(.class("field"), .label(.for("f-\(column)"), .text(label)),
                 .select(.id("f-\(column)"), .attribute(named: "name", value: column),
                         .forEach(options) { .choice($0.0, $0.1, selected: $0.0 == value(column)) }), problem(column))
        }
        let date = t("ngày/tháng/năm", "dd/mm/yyyy")
        let general = problems.filter { p in !RegistryFile.columns.contains { p.field == $0 } }
        page.add(.form(.action(SiteURL.registryEntry(code)), .method(.post), .class("registry"),
            .input(.type(.hidden), .name("csrf"), .value((csrf ?? "").attributeEscaped)),
            .if(!general.isEmpty, .element(named: "p", nodes: [.class("error"), .attribute(named: "role", value: "alert"),
                                                               .text(general.map { t($0.vi, $0.en) }.joined(separator: " "))])),
            .if(code == nil, text("code", t("Mã hệ thống", "System code"), hint: t("chữ, số, dấu gạch", "letters, digits, dashes"))),
            text("name", t("Tên hệ thống", "Name")),
            choice("owner_unit", t("Đơn vị chủ quản", "Owning unit"), units),
            text("purpose", t("Mục đích", "Purpose")),
            choice("information", t("Loại thông tin xử lý", "Information processed"), InformationKind.allCases.map { ($0.rawValue, $0.nameVi) }),
            choice("kind", t("Loại hệ thống", "Kind of system"), SystemKind.allCases.map { ($0.rawValue, $0.nameVi) }),
            text("personal_data_subjects", t("Số người có dữ liệu cá nhân", "People whose personal data it holds")),
            text("proposed_level", t("Cấp độ đề xuất", "Proposed level"), hint: "1–5"),
            text("approved_level", t("Cấp độ được phê duyệt", "Approved level"), hint: "1–5"),
            text("decision_number", t("Số quyết định phê duyệt", "Number of the approving decision")),
            text("decision_date", t("Ngày quyết định", "Date of the decision"), hint: date),
            text("approver", t("Cơ quan phê duyệt", "Approved by")),
            text("protection_plan", t("Phương án bảo đảm an toàn", "Protection plan")),
            text("protection_plan_date", t("Ngày phương án", "Date of the plan"), hint: date),
            choice("hosting", t("Nơi đặt hệ thống", "Hosting"), Hosting.allCases.map { ($0.rawValue, $0.nameVi) }),
            text("hosted_since", t("Đặt tại đó từ ngày", "Hosted there since"), hint: date),
            .div(.class("field"), .label(.input(.type(.checkbox), .name("monitored"), .value("có"), .id("f-monitored"),
                                                .attribute(named: "checked", value: ["có", "yes", "1", "true"].contains(value("monitored").lowercased()) ? "checked" : nil)),
                                         .text(t(" Đã kết nối giám sát an toàn thông tin", " Connected to security monitoring")))),
            text("monitored_since", t("Kết nối giám sát từ ngày", "Monitored since"), hint: date),
            choice("status", t("Trạng thái", "Status"), SystemStatus.allCases.map { ($0.rawValue, $0.nameVi) }),
            text("in_operation_since", t("Vận hành từ ngày", "In operation since"), hint: date),
            text("retired_on", t("Ngày dừng", "Retired on"), hint: date),
            .div(.class("actions"), .button(.type(.submit), .text(t("Lưu", "Save"))))))
        return page
    }
}
