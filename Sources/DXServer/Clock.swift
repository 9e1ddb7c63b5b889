import DXDomain
import Foundation

enum Clock {
    /// Today's date in Vietnam, whatever the server's own time zone.
    static func today() -> LocalDate { LocalDate(vietnamTimeOf: Date().timeIntervalSince1970) }
}
