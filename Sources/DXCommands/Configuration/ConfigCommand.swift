import ArgumentParser
import DXDomain
import DXSignature
import DXStorage
import Foundation
import Logging

/// `dxtrack config check`: the settings in force, each with where it came from (flag,
/// environment, file), secrets masked, and what is wrong with them; `dxtrack config
/// sample` prints a configuration file to start from.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Cấu hình của máy chủ / The deployment's configuration.",
        subcommands: [Check.self, Sample.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In cấu hình đang dùng và lỗi nếu có / Print the settings in force and what is wrong with them.",
            discussion: "Mã thoát 1 nếu có lỗi / Exit 1 if anything is wrong.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load(config: database.config) } catch {
                for e in error.errors { print("LỖI / ERROR: \(e.vi)\n  \(e.en)") }
                throw ExitCode(1)
            }
            print("# tệp cấu hình / configuration file: \(settings.file ?? "(không có / none)")")
            for setting in Setting.allCases {
                let flag: String? = switch setting {
                case .database: database.databaseURL
                case .dataDir: database.dataDirectory
                default: nil
                }
                let (value, source) = settings.lookup(setting, flag: flag)
                guard let value else { continue }
                let shown = setting.isSecret ? Self.masked(value, setting) : value
                print("\(setting.rawValue): \(shown)    # \(source.rawValue)\(source == .environment ? " \(setting.environmentName)" : "")")
            }
            let problems = Self.problems(settings, database: database)
            for p in problems { print("LỖI / ERROR: \(p)") }
            print(problems.isEmpty ? "Cấu hình hợp lệ / The configuration is valid." : "\(problems.count) lỗi / problem(s).")
            if !problems.isEmpty { throw ExitCode(1) }
        }

        /// A secret shown as asterisks; a database URL with its password hidden only.
        static func masked(_ value: String, _ setting: Setting) -> String {
            guard setting == .database, var parts = URLComponents(string: value) else { return "********" }
            if parts.password != nil { parts.password = "********" }
            return parts.string ?? "********"
        }

        static func problems(_ settings: Settings, database: DatabaseOptions) -> [String] {
            var problems: [String] = []
            func check(_ body: () throws -> Void) {
                do { try body() } catch let e as ValidationError { problems.append(e.message) } catch { problems.append("\(error)") }
            }
            check { _ = try database.location() }
            check { _ = try database.signingSeal() }
            check { _ = try MailOptions.mailer(settings) }
            check { _ = try MailOptions.weekday(settings) }
            if let port = settings.value(.port), Int(port).map({ (0...65535).contains($0) }) != true { problems.append("port: 0…65535, not \(port)") }
            if let level = settings.value(.logLevel), Logger.Level(rawValue: level) == nil {
                problems.append("log-level: trace, debug, info, notice, warning, error, critical — not \(level)")
            }
            for setting in [Setting.secureCookies, .metricsLocal] {
                if let flag = settings.value(setting), !Settings.yes.union(Settings.no).contains(flag.lowercased()) {
                    problems.append("\(setting.rawValue): true or false, not \(flag)")
                }
            }
            check { _ = try Serve.backupTime(settings) }
            if let format = settings.value(.logFormat), !["text", "json"].contains(format.lowercased()) { problems.append("log-format: text or json, not \(format)") }
            if let keep = settings.value(.backupKeep), (Int(keep) ?? 0) < 1 { problems.append("backup-keep: a number from 1, not \(keep)") }
            if let url = settings.value(.openDataLicense), URL(string: url)?.scheme == nil { problems.append("open-data-license: a URL, not \(url)") }
            return problems
        }
    }

    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In một tệp cấu hình mẫu / Print a sample configuration file.")

        func run() {
            print("# /etc/dxtrack/dxtrack.yaml — mỗi dòng một thiết lập; biến môi trường và cờ dòng lệnh được ưu tiên hơn.")
            print("# One setting a line; the environment and command-line flags win over this file.")
            for s in Setting.allCases {
                print("# \(s.rawValue): \(s.help)    (\(s.environmentName))")
            }
        }
    }
}
