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

    /// The byte-level reader gives what a plain reading, one Unicode scalar at a time, gives:
    /// the same rows, fields and lines, or a refusal with the same code and line.
    @Test func csvReaderMatchesAScalarByScalarReading() {
        var rng = SplitMix64(seed: 1024)
        let alphabet: [Character] = ["a", "ư", "ệ", ",", "\"", "\r", "\n", " ", "1", "\u{FEFF}", "🇻🇳"]
        for _ in 0..<20_000 {
            let text = Self.randomText(&rng, from: alphabet, upTo: 40)
            let expected = Result { try ScalarCSV.read(text) }
            switch (Result { () throws(DomainError) in try CSVTable(parsing: text) }, expected) {
            case (.success(let table), .success(let reference)):
                #expect(table.header == reference.header, "\(text.debugDescription)")
                #expect(table.rows.map(\.fields) == reference.rows.map(\.fields), "\(text.debugDescription)")
                #expect(table.rows.map(\.line) == reference.rows.map(\.line), "\(text.debugDescription)")
            case (.failure(let error), .failure(let reference as DomainError)):
                #expect(error.code == reference.code && error.field == reference.field, "\(text.debugDescription)")
            case (let got, _):
                Issue.record("\(text.debugDescription): \(got) but the scalar reading gives \(expected)")
            }
        }
    }
}

/// RFC 4180 read one Unicode scalar at a time, as dxtrack first did: the reference the
/// byte-level reader is checked against.
enum ScalarCSV {
    static func read(_ text: String) throws -> (header: [String], rows: [(line: Int, fields: [String])]) {
        var records: [(line: Int, fields: [String])] = []
        var field = "", fields: [String] = []
        var inQuotes = false, quotedField = false
        var line = 1, rowStart = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !quotedField) { records.append((rowStart, fields)) }
            fields = []; field = ""; quotedField = false
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"":
                    guard field.isEmpty else { throw DomainError(code: "invalid_csv", field: "line \(line)", vi: "", en: "") }
                    inQuotes = true; quotedField = true
                case ",": fields.append(field); field = ""; quotedField = false
                case "\r": break
                case "\n": endRow(); line += 1; rowStart = line
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw DomainError(code: "invalid_csv", field: "line \(rowStart)", vi: "", en: "") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = records.first else { throw DomainError(code: "empty_file", vi: "", en: "") }
        return (first.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, Array(records.dropFirst()))
    }
}
