import Foundation

/// A JSON document as a tree, for answers whose shape the caller chooses: DHIS2's
/// metadata lists are built as whole objects and then cut down to the `fields=` the
/// client asked for (``FieldSelection``) and matched against its `filter=`
/// (``MetadataFilter``), which a fixed `Codable` type cannot do.
public enum JSONValue: Hashable, Sendable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let x):
            // Whole numbers as integers (`"level": 2`, never `2.0`), as DHIS2 writes them.
            if x == x.rounded(), abs(x) < 1e15 { try c.encode(Int64(x)) } else { try c.encode(x) }
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }

    /// A member of an object; nil for anything else.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The value as a filter or an order compares it: strings as they are, numbers and
    /// booleans as DHIS2 spells them in a query (`2`, `true`).
    public var text: String? {
        switch self {
        case .string(let s): s
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .bool(let b): String(b)
        case .array, .object, .null: nil
        }
    }

    /// An object from the members that have a value (a nil member is left out, as DHIS2 leaves out unset fields).
    public static func object(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        var o: [String: JSONValue] = [:]
        for (k, v) in members { if let v { o[k] = v } }
        return .object(o)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral s: String) { self = .string(s) }
    public init(integerLiteral x: Int) { self = .number(Double(x)) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
}
