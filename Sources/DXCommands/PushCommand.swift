import ArgumentParser
import DXDomain
import DXStorage
import Foundation

/// `dxtrack push`: sends a unit's official (approved) values for a period to another
/// system's DHIS2 `dataValueSets` endpoint — the national reporting system, a shared
/// platform — by code, by the target's UIDs (a mapping file, or looked up by code at the
/// target), retrying on network errors and server errors, and records every push. A
/// target may be kept with `--schedule NAME`: `dxtrack serve` then pushes each period
/// when it is due, and the coordinators' page shows how it went.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Gửi số liệu đã phê duyệt tới hệ thống khác (DHIS2 dataValueSets) / Push approved values to another system (DHIS2 dataValueSets).",
        discussion: """
        Xác thực: --target-user với mật khẩu trong DXTRACK_PUSH_PASSWORD (HTTP Basic), hoặc mã trong DXTRACK_PUSH_TOKEN (Bearer).
        Định danh: theo mã (mặc định, idScheme=CODE); --map TỆP (CSV kind,code,uid); --map-by-code (tra UID theo mã ở hệ thống đích).
        Lịch: --schedule TÊN --period-type Quarterly --after-days 10 lưu một đích; dxtrack serve gửi mỗi kỳ khi đến hạn.
        Mỗi lần gửi được ghi lại (dxtrack push --list). Mã thoát 1 nếu không gửi được sau mọi lần thử.
        Auth: --target-user with the password in DXTRACK_PUSH_PASSWORD (HTTP Basic), or a token in DXTRACK_PUSH_TOKEN (Bearer).
        Identifiers: by code (default, idScheme=CODE); --map FILE (CSV kind,code,uid); --map-by-code (the target's UIDs, looked up by code).
        Schedule: --schedule NAME --period-type Quarterly --after-days 10 keeps a target; dxtrack serve pushes each period when due.
        Every push is recorded (dxtrack push --list). Exit 1 if it could not be sent after every attempt.
        """)

    @Option(help: "Địa chỉ dataValueSets đích / The target's dataValueSets URL.") var url: String?
    @Option(help: "Đơn vị (cả cây đơn vị trực thuộc) / Unit (with its subtree).") var unit: String?
    @Option(help: "Kỳ, ví dụ 2026Q3 / Period, e.g. 2026Q3.") var period: String?
    @Option(help: "Tài khoản ở hệ thống đích / Account at the target.") var targetUser: String?
    @Option(help: "Số lần thử / Attempts.") var attempts = 3
    @Option(help: "Giây chờ trước lần thử lại đầu, gấp đôi mỗi lần / Seconds before the first retry, doubling.") var backoff = 1.0
    @Flag(help: "Gồm cả số liệu đã gửi chưa duyệt / Include submitted, not yet approved, values.") var includeSubmitted = false
    @Option(help: "Tệp ánh xạ UID (CSV kind,code,uid) / A UID mapping file (CSV kind,code,uid).") var map: String?
    @Flag(help: "Tra UID theo mã ở hệ thống đích / Look the target's UIDs up by code.") var mapByCode = false
    @Option(help: "Lưu đích này để gửi theo lịch, với tên / Keep this target, by name, to push on a schedule.") var schedule: String?
    @Option(help: "Loại kỳ gửi theo lịch / The scheduled period type (Monthly, Quarterly, Yearly…).") var periodType = PeriodType.quarterly.rawValue
    @Option(help: "Số ngày sau khi kỳ kết thúc thì gửi / Days after a period ends before it is pushed.") var afterDays = 0
    @Option(help: "Bỏ lịch gửi có tên này / Stop the schedule of this name.") var unschedule: String?
    @Flag(help: "Gửi các kỳ đến hạn của mọi đích theo lịch (cho cron) / Push every scheduled target's due period now (for cron).") var runDue = false
    @Flag(help: "Liệt kê các lần đã gửi và các đích theo lịch / List earlier pushes and the scheduled targets.") var list = false
    @Option(help: "Người thực hiện ghi trong nhật ký / Who the record names.") var user = "cli"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = makeLogger()
        if list {
            let (records, targets) = try await database.withMigratedDatabase(logger: logger) { db in
                try await db.read { (try await ExportStore($0).all(), try await ExportStore($0).targets()) }
            }
            for r in records { print([r.startedAt, r.status, r.target, r.unitCode, r.period, "\(r.rows) rows", "\(r.attempts) attempts"].joined(separator: "\t")) }
            for t in targets { print(["schedule", t.name, t.url, t.unit, t.periodType.rawValue, "+\(t.afterDays)d", t.mapping.nameVi].joined(separator: "\t")) }
            return
        }
        if let name = unschedule {
            let removed = try await database.withMigratedDatabase(logger: logger) { db in try await db.transaction { try await ExportStore($0).removeTarget(name) } }
            guard removed else { throw ValidationError("Không có lịch gửi \(name) / No schedule \(name).") }
            print("Đã bỏ lịch / Unscheduled \(name)")
            return
        }
        let retry = ValuePush.Retry(attempts: attempts, backoff: backoff)
        if runDue {
            let records = try await database.withMigratedDatabase(logger: logger) { db in
                try await ValuePush(db).runDue(transport: { HTTPPushTransport(user: $0.user) }, retry: retry)
            }
            for r in records { print("\(r.targetName ?? r.target) \(r.period): \(r.status) (\(r.rows) rows)") }
            if records.contains(where: { $0.status != "sent" }) { throw ExitCode(1) }
            return
        }
        let target = try self.target()
        if let name = schedule {
            let kept = PushTarget(name: name, url: target.url, unit: target.unit, user: target.user, periodType: target.periodType,
                                  afterDays: afterDays, mapping: target.mapping, includeSubmitted: includeSubmitted)
            try await database.withMigratedDatabase(logger: logger) { db in
                try await db.transaction { try await ExportStore($0).save(target: kept, at: Date().formatted(.iso8601)) }
            }
            print("Đã lưu lịch / Scheduled \(name): \(kept.periodType.rawValue), \(afterDays) ngày/days sau kỳ/after each period")
            return
        }
        guard let period else { throw ValidationError("Cần --period (hoặc --schedule) / --period (or --schedule) is needed.") }
        let p: Period
        do { p = try Period(period) } catch { throw ValidationError("\(error.vi) / \(error.en)") }
        let (user, transport) = (user, HTTPPushTransport(user: target.user))
        let record = try await database.withMigratedDatabase(logger: logger) { db in
            try await ValuePush(db).run(target, period: p, by: user, transport: transport, retry: retry)
        }
        print(record.status == "sent" ? "Đã gửi / Sent \(record.rows) dòng/rows tới/to \(record.target) (\(record.attempts) lần thử/attempts)"
                                      : "Không gửi được / Not sent after \(record.attempts) lần thử/attempts: \(record.response ?? "")")
        if record.status != "sent" { throw ExitCode(1) }
    }

    /// The target the options describe; a mapping file's every problem is named with its line.
    func target() throws -> PushTarget {
        guard let url, URL(string: url) != nil, let unit else { throw ValidationError("Cần --url và --unit / --url and --unit are needed.") }
        guard let type = PeriodType(rawValue: periodType) else {
            throw ValidationError("Loại kỳ không hợp lệ / Unknown period type \(periodType): \(PeriodType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var mapping = PushMapping.codes
        if let map {
            guard let text = try? String(contentsOfFile: map, encoding: .utf8) else { throw ValidationError("Không đọc được / Cannot read \(map)") }
            do { mapping = .table(try UIDMapFile.read(text, file: map)) } catch {
                throw ValidationError(error.errors.map { "\($0.vi) / \($0.en)" }.joined(separator: "\n"))
            }
        } else if mapByCode {
            mapping = .lookupByCode
        }
        return PushTarget(name: schedule ?? "", url: url, unit: Code.canonical(unit), user: targetUser, periodType: type, afterDays: afterDays,
                          mapping: mapping, includeSubmitted: includeSubmitted)
    }
}
