import Hummingbird
import NIOConcurrencyHelpers

/// The pace a request body must keep while ``Request/collectBody(upTo:field:)`` reads it.
final class BodyPace: Sendable {
    /// At least this many bytes …
    static let minimumBytes = 1024
    /// … in every window of this length, once the first window has passed.
    static let window: Duration = .seconds(15)
    /// And the whole body within this, however it trickles: the largest upload (20 MB) takes
    /// about a minute at 3G's pace; a form or a day's values take seconds even on 2G.
    static let whole: Duration = .seconds(600)

    struct TooLarge: Error {}

    private let bytes = NIOLockedValueBox(0)

    /// How many bytes have arrived so far.
    func received(_ total: Int) { bytes.withLockedValue { $0 = total } }

    /// Returns when the body falls behind the pace or takes too long in all; cancelled once
    /// the body is read.
    func watch() async throws {
        var last = 0, waited: Duration = .zero
        while waited < Self.whole {
            try await Task.sleep(for: Self.window)
            waited += Self.window
            let now = bytes.withLockedValue { $0 }
            if now - last < Self.minimumBytes { return }
            last = now
        }
    }
}
