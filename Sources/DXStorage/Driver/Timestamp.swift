import Foundation

/// Moments are stored as ISO 8601 UTC text (`2026-11-23T04:06:55Z`): readable in
/// either database, and they sort and compare as they happened.
enum Timestamp {
    static func now() -> String { string(Date()) }

    static func string(_ date: Date) -> String { date.formatted(.iso8601) }
}
