import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// A period with its dates, cut-off window and Vietnamese name, for clients that
/// should not reimplement the period arithmetic.
struct PeriodInfo: ResponseEncodable, Codable, Sendable {
    let id: String
    let type: String
    let nameVi: String
    let start: LocalDate
    let end: LocalDate
    let cutoff: CutoffWindow
    let previous: String
    let next: String
    let sameLastYear: String
    // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
    let name_vi: String
    let same_last_year: String

    init(_ p: Period) {
        id = p.id
        type = p.type.rawValue
        (nameVi, name_vi) = (p.nameVi, p.nameVi)
        start = p.start
        end = p.end
        cutoff = CutoffRule.decree09.window(for: p)
        previous = p.previous.id
        next = p.next.id
        (sameLastYear, same_last_year) = (p.sameLastYear.id, p.sameLastYear.id)
    }
}
