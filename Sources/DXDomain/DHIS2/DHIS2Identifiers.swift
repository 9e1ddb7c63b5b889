/// The UIDs of dxtrack's objects, both ways, and how an identifier a client sent is
/// read under the scheme it named (`idScheme=UID|CODE`, and per kind
/// `orgUnitIdScheme`, `dataElementIdScheme`, …).
public struct DHIS2Identifiers: Sendable {
    public struct Entry: Hashable, Sendable, Codable {
        public var kind: DHIS2Kind
        public var code: String
        public var uid: String
        public init(_ kind: DHIS2Kind, code: String, uid: String) {
            self.kind = kind
            self.code = code
            self.uid = uid
        }
    }

    /// The objects every DHIS2 has, with the UIDs every DHIS2 gives them (the default
    /// combos), and the fraction's combos, by which a percentage travels as two values.
    public static let builtIn: [Entry] = [
        Entry(.categoryCombo, code: "default", uid: "bjDvmb4bfuf"),
        Entry(.categoryOptionCombo, code: "default", uid: "HllvX50cXC0"),
        Entry(.categoryCombo, code: fraction, uid: DHIS2UID.derived(.categoryCombo, code: fraction)),
        Entry(.categoryOptionCombo, code: DataValueSet.numerator, uid: DHIS2UID.derived(.categoryOptionCombo, code: DataValueSet.numerator)),
        Entry(.categoryOptionCombo, code: DataValueSet.denominator, uid: DHIS2UID.derived(.categoryOptionCombo, code: DataValueSet.denominator)),
    ]
    public static let fraction = "FRACTION"

    var uids: [DHIS2Kind: [String: String]] = [:]
    var codes: [DHIS2Kind: [String: String]] = [:]

    /// `builtIn: false` for another system's UIDs, which know nothing of dxtrack's fraction combos.
    public init(_ entries: [Entry], builtIn: Bool = true) {
        for e in (builtIn ? Self.builtIn : []) + entries {
            uids[e.kind, default: [:]][e.code] = e.uid
            codes[e.kind, default: [:]][e.uid] = e.code
        }
    }

    /// The UID of an object, if it has one.
    public func uid(_ kind: DHIS2Kind, _ code: String) -> String? { uids[kind]?[code] }

    /// The code of the object a UID names.
    public func code(_ kind: DHIS2Kind, uid: String) -> String? { codes[kind]?[uid] }

    /// The code an identifier in a query stands for (`?orgUnit=`, `?de=`), which names no
    /// scheme: a known UID's code (a data element's may be a computed indicator's), else
    /// the identifier as a code.
    public func code(for id: String, as kind: DHIS2Kind) -> String {
        let id = Code.canonical(id)
        return code(kind, uid: id) ?? (kind == .dataElement ? code(.indicator, uid: id) : nil) ?? id
    }

    /// The code an identifier stands for under `scheme`: a UID must be known; a code
    /// is taken as it is (whether it names anything is the import's to say). Under
    /// ``IdScheme/either`` a known UID is read as one and anything else as a code.
    public func read(_ id: String, as kind: DHIS2Kind, scheme: IdScheme) -> String? {
        switch scheme {
        case .code: id
        case .uid: code(kind, uid: id)
        case .either: code(kind, uid: id) ?? id
        }
    }
}

/// How a client names objects: by UID (DHIS2's default), by code (dxtrack's own
/// identifiers), or, when it says nothing, either (a known UID, else a code), so
/// scripts written for dxtrack's codes keep working.
public enum IdScheme: String, Sendable, CaseIterable {
    case uid = "UID", code = "CODE", either = ""

    /// Reads DHIS2's spelling; ATTRIBUTE and NAME schemes are not offered.
    public init(parsing text: String, field: String) throws(DomainError) {
        guard let s = IdScheme(rawValue: text.uppercased()), s != .either else { throw .unsupportedIdScheme(text, field: field) }
        self = s
    }
}

/// The schemes of one request, per kind of object (`idScheme` for all, and each kind's own).
public struct IdSchemes: Sendable {
    public var orgUnit: IdScheme = .either
    public var dataElement: IdScheme = .either
    public var dataSet: IdScheme = .either
    public var categoryOptionCombo: IdScheme = .either

    public init() {}

    /// From a query's parameters: `idScheme`, then `orgUnitIdScheme`, `dataElementIdScheme`,
    /// `dataSetIdScheme`, `categoryOptionComboIdScheme` (and `ou`/`de` … short forms are not DHIS2's).
    public init(_ parameter: (String) -> String?) throws(DomainError) {
        if let all = parameter("idScheme") {
            let s = try IdScheme(parsing: all, field: "idScheme")
            (orgUnit, dataElement, dataSet, categoryOptionCombo) = (s, s, s, s)
        }
        if let t = parameter("orgUnitIdScheme") { orgUnit = try IdScheme(parsing: t, field: "orgUnitIdScheme") }
        if let t = parameter("dataElementIdScheme") { dataElement = try IdScheme(parsing: t, field: "dataElementIdScheme") }
        if let t = parameter("dataSetIdScheme") { dataSet = try IdScheme(parsing: t, field: "dataSetIdScheme") }
        if let t = parameter("categoryOptionComboIdScheme") { categoryOptionCombo = try IdScheme(parsing: t, field: "categoryOptionComboIdScheme") }
    }
}

extension DomainError {
    public static func unsupportedIdScheme(_ text: String, field: String) -> DomainError {
        DomainError(code: "unsupported_id_scheme", field: field,
                    vi: "dxtrack chỉ nhận định danh UID hoặc CODE, không nhận \(text).",
                    en: "dxtrack takes UID or CODE identifiers, not \(text).")
    }

    public static func unknownUID(_ uid: String, field: String) -> DomainError {
        DomainError(code: "unknown_uid", field: field,
                    vi: "Không có đối tượng mang UID \(uid).", en: "No object has the UID \(uid).", kind: .notFound)
    }
}
