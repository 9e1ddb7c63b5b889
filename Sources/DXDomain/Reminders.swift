/// When a form's reporters are reminded of a deadline (đôn đốc), as a catalog sets it per
/// form: some days before the deadline, and some days after it for a report still owed.
///
/// ```yaml
/// reminders: {before: [7, 2], after: [1]}
/// ```
///
/// Each reminder is due from its own day until the next one's, so a reminder a run
/// missed (the server was down that morning) still goes once, with the days it then
/// has left, and never one already overtaken by the next. The last stays due for a
/// week, so that a deployment started long after a deadline does not urge ancient reports.
public struct Reminders: Hashable, Sendable, Codable {
    /// Days before the deadline, e.g. `[7, 2]`.
    public var before: [Int]
    /// Days after the deadline, for reports still not in, e.g. `[1]`.
    public var after: [Int]

    public init(before: [Int], after: [Int]) {
        self.before = before
        self.after = after
    }

    /// Either list may be left out: `{after: [1]}` reminds only once overdue.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(before: try c.decodeIfPresent([Int].self, forKey: .before) ?? [], after: try c.decodeIfPresent([Int].self, forKey: .after) ?? [])
    }

    /// A week and two days before, and the day after.
    public static let standard = Reminders(before: [7, 2], after: [1])
    public static let none = Reminders(before: [], after: [])

    /// How long the last reminder stays due.
    static let lastStaysDue = 7

    /// One reminder of a report: which of the form's, and how far from the deadline it is sent.
    public struct Step: Hashable, Sendable {
        /// Days from the deadline to the reminder's own day: -7 is a week before, 1 the day after.
        public let offset: Int
        /// Days from today to the deadline (negative once it has passed).
        public let daysLeft: Int

        public init(offset: Int, daysLeft: Int) {
            self.offset = offset
            self.daysLeft = daysLeft
        }

        public var isOverdue: Bool { offset > 0 }
        /// Stable across runs: one reminder per report and step.
        public var key: String { isOverdue ? "after\(offset)" : "before\(-offset)" }
    }

    /// The reminder due `today` for a report whose deadline is `deadline`, if any.
    public func step(deadline: LocalDate, today: LocalDate) -> Step? {
        let offsets = (before.map { -$0 } + after).sorted()
        let now = deadline.days(until: today)
        guard let index = offsets.lastIndex(where: { $0 <= now }) else { return nil }
        let until = index + 1 < offsets.count ? offsets[index + 1] : offsets[index] + Self.lastStaysDue
        guard now < until else { return nil }
        return Step(offset: offsets[index], daysLeft: -now)
    }

    /// The problem with a catalog's reminders, if any: days are whole and positive.
    public func check(form: String) -> DomainError? {
        guard (before + after).contains(where: { $0 < 1 || $0 > 366 }) else { return nil }
        return DomainError(code: "invalid_reminders", field: "reminders",
                           vi: "Biểu mẫu \(form): ngày nhắc phải là số ngày từ 1 đến 366 trước hoặc sau hạn.",
                           en: "Form \(form): reminder days must be whole days from 1 to 366 before or after the deadline.")
    }
}
