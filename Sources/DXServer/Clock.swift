import DXDomain
import Foundation

/// What day it is for dxtrack: deadlines, the quarter a page opens on, the units in force.
/// Given to the server (``ServerConfiguration/clock``), never read from the system inside a
/// handler, so that a test can stand on the day it needs: a deadline just passed, a quarter
/// just closed.
public struct Clock: Sendable {
    public let today: @Sendable () -> LocalDate

    public init(today: @escaping @Sendable () -> LocalDate) { self.today = today }

    /// Today's date in Vietnam, whatever the server's own time zone.
    public static let vietnam = Clock { LocalDate(vietnamTimeOf: Date().timeIntervalSince1970) }

    /// Always `day`.
    public static func fixed(_ day: LocalDate) -> Clock { Clock { day } }
}
