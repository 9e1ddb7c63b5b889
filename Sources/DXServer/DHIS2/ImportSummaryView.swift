import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// DHIS2's answer to an import: from 2.38 on (and on the unversioned path) a web
/// message wrapping the import summary, `409 Conflict` when some rows were refused
/// (`status` WARNING if others were taken, ERROR if none); on `/api/29`–`/api/37` the
/// bare summary with 200, as those versions answered. Each conflict names the offending
/// identifier as the client wrote it (`object`) and why (`value`).
struct ImportSummaryView: Codable, Sendable {
    struct Count: Codable, Sendable { let imported, updated, ignored, deleted: Int }
    struct Conflict: Codable, Sendable {
        let object: String
        let value: String
        let errorCode: String
        let property: String?
        let indexes: [Int]
        let messageVi: String
        // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
        let message_vi: String
    }
    struct Summary: Codable, Sendable {
        var responseType = "ImportSummary"
        let status: String
        let description: String
        let importCount: Count
        let conflicts: [Conflict]
        let dryRun: Bool
    }

    var httpStatus = "OK"
    var httpStatusCode = 200
    let status: String
    let message: String
    let response: Summary

    /// `sent` gives, for a code, the identifier the client used for it (a UID).
    init(_ s: DataValueSetImport.Summary, sent: [String: String] = [:]) {
        let state = s.conflicts.isEmpty ? "SUCCESS" : (s.imported + s.updated > 0 ? "WARNING" : "ERROR")
        status = state == "SUCCESS" ? "OK" : state
        if state != "SUCCESS" { (httpStatus, httpStatusCode) = ("Conflict", 409) }
        message = state == "SUCCESS" ? "Import was successful." : "One or more conflicts encountered, please check import summary."
        response = Summary(status: state, description: s.dryRun ? "Dry run: nothing was written" : "Import process completed",
                           importCount: Count(imported: s.imported, updated: s.updated, ignored: s.ignored, deleted: s.deleted),
                           conflicts: s.conflicts.map { Conflict(object: sent[$0.object] ?? $0.object, value: $0.error.en, errorCode: $0.error.code,
                                                                 property: Self.property($0.error.field), indexes: $0.indexes, messageVi: $0.error.vi, message_vi: $0.error.vi) },
                           dryRun: s.dryRun)
    }

    /// A problem's field as DHIS2 names a data value's properties (`values[2].unit` → `orgUnit`).
    static func property(_ field: String?) -> String? {
        guard let last = field?.split(separator: ".").last.map(String.init) else { return nil }
        return ["indicator": "dataElement", "unit": "orgUnit", "numerator": "value", "denominator": "value"][last] ?? last
    }

    func response(for call: DHIS2Call?) throws -> Response {
        guard call?.answersAsWebMessage ?? true else { return try JSONAnswer.response(response) }
        return try JSONAnswer.response(self, status: .init(code: httpStatusCode))
    }
}
