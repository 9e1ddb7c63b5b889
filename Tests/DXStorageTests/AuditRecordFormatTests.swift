import DXDomain
import Foundation
@testable import DXStorage
import Testing

/// The audit log's fast paths write exactly what the general ones wrote, so that a chain
/// written before and after them reads and verifies the same.
@Suite struct AuditRecordFormatTests {
    static func encoderJSON(_ v: DataValue) throws -> String {
        struct Figures: Encodable { let value, numerator, denominator: Double?; let comment: String? }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Figures(value: v.value, numerator: v.numerator, denominator: v.denominator, comment: v.comment)),
                      as: UTF8.self)
    }

    @Test func figuresWithoutACommentAreWrittenAsJSONEncoderWritesThem() throws {
        var rng = SplitMix64(seed: 7)
        let samples: [Double] = [0, 1, -1, 12.5, 1000, 0.1, 1e16, 1e21, 123456789.125, 37.8, 1.0 / 3, 5e-7, -0.0]
        for _ in 0..<500 {
            func pick() -> Double? {
                switch rng.next() % 4 {
                case 0: nil
                case 1: samples[Int(rng.next() % UInt64(samples.count))]
                case 2: Double(rng.next() % 100_000)
                default: (rng.unit() - 0.5) * pow(10, Double(rng.next() % 12))
                }
            }
            let v = DataValue(unitCode: "u", indicatorCode: "i", period: Period.quarter(2025, 1)!, value: pick(), numerator: pick(), denominator: pick())
            #expect(DataEntry.json(v) == (try Self.encoderJSON(v)))
        }
    }

    @Test func digestIsLowerCaseHexSHA256() {
        #expect(AuditEntry.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The bytes a hash covers are the fields joined by U+001F, that character escaped
    /// inside a field and "∅" for an absent one, as the first chains were written.
    @Test func canonicalBytesAreTheFieldsJoinedByTheUnitSeparator() {
        let e = AuditEntry(seq: 12, at: "2026-11-23T01:02:03Z", actor: "an\u{1F}na", action: "value.update", entity: "value:u|i|2025Q1",
                           before: nil, after: "{\"value\":1}", reason: "sửa", prevHash: "ab", hash: "")
        let expected = "12\u{1F}2026-11-23T01:02:03Z\u{1F}an\\u001Fna\u{1F}value.update\u{1F}value:u|i|2025Q1\u{1F}∅\u{1F}{\"value\":1}\u{1F}sửa\u{1F}ab"
        #expect(e.canonical == Array(expected.utf8))
    }
}
