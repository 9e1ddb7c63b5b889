/// The code of a catalog object: a unit (`20-STTTT`, `05983`), an indicator
/// (`cqs_ho_so_cong_viec_truc_tuyen`), a form, a plan, a campaign.
///
/// Codes are compared exactly, byte for byte, everywhere: in access checks, in
/// report locks, in SQL. So a code must reach those places in one spelling only.
/// Every door (a JSON body, a form, a file row, a URL) passes what it was sent
/// through ``canonical(_:)`` once, and nothing after it sees the raw text:
///
/// ```swift
/// Code.canonical(" 20-STTTT\t")   // "20-STTTT"
/// Code.canonical("Ｆ")             // "Ｆ" (kept, and refused by isValid)
/// Code.isValid("20-STTTT")        // true
/// Code.isValid("20 STTTT")        // false
/// ```
///
/// Whitespace around a code is a typing slip and is dropped; anything else
/// that is not in the grammar (letters and digits of ASCII, `-`, `_`, `.`,
/// 1 to 64 of them) is refused rather than guessed at, so no look-alike
/// (a fullwidth letter, a decomposed accent, a zero-width space) can name a
/// unit that the access check did not see.
public enum Code {
    public static let maxLength = 64

    /// `text` without the whitespace around it (Unicode's, not only ASCII's).
    public static func canonical(_ text: String) -> String { text.trimmingWhitespace() }

    /// Whether `text` is a code as dxtrack spells them.
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        return bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
    }

    /// The canonical code, or an error naming `field` when it is not one.
    public static func parse(_ text: String, field: String) throws(DomainError) -> String {
        let code = canonical(text)
        guard isValid(code) else { throw DomainError.invalidCode(text, field: field) }
        return code
    }
}

extension DomainError {
    public static func invalidCode(_ text: String, field: String) -> DomainError {
        let shown = String(text.prefix(80))
        return DomainError(
            code: "invalid_code", field: field,
            vi: "Mã \"\(shown)\" không hợp lệ: mã chỉ gồm chữ cái và chữ số không dấu, dấu gạch ngang, gạch dưới, dấu chấm (1–\(Code.maxLength) ký tự).",
            en: "Invalid code \"\(shown)\": a code is 1–\(Code.maxLength) ASCII letters, digits, dashes, underscores or dots.")
    }
}
