import Foundation
import SQLKit

/// One value bound to a placeholder, or read from a row.
enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case blob(Data)
    case null
}

/// A Swift value that binds as one ``Cell``; nil binds as NULL.
protocol CellConvertible: Sendable {
    var cell: Cell { get }
}

extension String: CellConvertible { var cell: Cell { .text(self) } }
extension Double: CellConvertible { var cell: Cell { .number(self) } }
extension Int: CellConvertible { var cell: Cell { .integer(self) } }
extension Optional: CellConvertible where Wrapped: CellConvertible {
    var cell: Cell { self?.cell ?? .null }
}

extension Cell {
    /// The cell a bind of SQLKit's builders stands for: text, a number, a flag, bytes, or
    /// nothing, and anything that encodes as one of them (a `RawRepresentable` code).
    init(binding value: any Encodable) throws {
        switch value {
        case let s as String: self = .text(s)
        case let i as Int: self = .integer(i)
        case let x as Double: self = .number(x)
        case let d as Data: self = .blob(d)
        default:
            let encoder = CellEncoder()
            try value.encode(to: encoder)
            guard let cell = encoder.cell else { throw CellError.unbindable("\(type(of: value))") }
            self = cell
        }
    }
}

/// What cannot go into or come out of a cell as asked.
enum CellError: Error, CustomStringConvertible {
    case unbindable(String)
    case mismatch(column: String, holds: String, wanted: String)
    case noColumn(String)

    var description: String {
        switch self {
        case .unbindable(let type): "a \(type) cannot be bound as one SQL value"
        case .mismatch(let column, let holds, let wanted): "column \(column) holds \(holds), not \(wanted)"
        case .noColumn(let column): "the result has no column \(column)"
        }
    }
}

/// Encodes one value that encodes as a single value; anything keyed or nested is refused.
private final class CellEncoder: Encoder, SingleValueEncodingContainer {
    var cell: Cell?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Refused<Key>())
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { Refused<AnyKey>() }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() { cell = .null }
    func encode(_ value: Bool) { cell = .integer(value ? 1 : 0) }
    func encode(_ value: String) { cell = .text(value) }
    func encode(_ value: Double) { cell = .number(value) }
    func encode(_ value: Float) { cell = .number(Double(value)) }
    func encode(_ value: Int) { cell = .integer(value) }
    func encode(_ value: Int8) { cell = .integer(Int(value)) }
    func encode(_ value: Int16) { cell = .integer(Int(value)) }
    func encode(_ value: Int32) { cell = .integer(Int(value)) }
    func encode(_ value: Int64) { cell = .integer(Int(value)) }
    func encode(_ value: UInt8) { cell = .integer(Int(value)) }
    func encode(_ value: UInt16) { cell = .integer(Int(value)) }
    func encode(_ value: UInt32) { cell = .integer(Int(value)) }
    func encode(_ value: UInt) throws { cell = .integer(try Self.exact(value)) }
    func encode(_ value: UInt64) throws { cell = .integer(try Self.exact(value)) }
    func encode<T: Encodable>(_ value: T) throws {
        if let data = value as? Data { cell = .blob(data) } else { try value.encode(to: self) }
    }

    private static func exact(_ value: some BinaryInteger) throws -> Int {
        guard let i = Int(exactly: value) else { throw CellError.unbindable("\(value) (too large)") }
        return i
    }

    /// A keyed or unkeyed container: its first use marks the value as not one cell.
    private struct Refused<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer {
        var codingPath: [any CodingKey] = []
        var count = 0
        func fail() throws -> Never { throw CellError.unbindable("a value with parts") }
        mutating func encodeNil(forKey key: Key) throws { try fail() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try fail() }
        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> { KeyedEncodingContainer(Refused<N>()) }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
        mutating func superEncoder() -> any Encoder { CellEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { CellEncoder() }
        mutating func encodeNil() throws { try fail() }
        mutating func encode<T: Encodable>(_ value: T) throws { try fail() }
        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> { KeyedEncodingContainer(Refused<N>()) }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) { (stringValue, self.intValue) = ("\(intValue)", intValue) }
    }
}
