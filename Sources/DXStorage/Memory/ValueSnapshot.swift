import DXDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// column whole (little-endian, as the machine holds it), handed to `sink` piece by piece.
    func write(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        // Everything before the columns is small (the codes): gathered first.
        var head = Self.magic
        func integer<T: FixedWidthInteger>(_ x: T) { withUnsafeBytes(of: x.littleEndian) { head.append(contentsOf: $0) } }
        func text(_ s: String) { integer(UInt32(s.utf8.count)); head.append(contentsOf: s.utf8) }
        func codes(_ list: [String]) { integer(UInt32(list.count)); list.forEach(text) }
        integer(version)
        text(identity)
        codes(table.units)
        codes(table.indicators)
        codes(table.periods.map(\.id))
        integer(UInt64(table.count))
        try head.withUnsafeBytes(sink)
        try table.unit.withUnsafeBytes(sink)
        try table.indicator.withUnsafeBytes(sink)
        try table.period.withUnsafeBytes(sink)
        try table.value.withUnsafeBytes(sink)
        try table.numerator.withUnsafeBytes(sink)
        try table.denominator.withUnsafeBytes(sink)
    }

    /// The whole file in memory (for tests: the server writes it straight to disk, ``write(toFile:)``).
    func encoded() -> Data {
        var out = Data()
        write { out.append(contentsOf: $0) }
        return out
    }

    /// Writes the file at `path`, its owner's alone as the database is, and flushed to disk.
    /// Column by column from the table: hundreds of megabytes at a national size, never a second copy in memory.
    func write(toFile path: String) throws {
        // A file left by a write cut short is replaced, so that it is created with this mode.
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw Unwritable(description: "\(path): cannot be written (errno \(errno))") }
        defer { close(fd) }
        try write { bytes in
            var rest = bytes
            while !rest.isEmpty {
                let n = Glibc.write(fd, rest.baseAddress!, rest.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw Unwritable(description: "\(path): write failed (errno \(errno))") }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
        guard fsync(fd) == 0 else { throw Unwritable(description: "\(path): not flushed (errno \(errno))") }
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    struct Unwritable: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads what ``write(to:)`` wrote; throws ``Unreadable`` for anything else, cut short or not.
    init(decoding data: Data) throws {
        try self.init(reading: DataBytes(data: data))
    }

    /// Reads the file at `path` straight into the columns, without holding the file in memory beside them.
    init(contentsOfFile path: String) throws {
        try self.init(reading: try FileBytes(path: path))
    }

    private init(reading source: some SnapshotBytes) throws {
        var reader = Reader(source)
        guard try reader.bytes(Self.magic.count) == Self.magic else { throw Unreadable(description: "not a values snapshot") }
        version = try reader.integer(Int64.self)
        identity = try reader.text()
        let units = try reader.codes(), indicators = try reader.codes()
        let periods = try reader.codes().map { id in
            guard let p = try? Period(id) else { throw Unreadable(description: "period \(id)") }
            return p
        }
        guard let count = Int(exactly: try reader.integer(UInt64.self)) else { throw Unreadable(description: "cut short") }
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
    private struct Reader<Bytes: SnapshotBytes> {
        let source: Bytes
        var at = 0

        init(_ source: Bytes) { self.source = source }

        var isAtEnd: Bool { at == source.count }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            try ensure(n)
            return try [UInt8](unsafeUninitializedCapacity: n) { buffer, initialized in
                try fill(UnsafeMutableRawBufferPointer(buffer), size: n)
                initialized = n
            }
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
            guard n <= source.count - at else { throw Unreadable(description: "cut short") }
            return try (0..<n).map { _ in try text() }
        }

        mutating func column<T>(_ count: Int) throws -> [T] {
            let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard !size.overflow else { throw Unreadable(description: "cut short") }
            try ensure(size.partialValue)
            return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                try fill(UnsafeMutableRawBufferPointer(buffer), size: size.partialValue)
                initialized = count
            }
        }

        /// Throws unless `size` more bytes are there: checked before anything is allocated for
        /// them, as a garbled count could ask for terabytes.
        private func ensure(_ size: Int) throws {
            guard size >= 0, size <= source.count - at else { throw Unreadable(description: "cut short") }
        }

        /// The next `size` bytes into `buffer`, which holds that many.
        private mutating func fill(_ buffer: UnsafeMutableRawBufferPointer, size: Int) throws {
            try ensure(size)
            try source.read(at: at, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<size]))
            at += size
        }
    }
}

/// Where a snapshot's bytes are read from: memory (tests), or the file itself.
protocol SnapshotBytes {
    var count: Int { get }
    /// Copies the bytes from `offset` into `buffer`, filling it; `offset + buffer.count ≤ count`.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws
}

private struct DataBytes: SnapshotBytes {
    let data: Data
    var count: Int { data.count }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        data.withUnsafeBytes { raw in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + buffer.count)])) }
    }
}

/// An open snapshot file, read with `pread` straight into the columns; closed when the reader is done.
private final class FileBytes: SnapshotBytes {
    let fd: Int32, count: Int

    init(path: String) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ValueSnapshot.Unreadable(description: "\(path): cannot be read (errno \(errno))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw ValueSnapshot.Unreadable(description: "\(path): no size (errno \(errno))")
        }
        count = Int(info.st_size)
    }

    deinit { close(fd) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ValueSnapshot.Unreadable(description: "cut short (errno \(errno))") }
            done += n
        }
    }
}
