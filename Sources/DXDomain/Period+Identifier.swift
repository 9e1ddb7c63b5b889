extension Period {
    /// Parses a DHIS2 period identifier (see ``Period``).
    ///
    /// Works on the UTF-8 bytes: every value read from a file or the database goes
    /// through here, and an identifier is only ever ASCII digits and one letter.
    public init(_ id: String) throws(DomainError) {
        let bytes = Array(id.trimmingWhitespace().utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.upperBound <= bytes.count else { return nil }
            var n = 0
            for i in range {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                n = n * 10 + Int(digit)
            }
            return n
        }
        guard bytes.count >= 4, let year = number(0..<4) else { throw .invalidPeriod(id) }
        let rest = bytes.count - 4
        let made: Period? = switch rest == 0 ? nil : bytes[4] {
        case nil: .year(year)
        case UInt8(ascii: "S"): rest == 2 ? number(5..<6).flatMap { .half(year, $0) } : nil
        case UInt8(ascii: "Q"): rest == 2 ? number(5..<6).flatMap { .quarter(year, $0) } : nil
        case UInt8(ascii: "W"): (2...3).contains(rest) ? number(5..<bytes.count).flatMap { .week(year, $0) } : nil
        default:
            switch rest {
            case 2: number(4..<6).flatMap { .month(year, $0) }
            case 4: number(4..<6).flatMap { m in number(6..<8).flatMap { d in LocalDate(year: year, month: m, day: d).map(Period.day) } }
            default: nil
            }
        }
        guard let made else { throw .invalidPeriod(id) }
        self = made
    }

    /// The identifier `text` stands for, when it is one (`" 2025q1"` is not: the
    /// letter is upper-case), else `text` itself, for the checks to refuse by name.
    public static func canonicalID(_ text: String) -> String {
        // Without space around it, an identifier prints back as written, or does not parse at
        // all, except a one-digit week ("2025W5"): then nothing needs parsing here (an import
        // makes hundreds of thousands of inputs; the checks parse each distinct period once).
        let bytes = text.utf8
        if let f = bytes.first, let l = bytes.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80,
           !(bytes.count == 6 && bytes.dropFirst(4).first == UInt8(ascii: "W")) {
            return text
        }
        return (try? Period(text))?.id ?? text
    }

    /// The DHIS2 identifier: `2025`, `2025S1`, `2025Q1`, `202501`, `2025W05`, `20250315`.
    public var id: String {
        switch type {
        case .yearly: pad(year, 4)
        case .sixMonthly: "\(pad(year, 4))S\(index)"
        case .quarterly: "\(pad(year, 4))Q\(index)"
        case .monthly: "\(pad(year, 4))\(pad(index, 2))"
        case .weekly: "\(pad(year, 4))W\(pad(index, 2))"
        case .daily: "\(pad(start.year, 4))\(pad(start.month, 2))\(pad(start.day, 2))"
        }
    }

    /// How a Vietnamese report names the period: "Quý 1/2025", "Tháng 03/2025",
    /// "6 tháng đầu năm 2025", "Tuần 05/2025", "15/03/2025", "Năm 2025".
    public var nameVi: String {
        switch type {
        case .yearly: "Năm \(year)"
        case .sixMonthly: "6 tháng \(index == 1 ? "đầu" : "cuối") năm \(year)"
        case .quarterly: "Quý \(index)/\(year)"
        case .monthly: "Tháng \(pad(index, 2))/\(year)"
        case .weekly: "Tuần \(pad(index, 2))/\(year)"
        case .daily: start.formattedVietnamese
        }
    }

    /// The same in English: "Q1 2025", "March 2025", "H1 2025", "Week 05 2025", "2025".
    public var nameEn: String {
        switch type {
        case .yearly: "\(year)"
        case .sixMonthly: "H\(index) \(year)"
        case .quarterly: "Q\(index) \(year)"
        case .monthly: "\(pad(index, 2))/\(year)"
        case .weekly: "Week \(pad(index, 2)) \(year)"
        case .daily: start.formattedVietnamese
        }
    }
}

extension Period: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Period(text)
        } catch {
            // Keep the coding path, so a file reader can point at the very field.
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.en, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(id)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// The text without the white space at either end (as people type it into a field).
    public func trimmingWhitespace() -> String {
        // Most text has nothing to trim; looking at the two ends' bytes is much cheaper than at Characters.
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
