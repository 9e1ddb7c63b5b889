import ArgumentParser
import DXStorage
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Nhật ký thay đổi / The audit trail.",
        subcommands: [Verify.self, Checkpoint.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra nhật ký và dữ liệu theo nhật ký / Check the audit trail, and the data against it.",
            discussion: """
            Thoát với mã 1 và chỉ ra chỗ hỏng đầu tiên nếu có mục bị sửa, xóa hoặc đổi thứ tự, nếu nhật ký bị viết lại (so với các điểm kiểm \
            tra đã ký), hoặc nếu dữ liệu (số liệu, trạng thái báo cáo, minh chứng, điểm thi đua, danh mục hệ thống, sự kiện đăng nhập) bị sửa \
            trực tiếp trong CSDL mà nhật ký không ghi.
            Exits with status 1, naming the first problem, if any entry was altered, removed or reordered, if the log was rewritten \
            (against its signed checkpoints), or if the data (values, report states, evidence, campaign scores, the registry, sign-in \
            events) was changed in the database itself without a record in the log.
            """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Tệp các điểm kiểm tra lưu ở nơi khác (từ dxtrack audit checkpoint --out) / Checkpoints kept elsewhere (from dxtrack audit checkpoint --out).")
        var checkpoints: String?

        func run() async throws {
            var kept: [AuditCheckpoint] = []
            if let path = checkpoints {
                for line in try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline) {
                    guard let c = AuditCheckpoint(line: String(line)) else { throw ValidationError("\(path): không phải điểm kiểm tra / not a checkpoint: \(line)") }
                    kept.append(c)
                }
            }
            let (seal, checkpoints) = (try database.signingSeal(), kept)
            let result = try await Database.withDatabase(at: try database.location(), logger: makeLogger()) { db in
                try await AuditLog.verify(db, seal: seal, kept: checkpoints)
            }
            guard let bad = result.firstBad else {
                print("Nhật ký nguyên vẹn, dữ liệu khớp nhật ký / The audit trail is intact and the data matches it: \(result.entries) mục/entries")
                for note in result.notes { print("Lưu ý / Note: \(note)") }
                return
            }
            print("Nhật ký bị thay đổi tại mục \(bad) / The audit trail is broken at entry \(bad): \(result.problem ?? "")")
            throw ExitCode(1)
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ký điểm kiểm tra đầu chuỗi nhật ký / Sign a checkpoint of the audit chain's head.",
            discussion: """
            Xác thực đầu chuỗi hiện tại bằng khóa bí mật ký số, lưu vào CSDL và in ra một dòng; --out nối dòng đó vào một tệp để lưu ở nơi khác.
            Authenticates the chain's current head with the signing secret, keeps it in the database and prints it as one line; \
            --out appends that line to a file, to keep away from the database. `dxtrack serve` makes one every hour.
            """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Nối điểm kiểm tra vào tệp này / Append the checkpoint to this file.") var out: String?

        func run() async throws {
            guard let seal = try database.signingSeal() else {
                throw ValidationError("Chưa có khóa bí mật ký số (DXTRACK_SIGNING_SECRET) / No signing secret (DXTRACK_SIGNING_SECRET).")
            }
            let made = try await database.withMigratedDatabase(logger: makeLogger()) { db in try await AuditLog.checkpoint(db, seal: seal) }
            guard let made else {
                print("Đầu chuỗi đã có điểm kiểm tra / The head is checkpointed already")
                return
            }
            print(made.line)
            if let out {
                let line = Data((made.line + "\n").utf8)
                if let handle = FileHandle(forWritingAtPath: out) {
                    defer { try? handle.close() }
                    try handle.seekToEnd()
                    try handle.write(contentsOf: line)
                } else if !FileManager.default.createFile(atPath: out, contents: line, attributes: [.posixPermissions: 0o600]) {
                    throw ValidationError("Không ghi được / Cannot write \(out)")
                }
            }
        }
    }
}
