import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// DHIS2's answer to an import (a web message wrapping an import summary).
struct ImportSummaryView: ResponseEncodable, Codable, Sendable {
    struct Count: Codable, Sendable { let imported, updated, ignored, deleted: Int }
    struct Conflict: Codable, Sendable {
        let object: String
        let value: String
        let errorCode: String
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

    init(_ s: DataValueSetImport.Summary) {
        let state = s.conflicts.isEmpty ? "SUCCESS" : (s.imported + s.updated > 0 ? "WARNING" : "ERROR")
        status = state == "SUCCESS" ? "OK" : state
        message = state == "SUCCESS" ? "Import was successful." : "One more conflicts encountered, please check import summary."
        response = Summary(status: state, description: s.dryRun ? "Dry run: nothing was written" : "Import process completed",
                           importCount: Count(imported: s.imported, updated: s.updated, ignored: s.ignored, deleted: s.deleted),
                           conflicts: s.conflicts.map { Conflict(object: $0.object, value: $0.error.en, errorCode: $0.error.code,
                                                                 indexes: $0.indexes, messageVi: $0.error.vi, message_vi: $0.error.vi) },
                           dryRun: s.dryRun)
    }
}
