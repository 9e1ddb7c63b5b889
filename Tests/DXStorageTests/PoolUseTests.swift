import DXTestSupport
import Foundation
@testable import DXStorage
import Synchronization
import Testing

/// The pool's use as `/metrics` reports it: connections lent while a read or a
/// transaction holds one, and callers waiting once every connection is lent.
@Suite struct PoolUseTests {
    @Test(arguments: TestBackend.available)
    func lentAndWaitingConnectionsAreCounted(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let use = db.poolUse
            #expect(use.inUse == 0 && use.waiting == 0)
            // A transaction (SQLite's one writer) and reads, one more than the pool has:
            // all of its connections are lent, the last reader waits.
            let callers = use.size + 1
            let released = Released()
            @Sendable func hold() async throws { while !released.flag.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await db.transaction { _ in try await hold() } }
                for _ in 1..<callers { group.addTask { try await db.read { _ in try await hold() } } }
                var waited = 0
                while (use.inUse, use.waiting) != (use.size, 1), waited < 500 {
                    try await Task.sleep(for: .milliseconds(10))
                    waited += 1
                }
                #expect(use.inUse == use.size && use.waiting == 1, "in use \(use.inUse), waiting \(use.waiting)")
                released.flag.store(true, ordering: .relaxed)
                try await group.waitForAll()
            }
            #expect(use.inUse == 0 && use.waiting == 0)
        }
    }
}

private final class Released: Sendable {
    let flag = Atomic<Bool>(false)
}
