/// A rule between values of one report, as DHIS2 writes them: left side, operator,
/// right side, and what to do when values are missing.
///
/// ```yaml
/// - code: ky-so-nho-hon-truc-tuyen
///   nameVi: Hồ sơ ký số không vượt quá hồ sơ xử lý trực tuyến
///   left: [cqs_ho_so_cong_viec_ky_so.numerator]
///   operator: "<="
///   right: [cqs_ho_so_cong_viec_truc_tuyen.numerator]
///   missingValueStrategy: skipIfAnyValueMissing
/// ```
/// An operand is an indicator code (its value) or `code.numerator` / `code.denominator`;
/// each side is the sum of its operands, plus `rightConstant` when given.
public struct ValidationRule: Hashable, Sendable, Codable {
    public enum Operator: String, Codable, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .equal: abs(a - b) < 1e-9
            case .notEqual: abs(a - b) >= 1e-9
            case .greater: a > b
            case .greaterOrEqual: a >= b - 1e-9
            case .less: a < b
            case .lessOrEqual: a <= b + 1e-9
            }
        }
    }

    public enum MissingValueStrategy: String, Codable, Sendable, CaseIterable {
        /// Not checked when any operand has no value (DHIS2 SKIP_IF_ANY_VALUE_MISSING).
        case skipIfAnyValueMissing
        /// Not checked when no operand has a value; missing ones count as 0.
        case skipIfAllValuesMissing
        /// Always checked; missing values count as 0.
        case neverSkip
    }

    public var code: String
    public var nameVi: String
    public var left: [String]
    public var `operator`: Operator
    public var right: [String]
    public var rightConstant: Double?
    public var missingValueStrategy: MissingValueStrategy

    public init(code: String, nameVi: String, left: [String], operator: Operator, right: [String], rightConstant: Double? = nil,
                missingValueStrategy: MissingValueStrategy = .skipIfAnyValueMissing) {
        self.code = code
        self.nameVi = nameVi
        self.left = left
        self.operator = `operator`
        self.right = right
        self.rightConstant = rightConstant
        self.missingValueStrategy = missingValueStrategy
    }

    /// The indicator codes the rule reads.
    public var indicators: Set<String> {
        Set((left + right).map { String($0.split(separator: ".").first ?? "") })
    }

    /// Nil when the rule holds or is skipped; otherwise what is wrong, naming both sides' figures.
    public func check(_ values: [DataValue]) -> DomainError? {
        let byCode = Dictionary(values.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
        func operand(_ name: String) -> Double? {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let v = byCode[parts[0]] else { return nil }
            switch parts.count > 1 ? parts[1] : "value" {
            case "numerator": return v.numerator
            case "denominator": return v.denominator
            default: return v.value
            }
        }
        let found = (left + right).map(operand)
        switch missingValueStrategy {
        case .skipIfAnyValueMissing where found.contains(where: { $0 == nil }): return nil
        case .skipIfAllValuesMissing where found.allSatisfy({ $0 == nil }): return nil
        default: break
        }
        let a = left.map { operand($0) ?? 0 }.reduce(0, +)
        let b = right.map { operand($0) ?? 0 }.reduce(0, +) + (rightConstant ?? 0)
        guard !self.operator.holds(a, b) else { return nil }
        return DomainError(
            code: "rule_violated", field: "rules.\(code)",
            vi: "\(nameVi): \(VietnameseNumber.format(a)) \(self.operator.rawValue) \(VietnameseNumber.format(b)) không thỏa.",
            en: "Rule \(code): \(a) \(self.operator.rawValue) \(b) does not hold.")
    }
}
