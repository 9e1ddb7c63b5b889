import DXDomain

/// The problems of accounts and signing in.
extension DomainError {
    static let invalidUsername = DomainError(code: "invalid_username", field: "username",
                                             vi: "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–64 ký tự).",
                                             en: "A username is 2–64 lowercase ASCII letters, digits, dots, dashes or underscores.")

    static func unitRequired(for role: Role) -> DomainError {
        DomainError(code: "required", field: "unit", vi: "Vai trò \(role.nameVi) cần đơn vị (phạm vi quyền).",
                    en: "Role \(role.rawValue) needs a unit (its scope).")
    }

    static func usernameTaken(_ username: String) -> DomainError {
        DomainError(code: "duplicate_username", field: "username", vi: "Tên đăng nhập \"\(username)\" đã có.",
                    en: "Username \"\(username)\" is taken.", kind: .conflict)
    }

    static func unknownUser(_ username: String) -> DomainError {
        DomainError(code: "unknown_user", field: "username", vi: "Không có tài khoản \"\(username)\".", en: "No account \"\(username)\".", kind: .notFound)
    }

    /// The one answer to a wrong password, an unknown name and a locked account alike, so that
    /// none of them tells an outsider which names exist.
    static func invalidCredentials(maxFailures: Int) -> DomainError {
        DomainError(code: "invalid_credentials", field: "password",
                    vi: "Tên đăng nhập hoặc mật khẩu không đúng (sau \(maxFailures) lần sai, tài khoản tạm khóa 15 phút).",
                    en: "Wrong username or password (after \(maxFailures) wrong tries an account is locked for 15 minutes).")
    }

    static func invalidEmail(_ text: String) -> DomainError {
        DomainError(code: "invalid_email", field: "email", vi: "Địa chỉ thư \"\(text)\" không hợp lệ (dạng ten@donvi.gov.vn).",
                    en: "\"\(text)\" is not an e-mail address (name@unit.gov.vn).")
    }

    static func weakPassword(minimumLength: Int) -> DomainError {
        DomainError(code: "weak_password", field: "password", vi: "Mật khẩu cần ít nhất \(minimumLength) ký tự.",
                    en: "A password needs at least \(minimumLength) characters.")
    }
}
