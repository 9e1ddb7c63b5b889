import DXDomain
import DXTestSupport
@testable import DXStorage
import Logging
import SQLKit
import Testing

/// The in-memory columns hold exactly what `data_values` holds, after any sequence of
/// writes by this instance or another, and answer selections as a filter of the table would.
@Suite struct ValueColumnsTests {
    /// What a value is for analytics: its key and its figures.
    struct Figures: Hashable, Comparable {
        var unit: String, indicator: String, period: String
        var value: Double?, numerator: Double?, denominator: Double?

        init(_ v: DataValue) {
            (unit, indicator, period) = (v.unitCode, v.indicatorCode, v.period.id)
            (value, numerator, denominator) = (v.value, v.numerator, v.denominator)
        }

        var key: String { "\(unit)|\(indicator)|\(period)" }

        static func < (a: Self, b: Self) -> Bool { (a.unit, a.indicator, a.period) < (b.unit, b.indicator, b.period) }
    }

    static let units = Fixtures.units.map(\.code)
    static let indicators = Fixtures.indicators.map(\.code)
    static let periods = ["2024Q4", "2025Q1", "2025Q2", "2025", "2025S1"]

    /// A batch of random values; some keys come back with new figures, some figures are missing.
    static func batch(_ random: inout SplitMix64, size: Int) throws -> [DataValue] {
        func pick<T>(_ xs: [T]) -> T { xs[Int(random.next() % UInt64(xs.count))] }
        func figure() -> Double? { random.unit() < 0.2 ? nil : (random.unit() * 1000).rounded() / 10 }
        return try (0..<size).map { _ in
            DataValue(unitCode: pick(units), indicatorCode: pick(indicators), period: try Period(pick(periods)),
                      value: figure(), numerator: figure(), denominator: figure())
        }
    }

    static func stored(_ db: Database) async throws -> [Figures] {
        try await db.read { try await DataValueStore($0).read($0.select().column("*").from("data_values")) }.map(Figures.init).sorted()
    }

    static func inMemory(_ db: Database, _ selection: ValueSelection = ValueSelection()) async throws -> [Figures] {
        try await db.read { try await db.values(selection, on: $0) }.map(Figures.init).sorted()
    }

    @Test(arguments: TestBackend.available)
    func theColumnsFollowEveryWriteWhicheverInstanceWrote(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            var random = SplitMix64(seed: 13)
            #expect(try await Self.inMemory(db).isEmpty)
            for round in 0..<6 {
                // Duplicate keys inside one statement are left to the rounds: an upsert takes each key once.
                var seen = Set<String>()
                let values = try Self.batch(&random, size: 40).filter { seen.insert("\($0.unitCode)|\($0.indicatorCode)|\($0.period.id)").inserted }
                if round % 2 == 0 {
                    try await db.transaction { try await ValueWrite.store(values, by: "t", action: "values.write", on: $0, dialect: db.dialect) }
                } else {
                    _ = try await Database.withDatabase(at: db.location, logger: Logger(label: "other")) { other in
                        try await other.transaction { try await ValueWrite.store(values, by: "t", action: "values.write", on: $0, dialect: other.dialect) }
                    }
                }
                let stored = try await Self.stored(db)
                #expect(try await Self.inMemory(db) == stored, "round \(round)")
                // A selection gives what filtering the table gives.
                let units: Set<String> = ["20", "178"]
                let selection = ValueSelection(indicators: [Fixtures.vehicles.code], units: units, periods: { $0.type == .quarterly })
                let expected = stored.filter { $0.indicator == Fixtures.vehicles.code && units.contains($0.unit) && (try? Period($0.period))?.type == .quarterly }
                #expect(try await Self.inMemory(db, selection) == expected, "round \(round)")
            }
            // A process that starts now loads the same from nothing.
            let fresh = try await Database.withDatabase(at: db.location, logger: Logger(label: "fresh")) { try await Self.inMemory($0) }
            #expect(try await fresh == Self.stored(db))
        }
    }

    @Test(arguments: TestBackend.available)
    func moreReadersCatchingUpAtOnceThanThePoolHasConnectionsAllGetAnswers(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            var random = SplitMix64(seed: 7)
            var seen = Set<String>()
            let values = try Self.batch(&random, size: 200).filter { seen.insert("\($0.unitCode)|\($0.indicatorCode)|\($0.period.id)").inserted }
            try await db.transaction { try await ValueWrite.store(values, by: "t", action: "values.write", on: $0, dialect: db.dialect) }
            // More readers than SQLite's pool has connections: each waits holding its own, so a
            // load that asked the pool for another would never start.
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 { group.addTask { try await Self.inMemory(db).count } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts == Array(repeating: values.count, count: 16))
        }
    }
}
