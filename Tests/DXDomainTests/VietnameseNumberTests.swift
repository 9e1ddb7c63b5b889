@testable import DXDomain
import Testing

@Suite struct VietnameseNumberTests {
    @Test(arguments: [
        (37.8, 1, "37,8"), (58.45, 2, "58,45"), (7776, 0, "7.776"), (1_234_567.891, 2, "1.234.567,89"),
        (0.5, 4, "0,5000"), (100, 1, "100,0"), (-2.5, 1, "-2,5"), (0, 0, "0"), (999.96, 1, "1.000,0"), (-0.01, 1, "0,0"),
    ])
    func formatsWithDecimalCommaAndDotThousands(_ x: Double, _ decimals: Int, _ expected: String) {
        #expect(VietnameseNumber.format(x, decimals: decimals) == expected)
    }

    @Test func formatsWithOnlyTheDecimalsNeeded() {
        #expect(VietnameseNumber.format(37.8) == "37,8")
        #expect(VietnameseNumber.format(1684) == "1.684")
        #expect(VietnameseNumber.percent(37.8) == "37,8%")
        #expect(VietnameseNumber.format(.nan) == "–")
    }

    @Test(arguments: [
        ("37,8", 37.8), ("37,8%", 37.8), ("1.234,5", 1234.5), ("7.776", 7776.0), ("1.234.567", 1_234_567.0),
        ("37.8", 37.8), ("0.125", 0.125), ("0,125", 0.125), (" 58,45 ", 58.45), ("-2,5", -2.5), ("100", 100.0),
        ("1 234,5", 1234.5), (",5", 0.5), ("12.34", 12.34),
    ])
    func parsesWhatPeopleType(_ text: String, _ expected: Double) {
        #expect(VietnameseNumber.parse(text) == expected)
    }

    @Test(arguments: ["", "abc", "1,2,3", "1.2.3", "37,8x", "1.23,4", "--1", "%", "1..2", "1,2.3"])
    func rejectsWhatIsNotANumber(_ text: String) {
        #expect(VietnameseNumber.parse(text) == nil)
    }

    @Test func formatThenParseRoundTrips() {
        for x in stride(from: -5000.0, through: 5000.0, by: 37.3) {
            let text = VietnameseNumber.format(x, decimals: 1)
            #expect(VietnameseNumber.parse(text) == Double(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")))
        }
    }

    /// The shortcut for plain numbers ("37,8", "-1200") reads what the general path reads,
    /// and leaves everything else to it.
    @Test func plainNumbersReadTheSameByTheShortcut() {
        var rng = SplitMix64(seed: 77)
        let alphabet = Array("0123456789,-.% ")
        var taken = 0
        for _ in 0..<50_000 {
            let text = String((0..<Int.random(in: 1...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            guard let fast = VietnameseNumber.plainDecimal(text) else { continue }
            taken += 1
            let general = VietnameseNumber.readGenerally(text)
            #expect(general.map { $0 == fast && $0.sign == fast.sign } == true, "\(text): \(fast) vs \(String(describing: general))")
        }
        #expect(taken > 1_000)
    }
}
