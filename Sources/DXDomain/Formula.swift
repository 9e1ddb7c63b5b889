import Foundation

/// An arithmetic expression over indicators, in DHIS2's notation:
/// `#{cqs_a} / #{cqs_b} * 100`, `#{kts_giao_dich}.periodOffset(-4)` (the same
/// quarter a year earlier). Numbers, + − × ÷, parentheses and unary minus.
///
/// ```swift
/// let f = try Formula("#{a} / #{a}.periodOffset(-4)")
/// f.operands                   // [a (offset 0), a (offset -4)]
/// f.evaluate { op in op.offset == 0 ? 70 : 10 }   // 7
/// ```
public struct Formula: Hashable, Sendable {
    public struct Operand: Hashable, Sendable {
        public var indicator: String
        /// Periods back (negative) or forward from the one computed.
        public var offset: Int
    }

    indirect enum Node: Hashable, Sendable {
        case number(Double)
        case operand(Operand)
        case negate(Node)
        case binary(Character, Node, Node)
    }

    public let text: String
    let root: Node

    public init(_ text: String) throws(DomainError) {
        self.text = text
        var p = Parser(Array(text))
        root = try p.expression()
        p.skipSpaces()
        guard p.atEnd else { throw p.fail("Thừa ký tự", "Unexpected characters") }
    }

    /// Every indicator the formula reads, with its offset, in order of appearance.
    public var operands: [Operand] {
        var out: [Operand] = []
        func walk(_ n: Node) {
            switch n {
            case .number: break
            case .operand(let o): if !out.contains(o) { out.append(o) }
            case .negate(let x): walk(x)
            case .binary(_, let a, let b): walk(a); walk(b)
            }
        }
        walk(root)
        return out
    }

    /// The value, or nil when an operand has no value or a division is by zero.
    public func evaluate(_ value: (Operand) -> Double?) -> Double? {
        func eval(_ n: Node) -> Double? {
            switch n {
            case .number(let x): return x
            case .operand(let o): return value(o)
            case .negate(let x): return eval(x).map { -$0 }
            case .binary(let op, let a, let b):
                guard let x = eval(a), let y = eval(b) else { return nil }
                switch op {
                case "+": return x + y
                case "-": return x - y
                case "*": return x * y
                default: return y == 0 ? nil : x / y
                }
            }
        }
        return eval(root).flatMap { $0.isFinite ? $0 : nil }
    }

    /// Recursive descent over the characters, with the position for error messages.
    struct Parser {
        let chars: [Character]
        var i = 0
        init(_ chars: [Character]) { self.chars = chars }

        var atEnd: Bool { i >= chars.count }
        mutating func skipSpaces() { while !atEnd, chars[i].isWhitespace { i += 1 } }

        func fail(_ vi: String, _ en: String) -> DomainError {
            DomainError(code: "invalid_formula", field: "formula",
                        vi: "Công thức \"\(String(chars))\": \(vi) tại vị trí \(i + 1).", en: "Formula \"\(String(chars))\": \(en) at position \(i + 1).")
        }

        mutating func expression() throws(DomainError) -> Node {
            var left = try term()
            while true {
                skipSpaces()
                guard !atEnd, chars[i] == "+" || chars[i] == "-" else { return left }
                let op = chars[i]; i += 1
                left = .binary(op, left, try term())
            }
        }

        mutating func term() throws(DomainError) -> Node {
            var left = try factor()
            while true {
                skipSpaces()
                guard !atEnd, chars[i] == "*" || chars[i] == "/" else { return left }
                let op = chars[i]; i += 1
                left = .binary(op, left, try factor())
            }
        }

        mutating func factor() throws(DomainError) -> Node {
            skipSpaces()
            guard !atEnd else { throw fail("thiếu toán hạng", "an operand is missing") }
            switch chars[i] {
            case "-":
                i += 1
                return .negate(try factor())
            case "(":
                i += 1
                let inner = try expression()
                skipSpaces()
                guard !atEnd, chars[i] == ")" else { throw fail("thiếu dấu )", "missing )") }
                i += 1
                return inner
            case "#":
                return .operand(try operand())
            case let c where c.isNumber:
                let start = i
                while !atEnd, chars[i].isNumber || chars[i] == "." { i += 1 }
                guard let x = Double(String(chars[start..<i])) else { throw fail("số không hợp lệ", "invalid number") }
                return .number(x)
            default:
                throw fail("ký tự không hợp lệ \"\(chars[i])\"", "unexpected \"\(chars[i])\"")
            }
        }

        mutating func operand() throws(DomainError) -> Operand {
            guard i + 1 < chars.count, chars[i + 1] == "{" else { throw fail("cần #{mã chỉ tiêu}", "expected #{indicator code}") }
            i += 2
            let start = i
            while !atEnd, chars[i] != "}" { i += 1 }
            guard !atEnd else { throw fail("thiếu dấu }", "missing }") }
            let code = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
            i += 1
            guard !code.isEmpty, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw fail("mã chỉ tiêu không hợp lệ \"\(code)\"", "invalid indicator code \"\(code)\"")
            }
            var offset = 0
            let suffix = Array(".periodOffset(")
            if i + suffix.count <= chars.count, Array(chars[i..<(i + suffix.count)]) == suffix {
                i += suffix.count
                let s = i
                while !atEnd, chars[i] != ")" { i += 1 }
                guard !atEnd, let n = Int(String(chars[s..<i]).trimmingCharacters(in: .whitespaces)) else {
                    throw fail("periodOffset cần một số nguyên", "periodOffset needs a whole number")
                }
                i += 1
                offset = n
            }
            return Operand(indicator: code, offset: offset)
        }
    }
}
