import DXDomain

/// How `value_writes` records the values of a write: one line per value, fields
/// separated by tabs — unit, indicator, period, value, numerator, denominator, comment,
/// and for a replaced value the revision of the write that had stored it. A missing
/// figure is an empty field; so is a unit or an indicator that is the same as in the line
/// above (a ditto mark: a write's values come unit by unit, indicator by indicator, and the
/// record is a third smaller for it). A comment's backslashes, tabs and line breaks are
/// escaped (`\\`, `\t`, `\n`, `\r`). Plain text, so that a person can read a write in any SQL tool.
enum ChangeSet {
    /// `periodIDs` spares spelling out the same few periods for every value.
    static func text(_ values: [StoredValue], periodIDs: [Period: String] = [:]) -> String {
        text(values.map(\.value), revisions: values.map(\.revision), periodIDs: periodIDs)
    }

    /// The lines of values a write stores (`revisions` nil) or replaces (with each one's revision).
    static func text(_ values: [DataValue], revisions: [Int64?]? = nil, periodIDs: [Period: String] = [:]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 40)
        var unit = "", indicator = ""
        for (n, v) in values.enumerated() {
            if v.unitCode != unit {
                unit = v.unitCode
                out += unit.utf8
            }
            out.append(tab)
            if v.indicatorCode != indicator {
                indicator = v.indicatorCode
                out += indicator.utf8
            }
            out.append(tab)
            out += (periodIDs[v.period] ?? v.period.id).utf8
            out.append(tab)
            if let x = v.value { append(x, to: &out) }
            out.append(tab)
            if let x = v.numerator { append(x, to: &out) }
            out.append(tab)
            if let x = v.denominator { append(x, to: &out) }
            out.append(tab)
            for byte in v.comment?.utf8 ?? "".utf8 {
                switch byte {
                case UInt8(ascii: "\\"): out += [backslash, backslash]
                case tab: out += [backslash, UInt8(ascii: "t")]
                case newline: out += [backslash, UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [backslash, UInt8(ascii: "r")]
                default: out.append(byte)
                }
            }
            out.append(tab)
            if let revision = revisions?[n] ?? nil { out += String(revision).utf8 }
            out.append(newline)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The values `text` records, in order; nil if a line is not as ``text(_:)`` writes it.
    static func values(_ text: String) -> [StoredValue]? {
        var out: [StoredValue] = []
        var unit = "", indicator = ""
        for line in text.utf8.split(separator: newline) {
            let fields = line.split(separator: tab, omittingEmptySubsequences: false).map { Substring($0) }
            guard fields.count == 8, let period = try? Period(String(fields[2])) else { return nil }
            if !fields[0].isEmpty { unit = String(fields[0]) }
            if !fields[1].isEmpty { indicator = String(fields[1]) }
            guard !unit.isEmpty, !indicator.isEmpty else { return nil }
            func figure(_ f: Substring) -> Double?? { f.isEmpty ? .some(nil) : Double(f).map { .some($0) } }
            guard let value = figure(fields[3]), let numerator = figure(fields[4]), let denominator = figure(fields[5]) else { return nil }
            let revision = fields[7].isEmpty ? nil : Int64(fields[7])
            out.append((DataValue(unitCode: unit, indicatorCode: indicator, period: period, value: value,
                                  numerator: numerator, denominator: denominator, comment: fields[6].isEmpty ? nil : unescape(fields[6])),
                        revision))
        }
        return out
    }

    /// What the audit entry of a write says: its revision, how many values it wrote, and the
    /// SHA-256 of the two lists as stored.
    static func summary(revision: Int64, written: String, replaced: String, count: Int) -> String {
        #"{"replaced":"\#(replaced)","revision":\#(revision),"values":\#(count),"written":"\#(written)"}"#
    }

    /// `12.5`, `1000` (never `1000.0`), `1e+16`: the shortest form that reads back the same.
    static func number(_ x: Double) -> String {
        let text = x.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `number(x)`'s bytes; whole numbers, most figures, without building a String.
    static func append(_ x: Double, to out: inout [UInt8]) {
        guard x.rounded(.towardZero) == x, abs(x) < 1e15, !(x == 0 && x.sign == .minus) else {
            out += number(x).utf8
            return
        }
        var n = Int64(x)
        if n < 0 { out.append(UInt8(ascii: "-")); n = -n }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    private static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = "", escaped = false
        for c in s {
            if escaped {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c == "r" ? "\r" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\")
}
