import DXDomain
import DXTestSupport
@testable import DXStorage
import Foundation
import Logging
import Testing

/// A restarted server reads its values from the snapshot it wrote, catches up with the writes
/// since, and sets aside any snapshot that is not of its database as it is now.
@Suite struct ValueSnapshotTests {
    typealias Figures = ValueColumnsTests.Figures

    static func write(_ values: [DataValue], _ db: Database) async throws {
        try await db.transaction { try await ValueWrite.store(values, by: "t", action: "values.write", on: $0, dialect: db.dialect) }
    }

    static func batch(seed: UInt64) throws -> [DataValue] {
        var random = SplitMix64(seed: seed), seen = Set<String>()
        return try ValueColumnsTests.batch(&random, size: 60).filter { seen.insert("\($0.unitCode)|\($0.indicatorCode)|\($0.period.id)").inserted }
    }

    /// A data directory with the fixture catalog, some values, and the snapshot of them.
    static func directoryWithSnapshot(seed: UInt64 = 1) async throws -> String {
        try await Fixtures.dataDirectory { db in
            try await write(try batch(seed: seed), db)
            try await db.loadValues()
            #expect(try await db.saveValueSnapshot())
        }
    }

    static func start(_ dir: String) async throws -> [Figures] {
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "restart")) { db in
            try await db.loadValues()
            return try await ValueColumnsTests.inMemory(db)
        }
    }

    @Test func aRestartReadsTheSnapshotThenTheWritesSince() async throws {
        let dir = try await Self.directoryWithSnapshot()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            // Written after the snapshot, by a process that keeps no snapshot of its own.
            try await Self.write(try Self.batch(seed: 2), db)
            // Changed behind dxtrack's back (no record of the write): only a read of every row would see it.
            let second = Set(try Self.batch(seed: 2).map(Figures.init).map(\.key))
            let hidden = try #require(try Self.batch(seed: 1).map(Figures.init).first { !second.contains($0.key) })
            try await db.transaction { sql in
                try await sql.raw("UPDATE stored_values SET value = 12345, numerator = NULL, denominator = NULL WHERE unit_code = \(bind: hidden.unit) AND indicator_code = \(bind: hidden.indicator) AND period = \(bind: hidden.period)").run()
            }
        }
        let stored = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { try await ValueColumnsTests.stored($0) }
        // The snapshot holds the figures: readable by the database's owner alone.
        let mode = try FileManager.default.attributesOfItem(atPath: (dir as NSString).appendingPathComponent("dxtrack.values"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let started = try await Self.start(dir)
        // Every value of the second write is there; the change without a record is not, so the rows were not read.
        let second = Set(try Self.batch(seed: 2).map(Figures.init).map(\.key))
        #expect(started.filter { second.contains($0.key) } == stored.filter { second.contains($0.key) })
        #expect(started.count == stored.count)
        #expect(!started.contains { $0.value == 12345 } && stored.contains { $0.value == 12345 })
    }

    @Test func aSnapshotOfAnotherDatabaseOrCutShortIsSetAside() async throws {
        let mine = try await Self.directoryWithSnapshot(), theirs = try await Self.directoryWithSnapshot(seed: 4)
        defer { for dir in [mine, theirs] { try? FileManager.default.removeItem(atPath: dir) } }
        let snapshot = (theirs as NSString).appendingPathComponent("dxtrack.values")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        let path = (mine as NSString).appendingPathComponent("dxtrack.values")
        let stored = try await Database.withDatabase(at: .sqlite(directory: mine), logger: Logger(label: "t")) { db in
            try await Self.write(try Self.batch(seed: 3), db)
            return try await ValueColumnsTests.stored(db)
        }
        // Theirs, whole, in my directory: other values at the same versions, so not mine.
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try await Self.start(mine) == stored)
        // Cut anywhere, or with a byte changed in its head, it is set aside and the rows are read.
        var random = SplitMix64(seed: 5)
        for _ in 0..<20 {
            var broken = bytes.prefix(Int(random.next() % UInt64(bytes.count)))
            if random.next() % 2 == 0, broken.count > 40 { broken[broken.startIndex + Int(random.next() % 40)] ^= 0x5A }
            try Data(broken).write(to: URL(fileURLWithPath: path))
            #expect(try await Self.start(mine) == stored)
        }
    }

    /// A count read from a garbled file (a code's length, the rows) is refused before anything
    /// is allocated for it: a count of 2^40 rows would ask for terabytes, one past `Int.max` trapped.
    @Test func aGarbledCountIsRefusedBeforeAnythingIsAllocated() throws {
        func put<T: FixedWidthInteger>(_ x: T, _ out: inout Data) { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
        var hugeCode = Data(ValueSnapshot.magic), hugeTable = Data(ValueSnapshot.magic)
        put(Int64(1), &hugeCode)
        put(UInt32.max, &hugeCode)
        put(Int64(1), &hugeTable)
        for _ in 0..<4 { put(UInt32(0), &hugeTable) }   // an empty identity, then three empty code lists
        var beyondInt = hugeTable
        put(UInt64(1) << 40, &hugeTable)
        put(UInt64.max, &beyondInt)
        for data in [hugeCode, hugeTable, beyondInt] {
            #expect(throws: ValueSnapshot.Unreadable.self) { try ValueSnapshot(decoding: data) }
        }
    }

    /// One indicator's figures by a target's members come member by member, each member's in
    /// time, whatever order the rows arrived in (a load, writes one by one, a snapshot), and
    /// are the values a selection of the whole table finds.
    @Test func membersFiguresComeInOneOrderHoweverTheRowsArrived() throws {
        var random = SplitMix64(seed: 31)
        let rows = try ValueColumnsTests.batch(&random, size: 400)
        func table(_ values: [DataValue]) -> ValueTable {
            var table = ValueTable()
            for v in values { table.apply([.text(v.unitCode), .text(v.indicatorCode), .text(v.period.id), v.value.cell, v.numerator.cell, v.denominator.cell]) }
            return table
        }
        // The same values, the last of each key winning in both: rows in another order, and overwritten first.
        var last: [String: DataValue] = [:]
        for v in rows { last["\(v.unitCode)|\(v.indicatorCode)|\(v.period.id)"] = v }
        let tables = [table(rows), table(rows.map { var v = $0; v.value = -1; return v }.shuffled() + Array(last.values).shuffled()),
                      try ValueSnapshot(decoding: ValueSnapshot(version: 1, identity: "i", table: table(rows)).encoded()).table]
        let members = ValueColumnsTests.units.shuffled() + ["not-a-unit"]
        let end = try Period("2025Q2").end
        for indicator in ValueColumnsTests.indicators {
            let figures = tables.map { $0.figures(of: indicator, members: members, periods: { $0.end <= end }) }
            #expect(figures[1] == figures[0] && figures[2] == figures[0], "\(indicator)")
            let expected = last.values.filter { $0.indicatorCode == indicator && $0.period.end <= end }
                .sorted { (members.firstIndex(of: $0.unitCode)!, $0.period) < (members.firstIndex(of: $1.unitCode)!, $1.period) }
                .map { NumberedFigure(unit: Int32(members.firstIndex(of: $0.unitCode)!), period: $0.period, value: $0.value, numerator: $0.numerator, denominator: $0.denominator) }
            #expect(figures[0] == expected, "\(indicator)")
        }
        #expect(tables[0].figures(of: "not-an-indicator", members: members, periods: { _ in true }).isEmpty)
    }

    @Test func theColumnsComeBackAsTheyWere() throws {
        var random = SplitMix64(seed: 9)
        var table = ValueTable()
        for v in try ValueColumnsTests.batch(&random, size: 500) {
            table.apply([.text(v.unitCode), .text(v.indicatorCode), .text(v.period.id), v.value.cell, v.numerator.cell, v.denominator.cell])
        }
        let snapshot = ValueSnapshot(version: 7, identity: "id", table: table)
        let read = try ValueSnapshot(decoding: snapshot.encoded())
        #expect(read.version == 7 && read.identity == "id")
        // Written to a file and read from it, column by column: the same bytes, the same table. A
        // file left there before (a write cut short, another mode) is replaced.
        let path = NSTemporaryDirectory() + "values-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        try snapshot.write(toFile: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == snapshot.encoded())
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let fromFile = try ValueSnapshot(contentsOfFile: path)
        #expect(fromFile.table.select(ValueSelection()).map(Figures.init).sorted() == table.select(ValueSelection()).map(Figures.init).sorted())
        #expect(read.table.select(ValueSelection()).map(Figures.init).sorted() == table.select(ValueSelection()).map(Figures.init).sorted())
        let someUnits: Set<String> = ["20", "05983"]
        #expect(read.table.select(ValueSelection(units: someUnits)).map(Figures.init).sorted()
                == table.select(ValueSelection(units: someUnits)).map(Figures.init).sorted())
    }
}
