import DXDomain
import Foundation
@testable import DXStorage
import Testing

/// The audit log's fast paths write exactly what the general ones wrote, so that a chain
/// written before and after them reads and verifies the same.
@Suite struct AuditRecordFormatTests {
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
