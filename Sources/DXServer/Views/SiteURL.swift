import DXDomain
import Foundation

/// Every page, form and download dxtrack links to, built in one place: the codes in a path
/// or a query are escaped here, and a route that moves moves here once.
///
/// ```swift
/// .a(.href(.report(form: "CDS-QUY", unit: "20-STTTT", period: "2026Q3")), …)
/// ```
enum SiteURL: Sendable, Hashable {
    case home
    case login(next: String?)
    case logout
    case language(Lang, back: String)
    /// A unit's dashboard for a quarter; `status`, `pillar` and `past` narrow its list of targets.
    case dashboard(unit: String?, period: String? = nil, status: ProgressStatus? = nil, pillar: Pillar? = nil, past: Bool = false)
    case unit(String)
    case indicator(String, unit: String?)
    case plans
    case plan(String)
    case rankings
    case indexRanking(unit: String?)
    case emulation
    case newCampaign
    case campaign(String)
    case importFile
    case myReports
    /// The queue narrowed to a unit, a form, a period, and one of its pages.
    case myReportsPage(unit: String?, form: String?, period: String?, page: Int)
    /// Approving several submitted reports at once.
    case approveReports
    case report(form: String, unit: String, period: String)
    case reportEvidence(form: String, unit: String, period: String)
    /// A report's API downloads: `signed`, `template.xlsx`, `template.csv`.
    case reportDownload(form: String, unit: String, period: String, file: String)
    case evidence(sha256: String)
    case openData
    /// An indicator's open data: its page, or its file (`csv`, `json`).
    case openDataIndicator(String, format: String?)
    /// The coordinators' page of pushes to other systems.
    case exchange
    /// An indicator's Frictionless Data package.
    case openDataPackage(String)
    /// The catalogue of the published indicators: DCAT-AP as JSON-LD, or `data.json`.
    case openDataCatalog(jsonLD: Bool)
    case quarterlyReport(unit: String, period: String, format: String?)
    /// The standing agency's report to the People's Committee: where it stands, its steps.
    case committeeReport(unit: String, period: String)
    /// The information-system registry, narrowed by a ``RegistryPage/Filter``.
    case registry(filter: String?)
    /// One entry's form; nil for a new one.
    case registryEntry(String?)
    case registryImport
    /// The registry as a file (`xlsx`, `csv`), read back by the import.
    case registryFile(format: String)

    /// The signed-in person's notices, one of them (opening it marks it read), and marking them all read.
    case inbox
    case notice(id: String)
    case inboxRead
    /// One's own settings: e-mail address, how notices are mailed, language.
    case settings
    /// The coordinator's reminder to the units overdue on a form for a period.
    case urge
    case urgeList(form: String, period: String)

