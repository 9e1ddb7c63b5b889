import DXCatalog
import DXDomain
import DXSpreadsheet
import Foundation
import Testing

@Suite struct NationalDataSetTests {
    @Test func theSameSizeAndSeedGiveTheSameFilesWithExactlyThatManyValues() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-national-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let set = NationalDataSet(values: 25_000)
        let a = try set.writeCSV(to: root.appendingPathComponent("a"), rowsPerFile: 10_000)
        let b = try NationalDataSet(values: 25_000).writeCSV(to: root.appendingPathComponent("b"), rowsPerFile: 10_000)
        #expect(a.count == 3)
        #expect(try a.map { try Data(contentsOf: $0) } == b.map { try Data(contentsOf: $0) })
        // Every row parses as an upload would, and there are exactly as many as asked.
        let parsed = try a.map { ImportFile.read(Array(try Data(contentsOf: $0))) }
        #expect(parsed.allSatisfy { $0.problems.isEmpty })
        #expect(parsed.map(\.inputs.count).reduce(0, +) == 25_000)
        let other = try NationalDataSet(values: 25_000, seed: 1).writeCSV(to: root.appendingPathComponent("c"), rowsPerFile: 10_000)
        #expect(try Data(contentsOf: other[0]) != Data(contentsOf: a[0]))
    }

    @Test func theNationalSizeHasThe34ProvincesAndAbout20000Units() {
        let set = NationalDataSet(values: 10_000_000)
        #expect(set.units.filter { $0.kind == .province }.count == 34)
        #expect((19_000...21_000).contains(set.units.count))
        #expect(set.indicators.count == 200)
        #expect(Set(set.indicators.map(\.code)).count == 200)
        // Every unit's parent exists, and the plan's targets cover every indicator.
        let codes = Set(set.units.map(\.code))
        #expect(set.units.allSatisfy { $0.parentCode.map(codes.contains) ?? ($0.kind == .country) })
        #expect(Set(set.plan.1.map(\.indicatorCode)) == Set(set.indicators.map(\.code)))
    }
}
