import DXDomain
import DXTestSupport
@testable import DXStorage
import SQLKit
import Testing

/// Storing values (SQLite's prepared statements, PostgreSQL's batches) and the text that
/// records each write.
@Suite struct ValueWriteTests {
    static func value(_ unit: Int, _ period: Period, _ x: Double?, comment: String? = nil) -> DataValue {
        DataValue(unitCode: "u\(unit)", indicatorCode: "i", period: period, value: x, numerator: x.map { $0 * 2 }, denominator: nil, comment: comment)
    }

    @Test(arguments: TestBackend.available)
    func storingReturnsWhatWasReplacedAndKeepsTheLastWrite(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let q1 = Period.quarter(2025, 1)!, q2 = Period.quarter(2025, 2)!
            // More than a thousand values each: on PostgreSQL, the stored values of the second
            // write's units are looked for first, then those of its keys.
            let first = (0..<2_500).map { Self.value($0, q1, Double($0)) }
            let second = (2_000..<3_500).map { Self.value($0, $0 % 2 == 0 ? q1 : q2, nil, comment: "sửa\t\($0)") }
            let (a, b) = try await db.transaction { sql in
                let a = try await sql.storeValues(first, revision: 1)
                let b = try await sql.storeValues(second, revision: 2)
                return (a, b)
            }
            #expect(a.isEmpty)
            // The even units of 2000…2499 had a Q1 value: those were replaced, as stored by write 1.
            let expected = (2_000..<2_500).filter { $0 % 2 == 0 }.map { Self.value($0, q1, Double($0)) }
            #expect(b.map(\.value).sorted { $0.unitCode < $1.unitCode } == expected.sorted { $0.unitCode < $1.unitCode })
            #expect(b.allSatisfy { $0.revision == 1 })
            let stored = try await db.read { sql in
                try await sql.rows("SELECT unit_code, period, value, comment, revision FROM stored_values WHERE unit_code = ? OR unit_code = ?", [.text("u2002"), .text("u2003")])
            }
            #expect(try stored.map { try $0.text("period") }.sorted() == ["2025Q1", "2025Q1", "2025Q2"])
            #expect(try stored.filter { try $0.text("unit_code") == "u2002" }.map { try $0.optionalText("comment") } == ["sửa\t2002"])
            #expect(try stored.filter { try $0.text("unit_code") == "u2002" }.map { try $0.number("revision") } == [2])
        }
    }

    /// A key given twice in one write ends with the later figures, whether the two share an
    /// insert statement or not, as if the values were stored one after the other.
    @Test(arguments: TestBackend.available)
    func aKeyGivenTwiceKeepsTheLaterValue(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let q = Period.quarter(2025, 1)!
            var values = (0..<100).map { Self.value($0, q, Double($0)) }
            values.insert(Self.value(3, q, 1_000), at: 10)   // same statement as unit 3's first value
            values.append(Self.value(5, q, 5))                // identical to unit 5's first value
            values.append(Self.value(7, q, 2_000))            // a later statement
            try await db.transaction { [values] sql in _ = try await sql.storeValues(values, revision: 1) }
            let stored = try await db.read { sql in
                try await sql.rows("SELECT unit_code, value FROM stored_values WHERE unit_code IN (?, ?, ?, ?) ORDER BY unit_code",
                                               [.text("u3"), .text("u5"), .text("u7"), .text("u8")])
            }
            #expect(try stored.map { try $0.number("value") } == [1_000, 5, 2_000, 8])
        }
    }

    /// Many values (several megabytes of COPY text on PostgreSQL), comments holding what COPY's text
    /// format escapes, and figures that need every digit: stored and read back exactly.
    @Test(arguments: TestBackend.available)
    func aBigWriteWithAwkwardCommentsReadsBackExactly(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            let q = Period.quarter(2025, 3)!
            let comments = ["tab\there", "dòng\nmới", "gạch \\ ngược \\N", "\r", "", "\\N"]
            let count = 51_234
            var values = (0..<count).map { Self.value($0, q, Double($0) / 3, comment: $0 % 1000 < comments.count ? comments[$0 % 1000] : nil) }
            values.append(Self.value(1, q, 0.1 + 0.2))  // a key again: a COPY of its own, the later value kept
            let replaced = try await db.transaction { [values] sql in try await sql.storeValues(values, revision: 4) }
            // Only the key given twice: its first figures, stored by this write, were replaced.
            #expect(replaced.map(\.value) == [values[1]] && replaced.map(\.revision) == [4])
            let stored = try await db.read { sql in try await sql.rows("SELECT unit_code, value, comment FROM stored_values", []) }
            #expect(stored.count == count)
            let byUnit = Dictionary(uniqueKeysWithValues: try stored.map { (try $0.text("unit_code"), (try $0.number("value"), try $0.optionalText("comment"))) })
            for i in [0, 1, 2, 3, 4, 5, 999, 1_000, 1_003, 50_000, count - 1] {
                let expected = i == 1 ? 0.1 + 0.2 : Double(i) / 3
                #expect(byUnit["u\(i)"]?.0 == expected, "u\(i)")
                #expect(byUnit["u\(i)"]?.1 == (i != 1 && i % 1000 < comments.count ? comments[i % 1000] : nil), "u\(i)")
            }
        }
    }

    @Test func theRecordOfAWriteReadsBackAsWritten() throws {
        let q = Period.quarter(2025, 4)!
        let values: [StoredValue] = [
            (DataValue(unitCode: "20", indicatorCode: "a_b", period: q, value: 37.8, numerator: 1e16, denominator: -0.5, comment: "dòng 1\nvà\ttab \\ hết\r"), 12),
            (DataValue(unitCode: "20-STTTT", indicatorCode: "x", period: Period.year(2025)!, value: nil, numerator: nil, denominator: 3), nil),
            (DataValue(unitCode: "u", indicatorCode: "i", period: Period.month(2024, 2)!, value: 1.0 / 3), -4),
        ]
        let text = ChangeSet.text(values + [(DataValue(unitCode: "u", indicatorCode: "i", period: Period.month(2024, 3)!, value: 2), nil)])
        #expect(text.split(separator: "\n").count == 4 && text.hasSuffix("\n\t\t202403\t2\t\t\t\t\n"))
        let read = try #require(ChangeSet.values(text))
        #expect(read.map(\.value).prefix(3) == values.map(\.value)[...] && read.map(\.revision).prefix(3) == values.map(\.revision)[...])
        #expect(read.last?.value.unitCode == "u" && read.last?.value.indicatorCode == "i" && read.last?.value.value == 2)
        #expect(ChangeSet.values("\ti\t2025Q1\t1\t\t\t\t\n") == nil) // a ditto mark with nothing above
        #expect(ChangeSet.values("20\ti\t2025Q1\tx\t\t\t\t\n") == nil)
        #expect(ChangeSet.number(1000) == "1000" && ChangeSet.number(12.5) == "12.5")
        // Whole numbers take a shorter path that must write the same.
        for x in [0, -0.0, 7, -12, 1e15 - 1, 1e15, -1e15, 1e16, 123456789, 0.5, -3.25] {
            var bytes: [UInt8] = []
            ChangeSet.append(x, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == ChangeSet.number(x), "\(x)")
        }
    }
}
