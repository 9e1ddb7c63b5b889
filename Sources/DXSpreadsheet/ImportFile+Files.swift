import DXDomain
import Foundation

extension ImportFile {
    /// Reads `paths` in turn and hands each file to `body` (which returns whether to go
    /// on), reading the next file while `body` checks and writes this one: parsing takes
    /// one core, checking and storing the other (reading ahead goes at low priority: the file
    /// being written comes first). A file that cannot be read is a problem of that file,
    /// reported as such.
    public static func eachRead(_ paths: [String], _ body: (String, Parsed) async throws -> Bool) async throws {
        @Sendable func read(_ path: String) -> Parsed {
            guard let data = FileManager.default.contents(atPath: path) else {
                return Parsed(inputs: [], lines: [], problems: [RowProblem(line: 1, column: nil, error: DomainError(
                    code: "unreadable_file", vi: "Không đọc được tệp.", en: "Cannot read the file."))], header: [], format: "")
            }
            return ImportFile.read(Array(data))
        }
        guard let first = paths.first else { return }
        var next = Task(priority: .low) { read(first) }
        for (i, path) in paths.enumerated() {
            let parsed = await next.value
            if i + 1 < paths.count {
                let following = paths[i + 1]
                next = Task(priority: .low) { read(following) }
            }
            guard try await body(path, parsed) else { return }
        }
    }
}
