import ArgumentParser
import DXDomain
import DXMail
import DXServer
import DXStorage
import Foundation

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Nhắc hạn, thông báo và thư / Reminders, notices and mail.",
        discussion: """
        `dxtrack serve` tự làm việc này mỗi phút; `notify run` làm một lần (cho cron).
        `dxtrack serve` does this every minute; `notify run` does it once (for cron).
        """,
        subcommands: [Run.self, Test.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhắc hạn, tổng hợp tuần, gửi thư đang chờ (một lần) / Make due reminders and digests, send queued mail (once).")

        @Option(name: .customLong("as-of"), help: "Chạy như vào ngày / Run as on this day (YYYY-MM-DD).")
        var asOf: String?
        @OptionGroup var mail: MailOptions
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let clock: WallClock
            if let asOf {
                do { clock = .fixed(try LocalDate(iso: asOf)) } catch { throw ValidationError("--as-of: \(error.vi) / \(error.en)") }
            } else {
                clock = .vietnam
            }
            let settings = try database.settings()
            let (mailer, weekday, base) = (try mail.mailer(settings), try mail.weekday(settings), mail.base(settings, default: "http://127.0.0.1:8080"))
            let summary = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await Notifications(db, clock: clock).run(digestWeekday: weekday, sender: mailer) { $0.address(base: base) }
            }
            print("""
                Nhắc hạn / reminders: \(summary.reminders)
                Tổng hợp tuần / weekly digests: \(summary.digests)
                Thư đưa vào hàng đợi / mail queued: \(summary.queued)
                Đã gửi / sent: \(summary.delivery.sent), sẽ gửi lại / to retry: \(summary.delivery.retrying), bị từ chối / refused: \(summary.delivery.failed)
                """ + (mailer == nil ? "\nChưa cấu hình máy chủ thư (--smtp, DXTRACK_SMTP_URL): chỉ có thông báo trong ứng dụng / No mail server configured: notices in the app only." : ""))
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Gửi thư thử / Send a test message.")

        @Option(help: "Địa chỉ nhận / Address to send to.") var to: String
        @Option(help: "Tệp cấu hình / Configuration file.") var config: String?
        @OptionGroup var mail: MailOptions

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load(config: config) } catch { throw ValidationError(error.errors.map(\.description).joined(separator: "\n")) }
            guard let mailer = try mail.mailer(settings) else {
                throw ValidationError("Cần --smtp hoặc DXTRACK_SMTP_URL / Needs --smtp or DXTRACK_SMTP_URL.")
            }
            let content = MailContent(subject: "dxtrack: thư thử / test message", items: [
                .init(title: "Thư thử của dxtrack", text: "Máy chủ thư đã nhận thư này: thông báo và nhắc hạn sẽ đến được.\nThe mail server took this message: notices and reminders will arrive.",
                      url: mail.base(settings, default: "").isEmpty ? nil : mail.base(settings, default: "")),
            ], english: false)
            do {
                try await mailer.send(content, to: to)
            } catch {
                throw ValidationError("Không gửi được / Not sent: \(error)")
            }
            print("Đã gửi / Sent to \(to)")
        }
    }
}
