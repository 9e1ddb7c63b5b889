import DXCatalog
import DXDomain
import Foundation
import Testing

@Suite struct HostileCatalogTests {
    @Test func aBillionLaughsFileIsRefusedQuickly() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "units: *a9\n"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-bomb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try yaml.write(toFile: dir + "/bomb.yaml", atomically: true, encoding: .utf8)
        let (_, problems) = CatalogLoader.load(dir)
        #expect(problems.map(\.error.code) == ["too_complex"])
    }

    /// Property: no input text makes the catalog reader crash or hang; it reads or it
    /// names a problem. Inputs are valid entries with random bytes flipped, cut or repeated.
    @Test func mutatedCatalogFilesNeverCrashTheReader() throws {
        let valid = """
            indicators:
              - {code: a, nameVi: "Tỷ lệ", nameEn: Share, pillar: kinh_te_so, valueType: percentage, aggregation: ratioOfSums, direction: higherIsBetter, decimals: 1, unitVi: "%"}
            units:
              - {code: "20", name: "Tỉnh Lạng Sơn", kind: province}
            plan: {code: P, unitCode: "20", issuer: UBND, title: T, horizon: "2025"}
            targets:
              - {code: T1, indicatorCode: a, shape: about, tolerance: 1, value: 15, horizon: "2025"}

            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-fuzz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SplitMix64(seed: 85)
        let alphabet = Array("{}[]:,-\"'&*!|>#%@`\n\t 0123456789aZ.ăđ")
        for _ in 0..<300 {
            var chars = Array(valid)
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: chars[i] = alphabet.randomElement(using: &rng)!
                case 1: chars.removeSubrange(i..<min(chars.count, i + Int.random(in: 1...20, using: &rng)))
                default: chars.insert(contentsOf: chars[i..<min(chars.count, i + 15)], at: i)
                }
                if chars.isEmpty { chars = ["x"] }
            }
            try String(chars).write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
            let (catalog, problems) = CatalogLoader.load(dir)
            _ = problems + catalog.check() // must return, whatever the input
        }
    }
}
