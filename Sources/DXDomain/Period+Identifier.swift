extension Period {
    /// Parses a DHIS2 period identifier (see ``Period``).
    public init(_ id: String) throws(DomainError) {
        let text = id.trimmingWhitespace()
        let chars = Array(text)
        guard chars.count >= 4, let year = Int(String(chars[0..<4])), chars[0..<4].allSatisfy(\.isASCIIDigit)
        else { throw .invalidPeriod(id) }
        let rest = String(chars[4...])
        let made: Period?
        switch rest.first {
        case nil:
            made = .year(year)
        case "S":
            made = Self.number(rest.dropFirst(), digits: 1...1).flatMap { .half(year, $0) }
        case "Q":
            made = Self.number(rest.dropFirst(), digits: 1...1).flatMap { .quarter(year, $0) }
        case "W":
            made = Self.number(rest.dropFirst(), digits: 1...2).flatMap { .week(year, $0) }
        default:
            switch rest.count {
            case 2: made = Self.number(Substring(rest), digits: 2...2).flatMap { .month(year, $0) }
            case 4:
                made = Self.number(rest.prefix(2), digits: 2...2).flatMap { m in
                    Self.number(rest.suffix(2), digits: 2...2).flatMap { d in
                        LocalDate(year: year, month: m, day: d).map(Period.day)
                    }
                }
            default: made = nil
            }
        }
        guard let made else { throw .invalidPeriod(id) }
        self = made
    }

    private static func number(_ s: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(s.count), s.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(s)
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
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
