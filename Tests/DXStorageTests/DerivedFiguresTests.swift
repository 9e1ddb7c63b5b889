import DXDomain
import DXStorage
import DXTestSupport
import Logging
import Testing

/// Figures derived from the data are kept while nothing is written, and never outlive a
/// write, whichever instance wrote it.
@Suite struct DerivedFiguresTests {
    actor Counter {
        var n = 0
        func next() -> Int { n += 1; return n }
    }

    @Test(arguments: TestBackend.available)
    func aFigureIsComputedOncePerVersionOfTheData(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let counter = Counter()
            let first = try await db.derived("k") { await counter.next() }
            let again = try await db.derived("k") { await counter.next() }
            #expect(first == 1 && again == 1)
            // Concurrent readers of a stale figure share one computation.
            try await db.transaction { try await OrgUnitStore($0).save([Fixtures.province]) }
            let many = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { try await db.derived("k") { try await Task.sleep(for: .milliseconds(50)); return await counter.next() } } }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(many == [2])
            // A failed computation is not kept.
            await #expect(throws: DomainError.self) { try await db.derived("k2") { () async throws -> Int in throw DomainError.required("x") } }
            #expect(try await db.derived("k2") { 5 } == 5)
        }
    }

    @Test(arguments: TestBackend.available)
    func aWriteByAnotherInstanceIsSeenAtOnce(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let q1 = try Period("2025Q1")
            // A figure of the province itself: no report form covers it, so it counts as soon as it is written.
            let vehicles = Fixtures.vehicles.code
            try await DataEntry(db).write([Fixtures.input("20", vehicles, "2025Q1", value: 30)], by: .machineOperator("t"))
            let before = try await Analytics(db).aggregate(indicator: vehicles, unit: "20", period: q1)
            #expect(before.aggregate.value == 30)
            // Another dxtrack instance on the same database writes a new figure.
            _ = try await Database.withDatabase(at: db.location, logger: Logger(label: "other")) { other in
                try await DataEntry(other).write([Fixtures.input("20", vehicles, "2025Q1", value: 60)], by: .machineOperator("t"))
            }
            let after = try await Analytics(db).aggregate(indicator: vehicles, unit: "20", period: q1)
            #expect(after.aggregate.value == 60)
            let progress = try await Analytics(db).progress(unit: "20", asOf: q1)
            #expect(progress.first { $0.target.indicatorCode == vehicles }?.assessment.latest?.value == 60)
        }
    }
}
