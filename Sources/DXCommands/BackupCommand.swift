import ArgumentParser
import DXStorage

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu toàn bộ CSDL khi đang chạy / Back up the whole database while it runs.",
        discussion: """
        SQLite: VACUUM INTO (bản sao nhất quán). PostgreSQL: pg_dump --format=custom. Bản sao được kiểm tra ngay sau khi ghi; --check chỉ kiểm tra một bản có sẵn.
        SQLite: VACUUM INTO (a consistent copy). PostgreSQL: pg_dump --format=custom. The copy is checked once written; --check only checks an existing one.
        """)

    @Argument(help: "Tệp sao lưu (chưa tồn tại) / Backup file (must not exist).") var file: String
    @Flag(help: "Chỉ kiểm tra bản sao lưu này / Only check this backup.") var check = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (file, logger) = (file, makeLogger())
        if check {
            let version = try await Backup.check(file, logger: logger)
            print("Bản sao lưu dùng được / The backup is sound: \(file)" + (version.map { " (lược đồ/schema \($0))" } ?? ""))
            return
        }
        try await Database.withDatabase(at: try database.location(), logger: logger) { db in
            try await Backup.create(db, to: file)
        }
        try await Backup.check(file, logger: logger)
        print("Đã sao lưu và kiểm tra / Backed up and checked: \(file)")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Khôi phục CSDL từ bản sao lưu (dừng máy chủ trước) / Restore the database from a backup (stop the server first).",
        discussion: "Bản sao được kiểm tra trước khi thay thế CSDL. / The backup is checked before it replaces the database.")

    @Argument(help: "Tệp sao lưu / Backup file.") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await Backup.restore(file, to: try database.location(), logger: makeLogger())
        print("Đã khôi phục / Restored from \(file)")
    }
}
