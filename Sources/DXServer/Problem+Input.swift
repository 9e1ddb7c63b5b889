import DXDomain

/// The problems of a request's input as the server reads it: its body, its query, its form.
extension DomainError {
    static func bodyTooLarge(_ size: String, field: String?) -> DomainError {
        DomainError(code: "too_large", field: field, vi: "Nội dung vượt quá \(size).", en: "The body exceeds \(size).")
    }

    static func bodyTooSlow(field: String?) -> DomainError {
        DomainError(code: "too_slow", field: field, vi: "Nội dung gửi quá chậm; hãy gửi lại.", en: "The body arrived too slowly; send it again.")
    }

    static func wrongType(_ field: String, expected type: Any.Type) -> DomainError {
        DomainError(code: "wrong_type", field: field, vi: "Trường \"\(field)\" sai kiểu dữ liệu (cần \(type)).",
                    en: "Field \"\(field)\" has the wrong type (expected \(type)).")
    }

    /// JSON that does not parse (`field` empty: the body itself).
    static func malformedJSON(at field: String) -> DomainError {
        DomainError(code: "malformed_json", field: field.isEmpty ? nil : field,
                    vi: "JSON không hợp lệ\(field.isEmpty ? "" : " tại \"\(field)\"").", en: "Malformed JSON\(field.isEmpty ? "" : " at \"\(field)\"").")
    }

    static let notADataValueSet = DomainError(code: "malformed_json", field: "body", vi: "JSON không phải một dataValueSet hợp lệ.",
                                              en: "The JSON is not a valid dataValueSet.")

    static let unsupportedImportStrategy = DomainError(code: "unsupported_import_strategy", field: "importStrategy",
                                                       vi: "importStrategy là CREATE_AND_UPDATE, CREATE hoặc UPDATE.",
                                                       en: "importStrategy is CREATE_AND_UPDATE, CREATE or UPDATE.")

    static func unknownPeriodType(_ name: String) -> DomainError {
        let known = PeriodType.allCases.map(\.rawValue).joined(separator: ", ")
        return DomainError(code: "invalid_period_type", field: "type", vi: "Loại kỳ không hợp lệ: \"\(name)\". Các loại: \(known).",
                           en: "Unknown period type \"\(name)\". Known: \(known).")
    }

    static let periodRangeTooLong = DomainError(code: "invalid_range", field: "to", vi: "Khoảng thời gian không hợp lệ (tối đa 10 năm).",
                                                en: "Invalid date range (10 years at most).")

    static func unknownFramework(_ name: String) -> DomainError {
        DomainError(code: "unknown_framework", field: "framework", vi: "Không có khung chỉ số \"\(name)\".", en: "No index framework \"\(name)\".")
    }

    /// A campaign score names exactly one of the unit's own score and the appraisal.
    static let oneScore = DomainError(code: "required", field: "selfScore", vi: "Cần đúng một trong selfScore và appraisalScore.",
                                      en: "Give exactly one of selfScore and appraisalScore.")
}
