/// A rule of the domain that a value broke, said in Vietnamese and in English,
/// with the field it concerns, so that every layer can show it as it is:
/// the API as `application/problem+json`, the CLI as a line, a page beside its input.
///
/// ```swift
/// throw DomainError.invalidPeriod("2025Q5")
/// // vi: "Mã kỳ báo cáo không hợp lệ: "2025Q5"…"  en: "Invalid period id "2025Q5"…"
/// ```
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable machine-readable reason, e.g. `invalid_period`.
    public let code: String
    /// The input field the error concerns (`period`, `value`, `numerator`), if any.
    public var field: String?
    public let vi: String
    public let en: String

    public init(code: String, field: String? = nil, vi: String, en: String) {
        self.code = code
        self.field = field
        self.vi = vi
        self.en = en
    }

    /// The same error, said of another field (e.g. `values[3].period`).
    public func at(field: String) -> DomainError {
        var copy = self
        copy.field = field
        return copy
    }

    public var description: String { "\(field.map { "\($0): " } ?? "")\(vi) / \(en)" }
}

extension DomainError {
    public static func invalidPeriod(_ text: String) -> DomainError {
        DomainError(
            code: "invalid_period", field: "period",
            vi: "Mã kỳ báo cáo không hợp lệ: \"\(text)\". Dạng đúng: 2025, 2025S1, 2025Q1, 202501, 2025W05, 20250315.",
            en: "Invalid period id \"\(text)\". Expected 2025, 2025S1, 2025Q1, 202501, 2025W05 or 20250315.")
    }

    public static func invalidDate(_ text: String) -> DomainError {
        DomainError(
            code: "invalid_date", field: "date",
            vi: "Ngày không hợp lệ: \"\(text)\" (dạng dd/mm/yyyy hoặc yyyy-mm-dd).",
            en: "Invalid date \"\(text)\" (expected dd/mm/yyyy or yyyy-mm-dd).")
    }

    public static func invalidNumber(_ text: String, field: String = "value") -> DomainError {
        DomainError(
            code: "invalid_number", field: field,
            vi: "Không đọc được số: \"\(text)\" (dùng dấu phẩy thập phân, ví dụ 37,8).",
            en: "Not a number: \"\(text)\" (use a decimal comma, e.g. 37,8).")
    }

    public static func required(_ field: String) -> DomainError {
        DomainError(code: "required", field: field,
                    vi: "Thiếu trường bắt buộc \"\(field)\".",
                    en: "The field \"\(field)\" is required.")
    }

    public static func unknown(_ what: UnknownThing, code: String) -> DomainError {
        DomainError(code: "unknown_\(what.rawValue)", field: what.field,
                    vi: "Không có \(what.vi) với mã \"\(code)\".",
                    en: "No \(what.en) with code \"\(code)\".")
    }

    public enum UnknownThing: String, Sendable {
        case unit, indicator, plan, target, form, campaign, criterion
        var field: String { self == .unit ? "unit" : rawValue }
        var vi: String {
            switch self {
            case .unit: "đơn vị"
            case .indicator: "chỉ tiêu"
            case .plan: "kế hoạch"
            case .target: "mục tiêu"
            case .form: "biểu mẫu báo cáo"
            case .campaign: "phong trào thi đua"
            case .criterion: "tiêu chí thi đua"
            }
        }
        var en: String {
            switch self {
            case .unit: "organisation unit"
            default: rawValue
            }
        }
    }
}
