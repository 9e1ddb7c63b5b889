import Foundation

/// What time and day it is for dxtrack: deadlines, the entry window, the quarter a page
/// opens on, the units in force, and the moment a report is sent (which decides whether
/// it was on time). Given to the server (`ServerConfiguration.clock`) and by it to the use
/// cases that decide by the day (`DataEntry`, `DataValueSetImport`, `Submissions`), never
/// read from the system inside them, so that a test can stand on the day it needs: a
/// deadline just passed, a quarter just closed.
///
/// The audit trail's own times are the machine's, whatever the clock says: they record
/// when something happened, not the day it was judged on.
///
/// Not named `Clock`: that is the standard library's protocol, which a file that forgot to
/// import DXDomain would find instead, with baffling errors.
public struct WallClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The day in Vietnam at ``now``, whatever the server's own time zone.
    public func today() -> LocalDate { LocalDate(vietnamTimeOf: now().timeIntervalSince1970) }

    /// The machine's time.
    public static let vietnam = WallClock { Date() }

    /// Always 09:00 in Vietnam on `day`.
    public static func fixed(_ day: LocalDate) -> WallClock {
        let moment = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 2 * 3600)
        return WallClock { moment }
    }
}
