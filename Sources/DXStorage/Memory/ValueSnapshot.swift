import DXDomain
import Foundation

/// The in-memory columns written to a file and read back whole, so that a restarted
/// `dxtrack serve` has its values in memory at once instead of reading every stored row
/// again (about a second per million values), then catches up with the writes after the
/// snapshot's version as ``ValueColumns`` always does.
///
/// The file names the data version it holds and what the database looked like then: its
/// schema, and the last write of values up to that version with the hash of its audit entry,
/// which the chain makes stand for every entry before it. A snapshot
/// of another database, of this one before a restore, or of an older schema does not match
/// and is set aside; the values are then read from the database as without a snapshot.
struct ValueSnapshot {
    var version: Int64
    var identity: String
    var table: ValueTable

    /// The file's first bytes: what it is, and the layout below.
    static let magic = Array("dxtrack values snapshot 1\n".utf8)

    /// What the database says of itself at `version`, for a snapshot taken there to be recognised.
    static func identity(at version: Int64, on sql: Session) async throws -> String {
        let write = try await sql.rows("SELECT revision, at FROM value_writes WHERE revision <= ? ORDER BY revision DESC LIMIT 1",
                                       [.integer(Int(version))]).first
        var last = "none"
        if let write {
            let revision = try write.decode(column: "revision", as: Int64.self)
            let entry = try await sql.rows("SELECT hash FROM audit_log WHERE entity = ?", [.text("values:\(revision)")]).first
            last = "\(revision) \(try write.text("at")) \(try entry?.text("hash") ?? "-")"
        }
        return "schema \(try await Migrator.schemaVersion(on: sql)), write \(last)"
    }

    /// The layout: magic, version, identity, the three code lists, the row count, then each
    /// column whole (little-endian, as the machine holds it).
    func encoded() -> Data {
        var out = Data(Self.magic)
        out.reserveCapacity(Self.magic.count + table.count * 36 + 1 << 20)
        func integer<T: FixedWidthInteger>(_ x: T) { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
        func text(_ s: String) { integer(UInt32(s.utf8.count)); out.append(contentsOf: Array(s.utf8)) }
        func codes(_ list: [String]) { integer(UInt32(list.count)); list.forEach(text) }
        func column<T>(_ xs: [T]) { xs.withUnsafeBytes { out.append(contentsOf: $0) } }
        integer(version)
        text(identity)
        codes(table.units)
        codes(table.indicators)
        codes(table.periods.map(\.id))
        integer(UInt64(table.count))
        column(table.unit)
        column(table.indicator)
        column(table.period)
        column(table.value)
        column(table.numerator)
        column(table.denominator)
        return out
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads what ``encoded()`` wrote; throws ``Unreadable`` for anything else, cut short or not.
    init(decoding data: Data) throws {
        var reader = Reader(data: data)
        guard try reader.bytes(Self.magic.count) == Self.magic else { throw Unreadable(description: "not a values snapshot") }
        version = try reader.integer(Int64.self)
        identity = try reader.text()
        let units = try reader.codes(), indicators = try reader.codes()
        let periods = try reader.codes().map { id in
            guard let p = try? Period(id) else { throw Unreadable(description: "period \(id)") }
            return p
        }
        let count = Int(try reader.integer(UInt64.self))
        let unit: [Int32] = try reader.column(count), indicator: [Int32] = try reader.column(count), period: [Int32] = try reader.column(count)
        // Every number must name a code: a snapshot is read once and then trusted by every figure.
        guard unit.allSatisfy({ $0 >= 0 && Int($0) < units.count }), indicator.allSatisfy({ $0 >= 0 && Int($0) < indicators.count }),
              period.allSatisfy({ $0 >= 0 && Int($0) < periods.count }) else { throw Unreadable(description: "a row names no code") }
        let value: [Double] = try reader.column(count), numerator: [Double] = try reader.column(count), denominator: [Double] = try reader.column(count)
        guard reader.isAtEnd else { throw Unreadable(description: "bytes after the columns") }
        table = ValueTable(units: units, indicators: indicators, periods: periods, unit: unit, indicator: indicator, period: period,
                           value: value, numerator: numerator, denominator: denominator)
    }

    init(version: Int64, identity: String, table: ValueTable) {
        (self.version, self.identity, self.table) = (version, identity, table)
    }

    /// Reads the bytes of a snapshot front to back, refusing to run past their end.
    private struct Reader {
        let data: Data
        var at = 0

        var isAtEnd: Bool { at == data.count }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, n <= data.count - at else { throw Unreadable(description: "cut short") }
            defer { at += n }
            return Array(data[data.startIndex + at ..< data.startIndex + at + n])
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let raw = try bytes(MemoryLayout<T>.size)
            return T(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
        }

        mutating func text() throws -> String {
            let n = Int(try integer(UInt32.self))
            guard let s = String(validating: try bytes(n), as: UTF8.self) else { throw Unreadable(description: "a code is not UTF-8") }
            return s
        }

        mutating func codes() throws -> [String] {
            let n = Int(try integer(UInt32.self))
            guard n <= data.count - at else { throw Unreadable(description: "cut short") }
            return try (0..<n).map { _ in try text() }
        }

        mutating func column<T>(_ count: Int) throws -> [T] {
            let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard !size.overflow, size.partialValue <= data.count - at else { throw Unreadable(description: "cut short") }
            let start = data.startIndex + at
            at += size.partialValue
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                data.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start - data.startIndex ..< start - data.startIndex + size.partialValue]))
                }
                initialized = count
            }
        }
    }
}
