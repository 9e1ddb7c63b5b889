import DXDomain

/// How a running dxtrack is doing, for its operators' monitoring (`/metrics`): the data
/// version (every write moves it), the schema, whether the values are in memory, the mail
/// queue, unread notices, reports and pushes by status, writes of values, and how often figures were served
/// from memory rather than computed.
public struct Vitals: Sendable {
    public var dataVersion: Int64
    public var schema: Int
    public var valuesLoaded: Bool
    public var mailWaiting: Int
    public var mailRefused: Int
    public var noticesUnread: Int
    public var reports: [String: Int]
    public var pushes: [String: Int]
    /// Writes of values by what made them (`values.write`: people and imports; `values.compute`: computed indicators).
    public var valueWrites: [String: Int]
    public var figuresServed: Int
    public var figuresComputed: Int
    /// Of the figures served again, those carried past a write that left them alone.
    public var figuresCarried: Int
    public var figuresKept: Int
    /// The database's connections: how many, lent out now, callers waiting for one.
    public var poolSize: Int
    public var poolInUse: Int
    public var poolWaiting: Int

    static func zeros(_ keys: [String]) -> [String: Int] { Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) }) }

    public static func read(_ db: Database) async throws -> Vitals {
        let readiness = try await db.readiness()
        let figures = db.memory.derivedFigures
        let (hits, misses, kept, carried) = (await figures.hits, await figures.misses, await figures.kept, await figures.carried)
        // Read before this scrape borrows a connection of its own.
        let (size, inUse, waiting) = (db.poolUse.size, db.poolUse.inUse, db.poolUse.waiting)
        return try await db.read { sql in
            let store = VitalsStore(sql: sql)
            return Vitals(dataVersion: try await DataVersion.current(on: sql), schema: readiness.schema, valuesLoaded: readiness.valuesLoaded,
                          mailWaiting: try await store.count("SELECT COUNT(*) AS n FROM mail_queue WHERE sent_at IS NULL AND failed = 0"),
                          mailRefused: try await store.count("SELECT COUNT(*) AS n FROM mail_queue WHERE failed = 1"),
                          noticesUnread: try await store.count("SELECT COUNT(*) AS n FROM notices WHERE read_at IS NULL"),
                          // Every status, none at 0 too, so that a gauge never keeps a count that is gone.
                          reports: Self.zeros(SubmissionStatus.allCases.map(\.rawValue)).merging(try await store.counts(of: "submissions")) { $1 },
                          pushes: Self.zeros(["sent", "failed"]).merging(try await store.counts(of: "exports")) { $1 },
                          valueWrites: try await store.counts(by: "action", of: "value_writes"),
                          figuresServed: hits, figuresComputed: misses, figuresCarried: carried, figuresKept: kept, poolSize: size, poolInUse: inUse, poolWaiting: waiting)
        }
    }
}
