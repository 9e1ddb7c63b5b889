import DXDomain
import Foundation
import Testing

/// Property tests of every parser that reads what people or other systems send:
/// random and mutated inputs never crash or hang; what parses formats back the same.
@Suite struct ParserPropertyTests {
    static func randomText(_ rng: inout SplitMix64, from alphabet: [Character], upTo n: Int) -> String {
        String((0..<Int.random(in: 0...n, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    @Test func periodIdentifiersRoundTripOrAreRefused() throws {
        var rng = SplitMix64(seed: 2025)
        let alphabet = Array("0123456789QSWqsw -+é\u{0}")
        for _ in 0..<20_000 {
            let text = Self.randomText(&rng, from: alphabet, upTo: 10)
            if let p = try? Period(text) {
                #expect(try Period(p.id) == p, "\(text)")
                #expect(p.start <= p.end)
            }
        }
    }

    @Test func numbersParseToWhatTheyFormatTo() {
        var rng = SplitMix64(seed: 378)
        let alphabet = Array("0123456789.,-+% \u{A0}e")
        for _ in 0..<20_000 {
            let text = Self.randomText(&rng, from: alphabet, upTo: 14)
            if let x = VietnameseNumber.parse(text) {
                #expect(x.isFinite, "\(text)")
                #expect(VietnameseNumber.parse(VietnameseNumber.format(x, decimals: 6)).map { abs($0 - x) < 1e-6 * max(1, abs(x)) } == true, "\(text)")
            }
        }
    }

    @Test func csvFilesNeverCrashTheReaderAndQuotedFieldsSurvive() throws {
        var rng = SplitMix64(seed: 4096)
        let alphabet = Array("ab,\"\r\n Ư1")
        for _ in 0..<5_000 {
            _ = try? CSVTable(parsing: Self.randomText(&rng, from: alphabet, upTo: 60))
            _ = ValueFile.read(csv: "unit,indicator,period,value\n" + Self.randomText(&rng, from: alphabet, upTo: 60))
        }
        // Any field written the RFC 4180 way reads back as it was.
        for _ in 0..<2_000 {
            let fields = (0..<3).map { _ in Self.randomText(&rng, from: alphabet, upTo: 8) }
            let line = fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            let table = try CSVTable(parsing: "a,b,c\n" + line + "\n")
            #expect(table.rows.first?.fields == fields)
        }
    }
}
