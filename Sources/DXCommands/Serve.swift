import ArgumentParser
import Foundation
import DXCatalog
import DXDomain
import DXSignature
import DXServer
import DXStorage
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy máy chủ web và API / Run the web server and API.",
        discussion: """
        Lược đồ CSDL được cập nhật khi khởi động. Nhiều máy chủ có thể dùng chung một PostgreSQL.
        The schema is migrated on start. Several servers may share one PostgreSQL.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var mail: MailOptions

    @Option(help: "Địa chỉ lắng nghe / Address to listen on (host; default 127.0.0.1).")
    var host: String?

    @Option(help: "Cổng / Port (port; default 8080).")
    var port: Int?

    @Flag(help: "Nạp dữ liệu mẫu nếu CSDL còn trống / Load demo data into an empty database first.")
    var demo = false

    @Flag(help: "Cookie chỉ gửi qua HTTPS (khi chạy sau TLS) / Mark cookies Secure (when served over HTTPS).")
    var secureCookies = false

    @Option(help: "Giấy phép dữ liệu mở (URL) / The open data's licence, as a URL (default CC BY 4.0; env DXTRACK_OPEN_DATA_LICENSE).")
    var openDataLicense: String?

    @Option(help: "Cơ quan công bố dữ liệu mở / Who publishes the open data (default: the top unit's name; env DXTRACK_OPEN_DATA_PUBLISHER).")
    var openDataPublisher: String?

    @Option(help: "Thư điện tử liên hệ về dữ liệu mở / The open data's contact address (env DXTRACK_OPEN_DATA_CONTACT).")
    var openDataContact: String?

    func run() async throws {
        let settings = try database.settings()
        if settings.value(.logFormat)?.lowercased() == "json" { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
        let logger = makeLogger(settings: settings)
        let host = settings.value(.host, flag: host) ?? "127.0.0.1"
        guard let port = Int(settings.value(.port, flag: port.map(String.init)) ?? "8080"), (0...65535).contains(port) else {
            throw ValidationError("port (--port): 0…65535")
        }
        let demo = demo
        let seal = try database.signingSeal(create: demo)
        let config = ServerConfiguration(host: host, port: port, secureCookies: settings.isOn(.secureCookies, flag: secureCookies), seal: seal,
                                         openData: OpenDataSettings(licenseURL: settings.value(.openDataLicense, flag: openDataLicense) ?? OpenDataSettings.ccBy4,
                                                                    publisher: settings.value(.openDataPublisher, flag: openDataPublisher),
                                                                    contactEmail: settings.value(.openDataContact, flag: openDataContact)),
                                         metricsLocal: settings.isOn(.metricsLocal, fallback: true),
                                         trustedProxies: TrustedProxies((settings.value(.trustedProxies) ?? "").split(separator: ",")
                                             .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
        let (mailer, weekday, base) = (try mail.mailer(settings), try mail.weekday(settings), mail.base(settings, default: "http://\(host):\(port)"))
        try await database.withMigratedDatabase(logger: logger) { db in
            if demo, try await DemoData.loadIfEmpty(db) {
                logger.info("demo data loaded")
                // Demo accounts get fresh random passwords, printed once: dxtrack ships no default password.
                for (user, role, unit) in [("admin", Role.admin, nil), ("dieuphoi", .coordinator, "20"),
                                           ("baocao-snv", .reporter, "20-SNV"), ("pheduyet", .approver, "20"), ("lanhdao", .leader, "20")] {
                    let password = Accounts.generatePassword()
                    try await Accounts(db).create(username: user, displayName: user, role: role, unitCode: unit, password: password)
                    // Written straight to the file descriptor, so it shows at once even in a log file.
                    FileHandle.standardOutput.write(Data("Tài khoản mẫu / Demo account: \(user) (\(role.rawValue)\(unit.map { ", \($0)" } ?? "")) mật khẩu/password: \(password)\n".utf8))
                }
                // The demo's own CA signs what the reporter submits and the approvers approve.
                if seal != nil {
                    let signing = Signing(db, seal: seal)
                    _ = try await signing.createAuthority(name: "Sở Thông tin và Truyền thông tỉnh Lạng Sơn (demo)")
                    for user in ["baocao-snv", "pheduyet", "dieuphoi"] { _ = try await signing.issue(to: user) }
                } else {
                    logger.info("no signing secret (DXTRACK_SIGNING_SECRET): demo reports are not signed")
                }
            }
            logger.info("dxtrack serving \(db.location) at http://\(host):\(port)")
            let app = buildApplication(config, db: db, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The values go into memory while the server already answers: the first figure need not wait for them all.
                group.addTask {
                    do {
                        try await db.loadValues()
                        logger.info("values loaded into memory")
                        // Kept for the next start, which then reads them at once (and catches up with the writes since).
                        if try await db.saveValueSnapshot() { logger.info("values snapshot written") }
                    } catch {
                        logger.error("values not loaded into memory yet (the first figure will try again): \(error)")
                    }
                }
                // Every hour, a checkpoint of the audit chain, authenticated with the signing secret
                // (several instances may each make one; the same head is checkpointed once).
                if let seal {
                    group.addTask {
                        while !Task.isCancelled {
                            do { try await AuditLog.checkpoint(db, seal: seal) } catch { logger.error("audit checkpoint failed: \(error)") }
                            try await Task.sleep(for: .seconds(3600))
                        }
                    }
                }
                // Every minute: reminders and digests that fell due, mail queued and sent. Every instance
                // runs it; notices and messages are claimed, so none is made or sent twice.
                group.addTask {
                    if mailer == nil { logger.info("no mail server (--smtp, DXTRACK_SMTP_URL): notices stay in the app") }
                    while !Task.isCancelled {
                        do {
                            let s = try await Notifications(db, clock: config.clock).run(digestWeekday: weekday, sender: mailer) { $0.address(base: base) }
                            if s.reminders + s.digests + s.queued + s.delivery.sent + s.delivery.retrying + s.delivery.failed > 0 {
                                logger.info("notices: \(s.reminders) reminders, \(s.digests) digests, \(s.queued) mail queued, \(s.delivery.sent) sent, \(s.delivery.retrying) to retry, \(s.delivery.failed) refused")
                            }
                        } catch {
                            logger.error("notices: \(error)")
                        }
                        try await Task.sleep(for: .seconds(60))
                    }
                }
                // The nightly backup, when a directory is configured: once a day, by one instance, checked once written.
                if let dir = settings.value(.backupDir) {
                    let (time, keep) = (try Self.backupTime(settings), Int(settings.value(.backupKeep) ?? "14") ?? 14)
                    group.addTask {
                        while !Task.isCancelled {
                            do {
                                if let file = try await Backup.nightly(db, dir: dir, at: time, keep: keep, now: Date(), logger: logger) {
                                    logger.info("backup written and checked: \(file)")
                                }
                            } catch {
                                logger.error("nightly backup failed: \(error)")
                            }
                            try await Task.sleep(for: .seconds(60))
                        }
                    }
                }
                // Scheduled pushes to other DHIS2s: each target's due period once a day until it went out
                // (claimed, so one instance sends it); the coordinators' page shows each outcome.
                group.addTask {
                    while !Task.isCancelled {
                        do {
                            for r in try await ValuePush(db, clock: config.clock).runDue(transport: { HTTPPushTransport(user: $0.user) }) {
                                logger.info("push \(r.targetName ?? r.target) \(r.period): \(r.status), \(r.rows) rows, \(r.attempts) attempts")
                            }
                        } catch {
                            logger.error("scheduled push: \(error)")
                        }
                        try await Task.sleep(for: .seconds(300))
                    }
                }
                try await app.runService()
                group.cancelAll()
                do { try await db.saveValueSnapshot() } catch { logger.error("values snapshot not written: \(error)") }
            }
        }
    }
}

extension Serve {
    /// `backup-time` as hours and minutes (02:00 unless configured).
    static func backupTime(_ settings: Settings) throws -> (hour: Int, minute: Int) {
        let text = settings.value(.backupTime) ?? "02:00"
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
            throw ValidationError("backup-time: HH:MM, not \(text)")
        }
        return (parts[0], parts[1])
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tạo hoặc cập nhật lược đồ CSDL / Create or update the database schema.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Chỉ cập nhật đến phiên bản này / Migrate up to this version only (staged upgrades, upgrade tests).")
    var to: Int?

    func run() async throws {
        let location = try database.location()
        let migrations = Migration.all.filter { $0.version <= (to ?? Int.max) }
        let applied = try await Database.withDatabase(at: location, logger: makeLogger()) { db in
            try await Migrator(db, migrations: migrations).migrate()
        }
        print(applied.isEmpty
              ? "Lược đồ đã mới nhất (phiên bản \(Migration.latestVersion)) / Schema is up to date (version \(Migration.latestVersion)): \(location)"
              : "Đã áp dụng / Applied migrations \(applied.map(String.init).joined(separator: ", ")): \(location)")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nạp dữ liệu mẫu / Load the demo data.",
        discussion: """
        Nạp danh mục khởi đầu (Lạng Sơn, Sơn La) và số liệu mẫu theo quý từ 2021; chạy lại không thay đổi gì.
        Loads the starter catalog (Lạng Sơn, Sơn La) and quarterly demo values since 2021; running it again changes nothing.
        """)

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (summary, values) = try await database.withMigratedDatabase(logger: makeLogger()) { db in
            try await DemoData.load(db)
        }
        print("Đã nạp dữ liệu mẫu / Demo data loaded\n\(summary)\nvalues: \(values)")
    }
}
