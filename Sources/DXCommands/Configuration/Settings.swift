import DXDomain
import Foundation
import Yams

/// The settings in force: a command's flags, then the environment, then the configuration
/// file (`--config FILE`, else `DXTRACK_CONFIG`, else `/etc/dxtrack/dxtrack.yaml` when it
/// exists). The file is YAML, one `key: value` a line, the keys of ``Setting``:
///
/// ```yaml
/// port: 8080
/// database: postgres://dxtrack@127.0.0.1:5432/dxtrack
/// smtp: smtp://dxtrack@mail.tinh.gov.vn:587
/// ```
///
/// A key dxtrack does not know, or a value that is not a single word or number, is an
/// error naming the file and the line: a misspelt setting is never silently ignored.
struct Settings: Sendable {
    /// Where a setting's value came from, for `config check`.
    enum Source: String, Sendable { case flag, environment, file, unset }

    let file: String?
    let values: [Setting: String]
    let environment: [String: String]

    static let defaultPath = "/etc/dxtrack/dxtrack.yaml"

    init(file: String?, values: [Setting: String], environment: [String: String]) {
        self.file = file
        self.values = values
        self.environment = environment
    }

    /// Reads the configuration file, if there is one.
    static func load(config: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DomainErrors) -> Settings {
        let named = config ?? environment["DXTRACK_CONFIG"]
        let path = named ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)
        guard let path else { return Settings(file: nil, values: [:], environment: environment) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw DomainErrors([.unreadableConfig(path)]) }
        return Settings(file: path, values: try read(text, file: path), environment: environment)
    }

    static func read(_ text: String, file: String) throws(DomainErrors) -> [Setting: String] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw DomainErrors([.badConfig(file, line: nil, "\(error)", "\(error)")]) }
        guard let root else { return [:] }
        guard let mapping = root.mapping else { throw DomainErrors([.badConfig(file, line: root.mark?.line, "tệp phải là các dòng khóa: giá trị", "the file must be key: value lines")]) }
        var values: [Setting: String] = [:], problems: [DomainError] = []
        for (key, value) in mapping {
            let line = key.mark?.line
            guard let name = key.string, let setting = Setting(rawValue: name) else {
                problems.append(.badConfig(file, line: line, "khóa không có: \(key.string ?? "?") (có: \(Setting.allCases.map(\.rawValue).joined(separator: ", ")))",
                                           "no such setting: \(key.string ?? "?") (known: \(Setting.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            guard let scalar = value.scalar else {
                problems.append(.badConfig(file, line: line, "\(name) phải là một giá trị", "\(name) must be a single value"))
                continue
            }
            values[setting] = scalar.string
        }
        guard problems.isEmpty else { throw DomainErrors(problems) }
        return values
    }

    /// The value in force, and where it came from.
    func lookup(_ setting: Setting, flag: String? = nil) -> (value: String?, source: Source) {
        if let flag { return (flag, .flag) }
        if let v = environment[setting.environmentName], !v.isEmpty { return (v, .environment) }
        if let v = values[setting] { return (v, .file) }
        return (nil, .unset)
    }

    func value(_ setting: Setting, flag: String? = nil) -> String? { lookup(setting, flag: flag).value }

    static let yes: Set<String> = ["true", "yes", "1", "on"], no: Set<String> = ["false", "no", "0", "off"]

    /// A yes-or-no setting (`true`/`false`, `yes`/`no`, `1`/`0`, `on`/`off`), `fallback` when
    /// unset or unreadable (`config check` names an unreadable one); a flag given is yes.
    func isOn(_ setting: Setting, flag: Bool = false, fallback: Bool = false) -> Bool {
        guard !flag else { return true }
        let text = (value(setting) ?? "").lowercased()
        return Self.yes.contains(text) ? true : Self.no.contains(text) ? false : fallback
    }
}

extension DomainError {
    static func unreadableConfig(_ path: String) -> DomainError {
        DomainError(code: "invalid_config", field: "config", vi: "Không đọc được tệp cấu hình \(path).", en: "Cannot read the configuration file \(path).")
    }

    static func badConfig(_ file: String, line: Int?, _ vi: String, _ en: String) -> DomainError {
        let at = line.map { ", dòng \($0)" } ?? "", atEn = line.map { ", line \($0)" } ?? ""
        return DomainError(code: "invalid_config", field: "config", vi: "\(file)\(at): \(vi).", en: "\(file)\(atEn): \(en).")
    }
}
