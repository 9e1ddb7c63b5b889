import ArgumentParser
import DXDomain
import DXStorage
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `dxtrack push`: sends a unit's official (approved) values for a period to another
/// system's DHIS2 `dataValueSets` endpoint — the national reporting system, a shared
/// platform — retrying on network errors and server errors, and records every push.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Gửi số liệu đã phê duyệt tới hệ thống khác (DHIS2 dataValueSets) / Push approved values to another system (DHIS2 dataValueSets).",
        discussion: """
        Xác thực: --target-user với mật khẩu trong DXTRACK_PUSH_PASSWORD (HTTP Basic), hoặc mã trong DXTRACK_PUSH_TOKEN (Bearer).
        Mỗi lần gửi được ghi lại (dxtrack push --list). Mã thoát 1 nếu không gửi được sau mọi lần thử.
        Auth: --target-user with the password in DXTRACK_PUSH_PASSWORD (HTTP Basic), or a token in DXTRACK_PUSH_TOKEN (Bearer).
        Every push is recorded (dxtrack push --list). Exit 1 if it could not be sent after every attempt.
        """)

    @Option(help: "Địa chỉ dataValueSets đích / The target's dataValueSets URL.") var url: String?
    @Option(help: "Đơn vị (cả cây đơn vị trực thuộc) / Unit (with its subtree).") var unit: String?
    @Option(help: "Kỳ, ví dụ 2026Q3 / Period, e.g. 2026Q3.") var period: String?
    @Option(help: "Tài khoản ở hệ thống đích / Account at the target.") var targetUser: String?
    @Option(help: "Số lần thử / Attempts.") var attempts = 3
    @Option(help: "Giây chờ trước lần thử lại đầu, gấp đôi mỗi lần / Seconds before the first retry, doubling.") var backoff = 1.0
    @Flag(help: "Gồm cả số liệu đã gửi chưa duyệt / Include submitted, not yet approved, values.") var includeSubmitted = false
    @Flag(help: "Liệt kê các lần đã gửi / List earlier pushes.") var list = false
    @Option(help: "Người thực hiện ghi trong nhật ký / Who the record names.") var user = "cli"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        if list {
            let records = try await database.withMigratedDatabase(logger: makeLogger()) { db in try await db.read { try await ExportStore($0).all() } }
            for r in records { print([r.startedAt, r.status, r.target, r.unitCode, r.period, "\(r.rows) rows", "\(r.attempts) attempts"].joined(separator: "\t")) }
            return
        }
        guard let url, let target = URL(string: url), let unit, let period else {
            throw ValidationError("Cần --url, --unit và --period / --url, --unit and --period are needed.")
        }
        let p: Period
        do { p = try Period(period) } catch { throw ValidationError("\(error.vi) / \(error.en)") }
        let env = ProcessInfo.processInfo.environment
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let u = targetUser {
            request.setValue("Basic " + Data("\(u):\(env["DXTRACK_PUSH_PASSWORD"] ?? "")".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        } else if let token = env["DXTRACK_PUSH_TOKEN"] {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        let (includeSubmitted, attempts, backoff, user, headers) = (includeSubmitted, max(1, attempts), backoff, user, request)
        let ok = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            let values = try await Analytics(db).officialValues(within: unit, period: p, includeSubmitted: includeSubmitted)
            let set = DataValueSet(values: values)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let payload = try encoder.encode(set)
            var request = headers
            request.httpBody = payload
            let started = Date().formatted(.iso8601)
            let (sent, tries, answer) = await Self.send(request, attempts: attempts, backoff: backoff)
            try await db.transaction { sql in
                try await ExportStore(sql).record(ExportRecord(
                    target: url, unitCode: unit, period: p.id, rows: set.dataValues.count, status: sent ? "sent" : "failed", attempts: tries,
                    response: answer, payload: String(decoding: payload, as: UTF8.self), startedAt: started,
                    finishedAt: Date().formatted(.iso8601), startedBy: user))
            }
            print(sent ? "Đã gửi / Sent \(set.dataValues.count) dòng/rows tới/to \(url) (\(tries) lần thử/attempts)"
                       : "Không gửi được / Not sent after \(tries) lần thử/attempts: \(answer ?? "")")
            return sent
        }
        if !ok { throw ExitCode(1) }
    }

    /// Retries network errors, 429 and 5xx with doubling waits; any other answer is final.
    static func send(_ request: URLRequest, attempts: Int, backoff: Double) async -> (sent: Bool, attempts: Int, answer: String?) {
        var answer: String?
        for attempt in 1...attempts {
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                answer = "HTTP \(status) " + String(decoding: data.prefix(4000), as: UTF8.self)
                if (200..<300).contains(status) { return (true, attempt, answer) }
                if status != 429 && status < 500 { return (false, attempt, answer) }
            } catch {
                answer = "\(error)"
            }
            if attempt < attempts { try? await Task.sleep(for: .seconds(backoff * pow(2, Double(attempt - 1)))) }
        }
        return (false, attempts, answer)
    }
}
