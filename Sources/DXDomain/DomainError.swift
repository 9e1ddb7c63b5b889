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
    /// What sort of problem this is, which says how the API answers it (as Hummingbird's
    /// `HTTPError` carries its status): the code names the reason, the kind its class.
    public var kind: Kind

    /// The classes of problem, most telling last: a request with problems of several
    /// kinds is answered as the greatest of them.
    public enum Kind: Int, Sendable, Hashable, Comparable {
        /// The input breaks a rule (422).
        case invalid
        /// The thing named does not exist (404).
        case notFound
        /// The caller may not do this (403).
        case forbidden
        /// The state forbids it now: a stale version, a locked report, a closed period (409).
        case conflict
        /// dxtrack cannot serve this at all now: a database newer than the build (503).
        case unavailable

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public init(code: String, field: String? = nil, vi: String, en: String, kind: Kind = .invalid) {
        self.code = code
        self.field = field
        self.vi = vi
        self.en = en
        self.kind = kind
    }

    /// The same error, said of another field (e.g. `values[3].period`). Something not
    /// found, once said of a field of the input, is a problem of that input.
    public func at(field: String) -> DomainError {
        var copy = self
        copy.field = field
        if copy.kind == .notFound { copy.kind = .invalid }
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
                    en: "No \(what.en) with code \"\(code)\".", kind: what.isResource ? .notFound : .invalid)
    }

    public enum UnknownThing: String, Sendable {
        case unit, indicator, plan, target, form, campaign, criterion, system
        var field: String { self == .unit ? "unit" : rawValue }
        /// Things a route names in its path (`/reports/{form}/{unit}/…`, `/emulation/{campaign}`):
        /// when one does not exist, the answer is 404.
        var isResource: Bool { self == .unit || self == .form || self == .campaign || self == .system }
        var vi: String {
            switch self {
            case .unit: "đơn vị"
            case .indicator: "chỉ tiêu"
            case .plan: "kế hoạch"
            case .target: "mục tiêu"
            case .form: "biểu mẫu báo cáo"
            case .campaign: "phong trào thi đua"
            case .criterion: "tiêu chí thi đua"
            case .system: "hệ thống thông tin"
            }
        }
        var en: String {
            switch self {
            case .unit: "organisation unit"
            case .system: "information system"
            default: rawValue
            }
        }
    }
}

extension DecodingError {
    /// The field the error is about, as a request names it (`values[3].period`); for a key
    /// that is missing, the key itself. Every reader of a body (JSON, a page's form, a YAML
    /// template) names the field this way.
    public var fieldPath: String {
        let keys: [any CodingKey] = switch self {
        case .keyNotFound(let key, let context): context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
        @unknown default: []
        }
        return keys.reduce("") { path, key in
            if let i = key.intValue { return "\(path)[\(i)]" }
            return path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)"
        }
    }
}
