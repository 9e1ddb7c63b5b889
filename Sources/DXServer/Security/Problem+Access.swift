import DXDomain

/// The answers of access control, said once each.
extension Problem {
    /// HTTP Basic with a wrong pair, an unknown name or a locked account: one answer for all.
    static let wrongPassword = Problem(.unauthorized, vi: "Sai tên đăng nhập hoặc mật khẩu", en: "Wrong username or password", errors: [
        DomainError(code: "invalid_credentials", vi: "Tên đăng nhập hoặc mật khẩu không đúng.", en: "Wrong username or password.")])

    static let invalidToken = Problem(.unauthorized, vi: "Mã truy cập không hợp lệ", en: "Invalid token", errors: [
        DomainError(code: "invalid_token", vi: "Mã truy cập API không hợp lệ hoặc đã hết hạn.", en: "The API token is invalid or has expired.")])

    static let signInRequired = Problem(.unauthorized, vi: "Cần đăng nhập", en: "Sign-in required", errors: [
        DomainError(code: "unauthenticated", vi: "Hãy đăng nhập hoặc dùng mã truy cập API.", en: "Sign in or use an API token.")])

    /// A change sent with a session but without its CSRF token (header or form field).
    static let missingCSRF = Problem(.forbidden, vi: "Thiếu mã chống giả mạo (CSRF)", en: "CSRF token missing or wrong", errors: [
        DomainError(code: "csrf", vi: "Yêu cầu thiếu mã chống giả mạo.", en: "The request lacks the CSRF token.", kind: .forbidden)])

    static let crossSite = Problem(.forbidden, vi: "Yêu cầu từ trang khác bị từ chối", en: "Cross-site request refused", errors: [
        DomainError(code: "cross_site", vi: "Chỉ các trang của dxtrack mới được gửi thay đổi.", en: "Only dxtrack's own pages may send changes.",
                    kind: .forbidden)])

    static func forbidden(_ action: Action, unit: String?) -> Problem {
        Problem(.forbidden, vi: "Không có quyền", en: "Forbidden", errors: [
            DomainError(code: "forbidden", field: unit == nil ? nil : "unit",
                        vi: "Tài khoản không có quyền \(action.rawValue)\(unit.map { " với đơn vị \($0)" } ?? "").",
                        en: "This account may not \(action.rawValue)\(unit.map { " for unit \($0)" } ?? "").", kind: .forbidden)])
    }

    /// An evidence file that does not exist, or that the caller may not read: the same answer,
    /// so that a hash cannot be tested for a file in another unit's report.
    static let noSuchEvidence = Problem.notFound(DomainError(code: "unknown_evidence", field: "sha256", vi: "Không có tệp minh chứng này.",
                                                             en: "No such evidence file.", kind: .notFound))
}
