import ArgumentParser
import DXStorage

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Nhật ký thay đổi / The audit trail.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra chuỗi băm của nhật ký / Check the audit trail's hash chain.",
            discussion: """
            Thoát với mã 1 và chỉ ra mục hỏng đầu tiên nếu có mục bị sửa, xóa hoặc đổi thứ tự, kể cả khi sửa trực tiếp tệp CSDL.
            Exits with status 1, naming the first bad entry, if any entry was altered, removed or reordered, even in the database file itself.
            """)

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let result = try await Database.withDatabase(at: try database.location(), logger: makeLogger()) { db in
                try await AuditLog.verify(db)
            }
            guard let bad = result.firstBad else {
                print("Nhật ký nguyên vẹn / The audit trail is intact: \(result.entries) mục/entries")
                return
            }
            print("Nhật ký bị thay đổi tại mục \(bad) / The audit trail is broken at entry \(bad): \(result.problem ?? "")")
            throw ExitCode(1)
        }
    }
}
