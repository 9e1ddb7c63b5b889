import DXDomain

/// The problems of a page's form, said once each.
extension DomainError {
    /// What is wrong with a form body as a whole.
    public enum FormFault: Sendable {
        case givenTwice(String)
        case unreadable(String)
    }

    public static func malformedForm(_ fault: FormFault) -> DomainError {
        switch fault {
        case .givenTwice(let name):
            DomainError(code: "invalid_form", field: name, vi: "Biểu mẫu gửi trường \"\(name)\" hai lần.",
                        en: "The form sends the field \"\(name)\" twice.")
        case .unreadable(let text):
            DomainError(code: "invalid_form", vi: "Biểu mẫu không đọc được (tại \"\(text.prefix(40))\").",
                        en: "The form cannot be read (at \"\(text.prefix(40))\").")
        }
    }

    /// A field of a form that is missing or holds what it cannot (an unknown step, a version that is not a number).
    static func formField(_ error: DecodingError) -> DomainError {
        let field = error.fieldPath
        switch error {
        case .keyNotFound:
            return .required(field)
        case .typeMismatch, .valueNotFound, .dataCorrupted:
            return DomainError(code: "invalid_form", field: field.isEmpty ? nil : field,
                               vi: "Trường \"\(field)\" của biểu mẫu không hợp lệ.", en: "The form's field \"\(field)\" is not valid.")
        @unknown default:
            return .malformedForm(.unreadable(""))
        }
    }
}
