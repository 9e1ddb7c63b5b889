import ArgumentParser
import DXDomain
import DXStorage
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Quản lý tài khoản / Manage accounts.",
        discussion: """
        Không có tài khoản hay mật khẩu mặc định: tạo quản trị viên đầu tiên bằng \
        `dxtrack user add ten --role admin`. Mật khẩu đọc từ đầu vào chuẩn với --password-stdin, \
        nếu không sẽ được sinh ngẫu nhiên và in ra một lần.
        There is no default account or password: make the first administrator with \
        `dxtrack user add NAME --role admin`. With --password-stdin the password is read from \
        standard input; otherwise one is generated and printed once.
        """,
        subcommands: [Add.self, Passwd.self, Disable.self, Token.self, List.self, Email.self, UserCertCommand.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo tài khoản / Create an account.")

        @Argument(help: "Tên đăng nhập / Username.") var username: String
        @Option(help: "Vai trò / Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Mã đơn vị (phạm vi quyền) / Unit code (the account's scope).") var unit: String?
        @Option(help: "Họ tên / Display name.") var name: String?
        @Flag(help: "Đọc mật khẩu từ đầu vào chuẩn / Read the password from standard input.") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Vai trò không hợp lệ / Unknown role \"\(self.role)\": \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let (password, generated) = try readPassword(passwordStdin)
            let (username, unit, name) = (username, unit, name)
            _ = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await Accounts(db).create(username: username, displayName: name ?? username, role: role,
                                              unitCode: unit, password: password)
            }
            print("Đã tạo tài khoản / Account created: \(username) (\(role.rawValue)\(unit.map { ", \($0)" } ?? ""))")
            if generated { print("Mật khẩu / Password (shown once): \(password)") }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đặt mật khẩu mới, mở khóa / Set a new password and unlock.")

        @Argument(help: "Tên đăng nhập / Username.") var username: String
        @Flag(help: "Đọc mật khẩu từ đầu vào chuẩn / Read the password from standard input.") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (password, generated) = try readPassword(passwordStdin)
            let username = username
            try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await Accounts(db).setPassword(username, to: password)
            }
            print("Đã đặt mật khẩu / Password set: \(username)")
            if generated { print("Mật khẩu / Password (shown once): \(password)") }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Khóa tài khoản, hủy phiên và mã truy cập / Disable an account, ending its sessions and tokens.")

        @Argument(help: "Tên đăng nhập / Username.") var username: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let username = username
            try await database.withMigratedDatabase(logger: makeLogger()) { db in try await Accounts(db).disable(username) }
            print("Đã khóa / Disabled: \(username)")
        }
    }

    struct Email: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đặt địa chỉ thư nhận thông báo / Set where an account's notices are mailed.",
            discussion: "Bỏ trống địa chỉ (\"\") để chỉ nhận trong ứng dụng / Give \"\" to keep notices in the app only.")

        @Argument(help: "Tên đăng nhập / Username.") var username: String
        @Argument(help: "Địa chỉ thư / E-mail address.") var address: String
        @Option(help: "Cách nhận / How: each (từng thông báo), daily (tổng hợp hằng ngày), none.") var choice: String?
        @Option(help: "Ngôn ngữ thư / Language of notices: vi, en.") var language: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let (username, address) = (username, address)
            let choice = try choice.map { c in
                guard let m = MailChoice(rawValue: c) else { throw ValidationError("--choice: \(MailChoice.allCases.map(\.rawValue).joined(separator: ", "))") }
                return m
            }
            guard language == nil || ["vi", "en"].contains(language!) else { throw ValidationError("--language: vi, en") }
            let english = language.map { $0 == "en" }
            try await database.withMigratedDatabase(logger: makeLogger()) { db in
                let accounts = Accounts(db)
                guard let a = try await accounts.account(username) else { throw ValidationError("Không có tài khoản / No account \(username)") }
                try await accounts.setMail(username, email: address, choice: choice ?? a.mailChoice, english: english ?? a.prefersEnglish)
            }
            print("Đã đặt / Set: \(username) → \(address.isEmpty ? "(chỉ trong ứng dụng / in the app only)" : address)")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cấp mã truy cập API (hiện một lần) / Issue an API token (shown once).")

        @Argument(help: "Tên đăng nhập / Username.") var username: String
        @Option(help: "Tên gợi nhớ / A name for the token.") var name = "api"
        @Flag(help: "Chỉ đọc / Read-only.") var readOnly = false
        @Option(help: "Số ngày hiệu lực / Days until it expires.") var days = 90
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...366).contains(days) else { throw ValidationError("--days: 1–366") }
        }

        func run() async throws {
            let (username, name, readOnly, days) = (username, name, readOnly, days)
            let token = try await database.withMigratedDatabase(logger: makeLogger()) { db in
                try await Accounts(db).issueToken(for: username, name: name, readOnly: readOnly, days: days)
            }
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản / List accounts.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let accounts = try await database.withMigratedDatabase(logger: makeLogger()) { db in try await Accounts(db).list() }
            for a in accounts {
                print("\(a.username)\t\(a.role.rawValue)\t\(a.unitCode ?? "*")\t\(a.disabled ? "disabled" : "active")\t\(a.displayName)")
            }
        }
    }
}

/// A password from standard input (first line), or a generated one.
private func readPassword(_ fromStdin: Bool) throws -> (String, generated: Bool) {
    guard fromStdin else { return (Accounts.generatePassword(), true) }
    guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("Không đọc được mật khẩu từ đầu vào chuẩn / No password on standard input.")
    }
    return (line, false)
}
