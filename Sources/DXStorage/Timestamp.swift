import Foundation

/// Moments are stored as ISO 8601 UTC text (`2026-11-23T04:06:55Z`): readable in
/// either database, and they sort as they happened.
enum Timestamp {
    static func now() -> String {
        Date().formatted(.iso8601)
    }
}