    var path: String {
        switch self {
        case .home: "/"
        case .login(let next): "/login" + Self.query(["next": next])
        case .logout: "/logout"
        case .language(let lang, let back): "/lang/\(lang.rawValue)" + Self.query(["back": back])
        case .dashboard(let unit, let period, let status, let pillar, let past):
            "/dashboard" + Self.query(["unit": unit, "period": period, "status": status?.rawValue, "pillar": pillar?.rawValue, "past": past ? "1" : nil])
                + (status != nil || pillar != nil ? "#chi-tieu" : past ? "#chi-tieu-cu" : "")
        case .unit(let code): "/units/\(Self.escaped(code))"
        case .indicator(let code, let unit): "/indicators/\(Self.escaped(code))" + Self.query(["unit": unit])
        case .plans: "/plans"
        case .plan(let code): "/plans/\(Self.escaped(code))"
        case .rankings: "/rankings"
        case .indexRanking(let unit): "/rankings/index" + Self.query(["unit": unit])
        case .emulation: "/emulation"
        case .newCampaign: "/emulation/new"
        case .campaign(let code): "/emulation/\(Self.escaped(code))"
        case .importFile: "/import"
        case .myReports: "/reports"
        case .myReportsPage(let unit, let form, let period, let page):
            "/reports" + Self.query(["unit": unit, "form": form, "period": period, "page": String(page)]) + "#t-cho-duyet"
        case .approveReports: "/reports/approve"
        case .report(let form, let unit, let period): Self.report(form, unit, period)
        case .reportEvidence(let form, let unit, let period): Self.report(form, unit, period) + "/evidence"
        case .reportDownload(let form, let unit, let period, let file): "/api" + Self.report(form, unit, period) + "/" + file
        case .evidence(let sha256): "/api/evidence/\(Self.escaped(sha256))"
        case .openData: "/open-data"
        case .openDataIndicator(let code, let format): "/open-data/\(Self.escaped(code))" + (format.map { ".\($0)" } ?? "")
        case .exchange: "/exchange"
        case .openDataPackage(let code): "/open-data/\(Self.escaped(code))/datapackage.json"
        case .openDataCatalog(let jsonLD): jsonLD ? "/open-data/catalog.jsonld" : "/open-data/data.json"
        case .committeeReport(let unit, let period): "/committee-reports/\(Self.escaped(unit))/\(Self.escaped(period))"
        case .registry(let filter): "/registry" + Self.query(["filter": filter])
        case .registryEntry(let code): "/registry/" + (code.map(Self.escaped) ?? "new")
        case .registryImport: "/registry/import"
        case .inbox: "/inbox"
        case .notice(let id): "/inbox/\(Self.escaped(id))"
        case .inboxRead: "/inbox/read"
        case .settings: "/settings"
        case .urge: "/reports/urge"
        case .urgeList(let form, let period): "/reports/urge" + Self.query(["form": form, "period": period])
        case .registryFile(let format): "/api/registry" + Self.query(["format": format])
        case .quarterlyReport(let unit, let period, let format):
            "/api/reports/quarterly" + Self.query(["unit": unit, "period": period, "format": format])
        }
    }

    /// The page a notice opens.
    init(_ place: Notice.Place) {
        switch place {
        case .report(let form, let unit, let period): self = .report(form: form, unit: unit, period: period.id)
        case .campaign(let code): self = .campaign(code)
        case .dashboard(let unit): self = .dashboard(unit: unit)
        case .urge(let form, let period): self = .urgeList(form: form, period: period.id)
        }
    }

    /// Where a person lands after signing in with nowhere else to go: what they owe or
    /// must approve for those who report and approve; the dashboard for the others.
    static func landing(for role: Role) -> SiteURL {
        switch role {
        case .reporter, .approver: .myReports
        case .admin, .coordinator, .leader: .dashboard(unit: nil)
        }
    }

    /// A query value, percent-encoded but for `/`.
    static func queryValue(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~/"))) ?? ""
    }

    private static func report(_ form: String, _ unit: String, _ period: String) -> String {
        "/reports/\(escaped(form))/\(escaped(unit))/\(escaped(period))"
    }

    /// A path segment, percent-encoded (a code's grammar needs none; text may).
    static func escaped(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? ""
    }

    /// `?a=1&b=2` of the parameters given, in a fixed order; empty when none is. A value may
    /// keep its `/` (a path to come back to reads as one), nothing else that means something in a URL.
    private static func query(_ parameters: KeyValuePairs<String, String?>) -> String {
        let given = parameters.compactMap { key, value in value.map { "\(key)=\(queryValue($0))" } }
        return given.isEmpty ? "" : "?" + given.joined(separator: "&")
    }
}

import Plot

extension Notice.Place {
    /// The absolute address of the page a notice opens, for mail: `base` is where the
    /// deployment is reached ("https://dxtrack.langson.gov.vn").
    public func address(base: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + SiteURL(self).path
    }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: SiteURL) -> Attribute { .href(url.path.attributeEscaped) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: SiteURL) -> Node { .href(url.path.attributeEscaped) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: SiteURL) -> Node { .action(url.path.attributeEscaped) }
}
