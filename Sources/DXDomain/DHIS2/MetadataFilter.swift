/// One of DHIS2's `filter=property:operator:value` conditions on a metadata list,
/// e.g. `code:eq:20-STTTT`, `name:ilike:xã`, `level:in:[2,3]`, `parent.id:eq:UID`,
/// `closedDate:null`. Several filters all hold unless `rootJunction=OR`.
///
/// A property path goes through references (`parent.code`) and through lists, where any
/// element may match (`dataSets.id:eq:…`). Text is compared as DHIS2 compares it: `like`
/// and `ilike` both ignore case and look anywhere (`$like`: at the start, `like$`: at
/// the end); `gt`, `lt` and the rest compare numbers as numbers and text (codes
/// such as `05983` among it) as text.
public struct MetadataFilter: Hashable, Sendable {
    public enum Operator: String, CaseIterable, Sendable {
        case eq, ieq, ne = "!eq", like, notLike = "!like", startsWith = "$like", endsWith = "like$"
        case `in`, notIn = "!in", null, notNull = "!null", empty, gt, ge, lt, le

        /// DHIS2's other spellings of the same operators.
        static let aliases: [String: Operator] = [
            "neq": .ne, "ilike": .like, "!ilike": .notLike, "$ilike": .startsWith, "ilike$": .endsWith, "token": .like,
        ]

        var takesValue: Bool { ![.null, .notNull, .empty].contains(self) }
    }

    public var path: [String]
    public var op: Operator
    public var value: String

    /// Reads one `filter` parameter; what cannot be read is named with its text.
    public init(parsing text: String) throws(DomainError) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty,
              let op = Operator(rawValue: parts[1]) ?? Operator.aliases[parts[1]] else { throw .badFilter(text) }
        guard !op.takesValue || parts.count == 3 else { throw .badFilter(text) }
        path = parts[0].split(separator: ".").map(String.init)
        guard path.count <= FieldSelection.maxDepth else { throw .badFilter(text) }
        self.op = op
        value = parts.count == 3 ? parts[2] : ""
    }

    /// Whether `object` passes.
    public func matches(_ object: JSONValue, lookup: (String) -> JSONValue?) -> Bool {
        let found = Self.values(at: path[...], in: object, lookup: lookup)
        switch op {
        case .null: return found.allSatisfy { $0 == .null }
        case .notNull: return found.contains { $0 != .null }
        case .empty: return found.allSatisfy { $0 == .null || $0 == .array([]) || $0 == .string("") }
        case .ne, .notLike, .notIn: return !found.contains { test($0, op.positive) }
        default: return found.contains { test($0, op) }
        }
    }

    func test(_ v: JSONValue, _ op: Operator) -> Bool {
        guard let text = v.text else { return false }
        let a = text.lowercased(), b = value.lowercased()
        switch op {
        case .eq: return text == value
        case .ieq: return a == b
        case .like: return a.contains(b)
        case .startsWith: return a.hasPrefix(b)
        case .endsWith: return a.hasSuffix(b)
        case .in: return Self.list(value).contains(text)
        case .gt, .ge, .lt, .le:
            let order: Int
            if case .number(let x) = v, let y = Double(value) { order = x < y ? -1 : (x > y ? 1 : 0) }
            else { order = text < value ? -1 : (text > value ? 1 : 0) }
            switch op { case .gt: return order > 0
            case .ge: return order >= 0
            case .lt: return order < 0
            default: return order <= 0 }
        default: return false
        }
    }

    /// `[a,b,c]` (brackets optional) as its items.
    static func list(_ text: String) -> [String] {
        var t = Substring(text)
        if t.hasPrefix("["), t.hasSuffix("]") { t = t.dropFirst().dropLast() }
        return t.split(separator: ",").map { String($0) }
    }

    /// Every value at the path: several when it passes through lists; `null` when it ends early.
    static func values(at path: ArraySlice<String>, in value: JSONValue, lookup: (String) -> JSONValue?) -> [JSONValue] {
        guard let key = path.first else { return [value] }
        switch value {
        case .array(let items): return items.flatMap { values(at: path, in: $0, lookup: lookup) }
        case .object(let o):
            let whole = o[key] == nil ? FieldSelection.resolve(o, lookup: lookup) : o
            return values(at: path.dropFirst(), in: whole[key] ?? .null, lookup: lookup)
        default: return [.null]
        }
    }
}

extension MetadataFilter.Operator {
    /// The test a negated operator negates.
    var positive: Self {
        switch self { case .ne: .eq
        case .notLike: .like
        case .notIn: .in
        default: self }
    }
}

extension DomainError {
    static func badFilter(_ text: String) -> DomainError {
        DomainError(code: "invalid_filter", field: "filter",
                    vi: "Bộ lọc không đọc được: \(text) (dạng thuộc_tính:toán_tử:giá_trị, ví dụ code:eq:20-STTTT)",
                    en: "The filter cannot be read: \(text) (write property:operator:value, e.g. code:eq:20-STTTT)")
    }
}
