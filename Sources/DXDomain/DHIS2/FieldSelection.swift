/// DHIS2's `fields=` parameter: which members of each object an answer carries.
///
/// ```
/// fields=id,name,parent[id,name],children[id,code,children[id]],!code,*
/// ```
///
/// A name gives the member; `name[…]` selects within a member that is an object or a
/// list of them (a reference, such as `parent`, is followed to the object it names);
/// `*` (`:all`, `:owner`) gives every member, references as `{"id": …}`;
/// `:identifiable` and `:nameable` give DHIS2's usual groups; `!name` leaves one out;
/// `name~rename(alias)` (or `::rename`) puts a member under another name.
public struct FieldSelection: Hashable, Sendable {
    public indirect enum Item: Hashable, Sendable {
        case member(String, alias: String?, within: FieldSelection?)
        case preset(Preset)
        case exclude(String)
    }

    public enum Preset: String, Hashable, Sendable {
        case all, identifiable, nameable

        var members: [String]? {
            switch self {
            case .all: nil
            case .identifiable: ["id", "code", "name", "displayName", "created", "lastUpdated"]
            case .nameable: ["id", "code", "name", "displayName", "created", "lastUpdated", "shortName", "displayShortName", "description"]
            }
        }
    }

    public var items: [Item]

    public init(_ items: [Item]) { self.items = items }

    /// What DHIS2 gives a list when no fields are asked for.
    public static let listDefault = FieldSelection([.member("id", alias: nil, within: nil), .member("displayName", alias: nil, within: nil)])
    public static let everything = FieldSelection([.preset(.all)])

    /// Reads the parameter; a bracket left open or a transformer dxtrack lacks is named.
    public init(parsing text: String) throws(DomainError) {
        var parser = Parser(chars: Array(text), at: 0)
        self = try parser.list()
        guard parser.at == parser.chars.count else { throw .badFields(text, at: parser.at) }
    }

    /// The members of `value` this selection asks for. `lookup` finds the whole object a
    /// reference (`{"id": …}`) stands for, so that `parent[name]` can be answered.
    public func apply(to value: JSONValue, lookup: (String) -> JSONValue?) -> JSONValue {
        switch value {
        case .array(let list): return .array(list.map { apply(to: $0, lookup: lookup) })
        case .object(let reference):
            let object = Self.resolve(reference, lookup: lookup)
            var out: [String: JSONValue] = [:], excluded: Set<String> = []
            for item in items {
                switch item {
                case .preset(let preset):
                    for (key, v) in object where preset.members?.contains(key) ?? true { out[key] = Self.shallow(v) }
                case .member(let name, let alias, let within):
                    guard let v = object[name] else { continue }
                    out[alias ?? name] = within.map { $0.apply(to: v, lookup: lookup) } ?? Self.shallow(v)
                case .exclude(let name): excluded.insert(name)
                }
            }
            for name in excluded { out[name] = nil }
            return .object(out)
        default: return value
        }
    }

    /// The whole object a reference names, or the object itself.
    static func resolve(_ object: [String: JSONValue], lookup: (String) -> JSONValue?) -> [String: JSONValue] {
        if let id = object["id"]?.text, case .object(let whole)? = lookup(id) { return whole }
        return object
    }

    /// A member as it appears without a selection of its own: references by id only.
    static func shallow(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o): if let id = o["id"] { return .object(["id": id]) }
            return v
        case .array(let a): return .array(a.map(shallow))
        default: return v
        }
    }

    /// How deep selections may nest (`a[b[c[…]]]`): deeper than any object dxtrack serves.
    static let maxDepth = 16

    struct Parser {
        let chars: [Character]
        var at: Int
        var depth = 0

        mutating func list() throws(DomainError) -> FieldSelection {
            depth += 1
            defer { depth -= 1 }
            guard depth <= FieldSelection.maxDepth else { throw .badFields(String(chars), at: at) }
            var items: [Item] = []
            while at < chars.count, chars[at] != "]" {
                if chars[at] == "," { at += 1; continue }
                items.append(try item())
            }
            return FieldSelection(items)
        }

        mutating func item() throws(DomainError) -> Item {
            let start = at
            var name = ""
            while at < chars.count, !",[]".contains(chars[at]) { name.append(chars[at]); at += 1 }
            name = name.trimmingWhitespace()
            switch name {
            case "*", ":all", ":owner", ":simple", ":persisted": return .preset(.all)
            case ":identifiable": return .preset(.identifiable)
            case ":nameable": return .preset(.nameable)
            default: break
            }
            if name.hasPrefix("!") { return .exclude(String(name.dropFirst())) }
            var alias: String?
            if let cut = name.firstRange(of: "::") ?? name.firstRange(of: "~") {
                let transformer = String(name[cut.upperBound...])
                name = String(name[..<cut.lowerBound])
                guard transformer.hasPrefix("rename("), transformer.hasSuffix(")") else { throw .badFields(String(chars), at: start) }
                alias = String(transformer.dropFirst(7).dropLast())
            }
            guard !name.isEmpty else { throw .badFields(String(chars), at: start) }
            var within: FieldSelection?
            if at < chars.count, chars[at] == "[" {
                at += 1
                within = try list()
                guard at < chars.count, chars[at] == "]" else { throw .badFields(String(chars), at: start) }
                at += 1
            }
            return .member(name, alias: alias, within: within)
        }
    }
}

extension DomainError {
    static func badFields(_ text: String, at offset: Int) -> DomainError {
        DomainError(code: "invalid_fields", field: "fields",
                    vi: "Tham số fields không đọc được từ ký tự thứ \(offset + 1): \(text)",
                    en: "The fields parameter cannot be read from character \(offset + 1): \(text)")
    }
}
