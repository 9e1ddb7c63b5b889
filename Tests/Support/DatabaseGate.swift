/// How many test databases may be open at once.
///
/// Swift Testing starts every test at once, and each open SQLite database holds about a
/// dozen file descriptors (a writer and readers, each with the file and its WAL). Left
/// unbounded, the test process reached 2,000 descriptors, and Foundation's `Process.run`
/// on Linux reads past its buffer while listing `/proc/self/fd` once there are more than
/// about 1,300 (it copies each entry's whole 256-byte name): a test that ran `dxtrack`
/// then crashed with signal 11. Holding the open databases to a few dozen keeps the
/// process far below that, and costs nothing on two cores.
actor DatabaseGate {
    static let shared = DatabaseGate(limit: 24)

    /// Set while a task holds a place, so a database opened inside another (an admin
    /// connection, a second instance on the same file) does not wait on its own holder.
    @TaskLocal static var holding = false

    private let limit: Int
    private var open = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    /// Runs `body` once fewer than `limit` databases are open.
    static func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if holding { return try await body() }
        await shared.enter()
        do {
            let result = try await $holding.withValue(true) { try await body() }
            await shared.leave()
            return result
        } catch {
            await shared.leave()
            throw error
        }
    }

    private func enter() async {
        if open < limit { open += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place to the next waiter, or frees it.
    private func leave() {
        if waiting.isEmpty { open -= 1 } else { waiting.removeFirst().resume() }
    }
}
