/// One reported figure: a unit's value of an indicator for a period.
///
/// Percentages that add up as a ratio of sums are stored as numerator and
/// denominator; ``value`` is then derived (numerator ÷ denominator × 100), and
/// nil for 0/0 (nothing to measure, which adds nothing to a sum either).
public struct DataValue: Hashable, Sendable, Codable {
    public var unitCode: String
    public var indicatorCode: String
    public var period: Period
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var comment: String?
    /// Who wrote it (a user name) and when (ISO 8601, UTC).
    public var storedBy: String?
    public var updatedAt: String?

    public init(unitCode: String, indicatorCode: String, period: Period, value: Double? = nil,
                numerator: Double? = nil, denominator: Double? = nil, comment: String? = nil,
                storedBy: String? = nil, updatedAt: String? = nil) {
        self.unitCode = unitCode
        self.indicatorCode = indicatorCode
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.comment = comment
        self.storedBy = storedBy
        self.updatedAt = updatedAt
    }
}

extension Indicator {
    /// Checks a value entered for this indicator and returns it normalised (the
    /// percentage derived from numerator and denominator), or every problem found,
    /// each message opening with the indicator's name (people know it by that, not its code).
    ///
    /// The rules: a fraction indicator needs numerator and denominator, both ≥ 0,
    /// numerator ≤ denominator for a percentage; percentages lie in 0–100; counts
    /// are whole and ≥ 0; amounts and ratios ≥ 0; yes/no is 0 or 1; a rank is a
    /// whole number ≥ 1.
    public func check(_ input: DataValue) -> Result<DataValue, DomainErrors> {
        var problems: [DomainError] = []
        var out = input
        func fail(_ code: String, _ field: String, _ vi: String, _ en: String) {
            problems.append(DomainError(code: code, field: field,
                                        vi: "\(nameVi) – \(vi)", en: "\(nameEn) – \(en)"))
        }
        func finite(_ name: String, _ x: Double?) {
            if let x, !x.isFinite { fail("invalid_number", name, "\(name) không phải là số hữu hạn.", "\(name) is not a finite number.") }
        }
        finite("value", input.value)
        finite("numerator", input.numerator)
        finite("denominator", input.denominator)
        if takesFraction {
            guard let n = input.numerator, let d = input.denominator else {
                if input.numerator == nil { problems.append(DomainError.required("numerator")) }
                if input.denominator == nil { problems.append(DomainError.required("denominator")) }
                return .failure(DomainErrors(problems))
            }
            if n < 0 { fail("negative", "numerator", "Tử số không được âm.", "The numerator must not be negative.") }
            if d < 0 { fail("negative", "denominator", "Mẫu số không được âm.", "The denominator must not be negative.") }
            if valueType == .percentage && n > d {
                fail("numerator_above_denominator", "numerator",
                     "Tử số (\(VietnameseNumber.format(n))) lớn hơn mẫu số (\(VietnameseNumber.format(d))).",
                     "The numerator (\(n)) is greater than the denominator (\(d)).")
            }
            if d == 0 && n != 0 {
                fail("zero_denominator", "denominator", "Mẫu số bằng 0 trong khi tử số khác 0.",
                     "The denominator is 0 while the numerator is not.")
            }
            out.value = d == 0 ? nil : n / d * (valueType == .percentage ? 100 : 1)
            if let v = input.value, let derived = out.value, abs(v - derived) > 0.05 {
                fail("value_mismatch", "value",
                     "Giá trị \(VietnameseNumber.format(v)) không khớp tử số/mẫu số (\(VietnameseNumber.format(derived, decimals: decimals))).",
                     "The value \(v) does not match numerator/denominator (\(derived)).")
            }
        } else {
            guard let v = input.value else { return .failure(DomainErrors([.required("value")])) }
            if input.numerator != nil || input.denominator != nil {
                fail("unexpected_fraction", "numerator", "Chỉ tiêu này nhập một giá trị, không nhập tử số/mẫu số.",
                     "This indicator takes one value, not a numerator and denominator.")
            }
            switch valueType {
            case .percentage where !(0...100).contains(v):
                fail("out_of_range", "value", "Tỷ lệ phải từ 0 đến 100, nhận được \(VietnameseNumber.format(v)).",
                     "A percentage must be between 0 and 100, got \(v).")
            case .count where v < 0 || v != v.rounded():
                fail(v < 0 ? "negative" : "not_whole", "value", "Số lượng phải là số nguyên không âm.",
                     "A count must be a whole number ≥ 0.")
            case .amount where v < 0, .ratio where v < 0:
                fail("negative", "value", "Giá trị không được âm.", "The value must not be negative.")
            case .yesNo where v != 0 && v != 1:
                fail("out_of_range", "value", "Giá trị có/không phải là 1 hoặc 0.", "A yes/no value must be 1 or 0.")
            case .rank where v < 1 || v != v.rounded():
                fail("out_of_range", "value", "Thứ hạng phải là số nguyên từ 1.", "A rank must be a whole number ≥ 1.")
            default: break
            }
        }
        return problems.isEmpty ? .success(out) : .failure(DomainErrors(problems))
    }
}

/// Several problems found at once, so that a form or an import shows all of them.
public struct DomainErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [DomainError]

    public init(_ errors: [DomainError]) {
        self.errors = errors
    }

    /// One problem a line, as the command line prints them.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// An error made of domain problems, one (``DomainError``) or several (``DomainErrors``):
/// what every layer shows as it is. One `catch let e as any DomainProblems` takes both.
public protocol DomainProblems: Error {
    var problems: [DomainError] { get }
}

extension DomainError: DomainProblems {
    public var problems: [DomainError] { [self] }
}

extension DomainErrors: DomainProblems {
    public var problems: [DomainError] { errors }
}
