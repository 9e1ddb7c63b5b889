import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// An import's result as the API shows it.
struct ImportView: ResponseEncodable, Codable, Sendable {
    struct Item: Codable, Sendable {
        let line: Int
        let column: String?
        let cell: String?
        let context: String?
        let code: String
        let messageVi: String
        let messageEn: String
        // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
        let message_vi: String
        let message_en: String
    }

    let format: String
    let dryRun: Bool
    let written: Int
    let problems: [Item]
    // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
    let dry_run: Bool

    init(_ o: ValueImport.Outcome) {
        format = o.format
        (dryRun, dry_run) = (o.dryRun, o.dryRun)
        written = o.written
        problems = o.problems.map {
            Item(line: $0.line, column: $0.column, cell: $0.cell, context: $0.context, code: $0.error.code, messageVi: $0.error.vi, messageEn: $0.error.en,
                 message_vi: $0.error.vi, message_en: $0.error.en)
        }
    }
}
