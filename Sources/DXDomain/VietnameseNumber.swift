/// Numbers as Vietnamese readers write them: decimal comma, dot between
/// thousands ("1.234,5", "37,8%").
public enum VietnameseNumber {
    /// Formats with exactly `decimals` decimals when given; otherwise with as many
    /// as needed, up to 6.
    ///
    /// ```swift
    /// VietnameseNumber.format(37.8, decimals: 1)   // "37,8"
    /// VietnameseNumber.format(7776)                // "7.776"
    /// ```
    public static func format(_ x: Double, decimals: Int? = nil) -> String {
        guard x.isFinite else { return "–" }
        let places = decimals ?? 6
        var scaled = (abs(x) * pow10(places)).rounded()
        var digits: [Character] = []
        repeat {
            let d = Int(scaled.truncatingRemainder(dividingBy: 10))
            digits.append(Character(String(d)))
            scaled = (scaled / 10).rounded(.towardZero)
        } while scaled > 0 || digits.count <= places
        let all = String(digits.reversed())
        let intPart = all.dropLast(places)
        var frac = places > 0 ? String(all.suffix(places)) : ""
        if decimals == nil { while frac.last == "0" { frac.removeLast() } }
        var grouped = ""
        for (i, c) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(c)
        }
        let isZero = grouped.allSatisfy { $0 == "0" || $0 == "." } && frac.allSatisfy { $0 == "0" }
        return (x < 0 && !isZero ? "-" : "") + grouped + (frac.isEmpty ? "" : "," + frac)
    }

    /// A number with a decimal comma and no thousands separator, in as few digits as
    /// read back to the same number: 37.8 → "37,8", 7776 → "7776". What a spreadsheet
    /// cell holds, as text that `parse` reads back exactly.
    public static func plain(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let shortest = "\(x)"
        guard let e = shortest.firstIndex(of: "e") else { return shortest.replacingAll(".", with: ",") }
        // "1.3149e-11": move the point by the exponent rather than round to a few decimals.
        var mantissa = String(shortest[..<e])
        let exponent = Int(shortest[shortest.index(after: e)...]) ?? 0
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        var digits = mantissa.filter { $0 != "." }
        while digits.count > 1 && digits.last == "0" && point < digits.count { digits.removeLast() }
        let text: String
        if point <= 0 { text = "0," + String(repeating: "0", count: -point) + digits }
        else if point >= digits.count { text = digits + String(repeating: "0", count: point - digits.count) }
        else { text = digits.prefix(point) + "," + digits.dropFirst(point) }
        return (negative ? "-" : "") + text
    }

    /// A percentage for people: "37,8%".
    public static func percent(_ x: Double, decimals: Int = 1) -> String { format(x, decimals: decimals) + "%" }

    /// Reads a number as people type it. A comma is the decimal mark and dots
    /// group thousands ("1.234,5"). Without a comma, dots that group digits in
    /// threes are thousands ("7.776" is 7776); any other single dot is a decimal
    /// point ("37.8", as spreadsheets export it). Spaces and a trailing "%" are ignored.
    public static func parse(_ text: String) -> Double? {
        plainDecimal(text) ?? readGenerally(text)
    }

    static func readGenerally(_ text: String) -> Double? {
        var s = text.trimmingWhitespace().replacingAll(" ", with: "").replacingAll("\u{00A0}", with: "")
        if s.hasSuffix("%") { s.removeLast() }
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.first == "-" || s.first == "−" { negative = true; s.removeFirst() }
        else if s.first == "+" { s.removeFirst() }
        let commas = s.filter { $0 == "," }.count
        let intPart: Substring, fracPart: Substring
        if commas == 1 {
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard isGrouped(parts[0], by: ".") else { return nil }
            intPart = parts[0]; fracPart = parts[1]
        } else if commas > 1 {
            return nil
        } else if isGrouped(Substring(s), by: "."), s.contains(".") {
            intPart = Substring(s); fracPart = ""
        } else {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return nil }
            intPart = parts[0]; fracPart = parts.count == 2 ? parts[1] : ""
        }
        let digits = intPart.filter { $0 != "." }
        guard !(digits.isEmpty && fracPart.isEmpty),
              digits.allSatisfy(\.isASCIIDigit), fracPart.allSatisfy(\.isASCIIDigit),
              let value = Double((digits.isEmpty ? "0" : digits) + (fracPart.isEmpty ? "" : "." + fracPart))
        else { return nil }
        return negative ? -value : value
    }

    /// What files hold nearly always, read without the general path's string work:
    /// "-"?, digits, and optionally a comma and more digits ("37,8", "1200"). Any other
    /// form returns nil and goes the general way, which reads these the same (tested).
    static func plainDecimal(_ text: String) -> Double? {
        var digitsBefore = 0, digitsAfter = 0, comma = false
        for (i, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): if comma { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: ",") where !comma && digitsBefore > 0: comma = true
            default: return nil
            }
        }
        guard digitsBefore > 0, !comma || digitsAfter > 0 else { return nil }
        return comma ? Double(text.replacingAll(",", with: ".")) : Double(text)
    }

    /// "1.234.567" (and "12" without separators) are groups of three after the first.
    private static func isGrouped(_ s: Substring, by sep: Character) -> Bool {
        let groups = s.split(separator: sep, omittingEmptySubsequences: false)
        guard let first = groups.first else { return false }
        if groups.count == 1 { return true }
        guard (1...3).contains(first.count), first.first != "0" else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
