import Synchronization

/// How busy a database's connection pool is, for its operators' monitoring: how many
/// connections it has, how many are lent out now, and how many callers wait for one.
/// A pool whose callers wait is the first sign that a deployment needs more of them
/// (PostgreSQL) or fewer long writes (SQLite's one writer).
public final class PoolUse: Sendable {
    public let size: Int
    private let asked = Atomic<Int>(0)
    private let lent = Atomic<Int>(0)

    init(size: Int) { self.size = size }

    public var inUse: Int { lent.load(ordering: .relaxed) }
    /// Asked for and not lent yet.
    public var waiting: Int { max(0, asked.load(ordering: .relaxed) - lent.load(ordering: .relaxed)) }

    /// Around the whole call: from asking for a connection until it is given back.
    func asking<T>(_ body: () async throws -> T) async rethrows -> T {
        asked.add(1, ordering: .relaxed)
        defer { asked.subtract(1, ordering: .relaxed) }
        return try await body()
    }

    /// Around the time a connection is lent.
    func lending<T>(_ body: () async throws -> T) async rethrows -> T {
        lent.add(1, ordering: .relaxed)
        defer { lent.subtract(1, ordering: .relaxed) }
        return try await body()
    }
}
