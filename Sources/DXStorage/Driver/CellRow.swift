import Foundation
import SQLKit

/// A row as ``Session`` reads it: its cells, found by column name. It is also the row
/// SQLKit's builders decode on SQLite (`decode(column:as:)`, `decode(model:)`).
struct CellRow: Sendable {
    /// The column names, shared by every row of a result.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]

        init(_ names: [String]) {
            self.names = names
            index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let columns: Columns
    let cells: [Cell]

    func text(_ column: String) throws -> String {
        guard case .text(let s) = try cell(column) else { throw mismatch(column, "text") }
        return s
    }

    func optionalText(_ column: String) throws -> String? {
        switch try cell(column) {
        case .text(let s): return s
        case .null: return nil
        default: throw mismatch(column, "text")
        }
    }

    func number(_ column: String) throws -> Double? {
        switch try cell(column) {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        case .null: return nil
        case .text, .blob: throw mismatch(column, "a number")
        }
    }

    func cell(_ column: String) throws -> Cell {
        guard let i = columns.index[column] else { throw CellError.noColumn(column) }
        return cells[i]
    }

    private func mismatch(_ column: String, _ expected: String) -> CellError {
        .mismatch(column: column, holds: "\(cells[columns.index[column]!])", wanted: expected)
    }
}

extension CellRow: SQLRow {
    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    func decodeNil(column: String) throws -> Bool { try cell(column) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        try CellDecoder(cell: try cell(column), column: column).decode(D.self)
    }
}

/// Decodes one cell as a single value: what SQLKit's `decode(column:as:)` asks of a row.
/// A whole number stored as a float reads as an `Int` only when it is exactly one.
private struct CellDecoder: Decoder, SingleValueDecodingContainer {
    let cell: Cell
    let column: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw wrong("a value with parts") }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw wrong("a list") }
    func singleValueContainer() -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { cell == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch cell {
        case .integer(let i): return i != 0
        case .text("true"), .text("t"): return true
        case .text("false"), .text("f"): return false
        default: throw wrong("a flag")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .text(let s) = cell else { throw wrong("text") }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch cell {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        default: throw wrong("a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode<T: BinaryInteger & Decodable>(integer type: T.Type) throws -> T {
        let whole: Int? = switch cell {
        case .integer(let i): i
        case .number(let x): Int(exactly: x)
        default: nil
        }
        guard let whole, let value = T(exactly: whole) else { throw wrong("a whole number") }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try decode(integer: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(integer: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(integer: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(integer: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(integer: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(integer: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(integer: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(integer: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(integer: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(integer: type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Data.self || T.self == [UInt8].self {
            guard case .blob(let data) = cell, let bytes = (data as? T) ?? (Array(data) as? T) else { throw wrong("bytes") }
            return bytes
        }
        return try T(from: self)
    }

    private func wrong(_ wanted: String) -> CellError { .mismatch(column: column, holds: "\(cell)", wanted: wanted) }
}
