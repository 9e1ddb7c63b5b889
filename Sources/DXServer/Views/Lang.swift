import Foundation
import DXDomain
import Hummingbird

/// The language a page is read in: Vietnamese first, English on request. Chosen with
/// the switch in the page header (a cookie) or `?lang=en` on any page.
enum Lang: String, Sendable {
    case vi, en

    static let cookie = "dxtrack_lang"

    init(_ request: Request) {
        let asked = request.uri.queryParameters["lang"].map(String.init) ?? request.cookies[Self.cookie]?.value
        self = asked == "en" ? .en : .vi
    }

    /// Picks the text in this language.
    func callAsFunction(_ vi: String, _ en: String) -> String { self == .vi ? vi : en }

    var other: Lang { self == .vi ? .en : .vi }

    /// "1.234,5" in Vietnamese, "1,234.5" in English.
    func number(_ x: Double, decimals: Int? = nil) -> String {
        let vi = VietnameseNumber.format(x, decimals: decimals)
        guard self == .en else { return vi }
        return String(vi.map { $0 == "." ? "," : $0 == "," ? "." : $0 })
    }

    func percent(_ x: Double, decimals: Int = 1) -> String { number(x, decimals: decimals) + "%" }

    /// dd/mm/yyyy in both languages, as Vietnamese documents write dates.
    func date(_ d: LocalDate) -> String { d.formattedVietnamese }

    /// A stored moment ("2026-11-23T07:17:20Z") as people in Vietnam read it: "23/11/2026 14:17".
    func moment(_ iso: String) -> String {
        guard let at = ISO8601DateFormatter().date(from: iso) else { return iso }
        let seconds = Int(at.timeIntervalSince1970) + 7 * 3600
        let minutes = (seconds % 86_400 + 86_400) % 86_400 / 60
        return date(LocalDate(vietnamTimeOf: at.timeIntervalSince1970)) + " " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    func period(_ p: Period) -> String { self(p.nameVi, p.nameEn) }
    /// A period on a chart's axis, short as people write it there: "Q3/2026", "03/2026", "2026".
    func axis(_ p: Period) -> String {
        switch p.type {
        case .yearly: "\(p.year)"
        case .sixMonthly: self("6T\(p.index)/\(p.year)", "H\(p.index)/\(p.year)")
        case .quarterly: "Q\(p.index)/\(p.year)"
        case .monthly: p.nameEn
        case .weekly: self("T\(p.index)/\(p.year)", "W\(p.index)/\(p.year)")
        case .daily: p.nameVi
        }
    }
    func status(_ s: ProgressStatus) -> String { self(s.nameVi, s.nameEn) }
    func pillar(_ p: Pillar) -> String { self(p.nameVi, p.nameEn) }
    func kind(_ k: OrgUnitKind) -> String { self(k.nameVi, k.nameEn) }
    func name(_ i: Indicator) -> String { self(i.nameVi, i.nameEn) }

    /// A value as people read it: "37,8%", "7.776 phương tiện", "Có", "hạng 5".
    func value(_ x: Double?, _ indicator: Indicator) -> String {
        guard let x else { return "–" }
        switch indicator.valueType {
        case .percentage: return percent(x, decimals: indicator.decimals)
        case .yesNo: return x == 1 ? self("Có", "Yes") : self("Không", "No")
        case .rank: return self("hạng ", "rank ") + number(x, decimals: 0)
        default: return "\(number(x, decimals: indicator.decimals)) \(indicator.unitVi)"
        }
    }
}
