/// DHIS2's identifier for an object: eleven letters and digits, the first a letter
/// (`^[A-Za-z][A-Za-z0-9]{10}$`). dxtrack identifies its objects by code; to clients
/// written for DHIS2 (whose default is `idScheme=UID`) every unit, indicator, form and
/// combo also has a UID, made once from its kind and code and then kept in the
/// database, so it never changes even if this recipe does, and can be replaced by the
/// one another DHIS2 already uses for the same object.
public enum DHIS2UID {
    static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let alphanumerics = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Whether `s` is spelt as a UID.
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 11, u[0].isASCIILetter else { return false }
        return u.allSatisfy { $0.isASCIILetter || (0x30...0x39).contains($0) }
    }

    /// The UID first given to the object of `kind` with `code`: the same on every
    /// instance and every run, so two servers assigning at once agree.
    public static func derived(_ kind: DHIS2Kind, code: String) -> String {
        // FNV-1a over "kind:code" seeds the generator that draws the characters.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(kind.rawValue):\(code)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var rng = SplitMix64(seed: hash)
        var s = String(letters[Int(rng.next() % UInt64(letters.count))])
        for _ in 0..<10 { s.append(alphanumerics[Int(rng.next() % UInt64(alphanumerics.count))]) }
        return s
    }
}

/// The kinds of DHIS2 object dxtrack's catalog is shown as.
public enum DHIS2Kind: String, CaseIterable, Sendable, Codable {
    /// A unit (đơn vị).
    case organisationUnit
    /// An indicator that units report.
    case dataElement
    /// An indicator dxtrack computes from others.
    case indicator
    /// A report form (biểu mẫu).
    case dataSet
    case categoryCombo
    case categoryOptionCombo
    /// A signed-in account (`/api/me`).
    case user
}

extension UInt8 {
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
