/// Where a target stands in time, seen from a period: what a view for that period
/// counts as today's status, and what it shows as history.
public enum TargetTense: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its plan is in force and its horizon is the next one: its verdict is today's.
    case inForce
    /// Its horizon is over (or its plan ended): its verdict is final, a result of the past.
    case past
    /// A later horizon of a plan whose earlier horizon for the same figure is still ahead
    /// (2030 while 2025 is pending): shown on the plan's page, not counted today.
    case later
    /// Its plan is not in force yet.
    case notYet
}

/// The plans' periods of force, and from them the tense of every target at a period.
///
/// In Q3/2026 a target of the 2022 emulation directive is `past` (its verdict, on 2022's
/// figures, is final), a 2025 target of a plan to 2030 is `past` too, and its 2030 target
/// is `inForce`; in 2024 the same 2030 target is `later`, behind the plan's 2025 one.
///
///     let calendar = PlanCalendar(plans: plans, targets: targets)
///     calendar.tense(of: target, during: try Period("2026Q3"))   // .past
public struct PlanCalendar: Sendable {
    private let plans: [String: Plan]
    private let targetsByPlan: [String: [Target]]

    public init(plans: [Plan], targets: [Target]) {
        self.plans = Dictionary(plans.map { ($0.code, $0) }) { a, _ in a }
        targetsByPlan = Dictionary(grouping: targets, by: \.planCode)
    }

    /// The days `plan` is in force: from its start (nil: since before any figure) to its end,
    /// cut short the day before the plan that superseded it starts.
    public func force(of plan: Plan) -> (from: LocalDate?, to: LocalDate) {
        let from = plan.inForceFrom ?? plan.issuedOn
        var to = plan.inForceTo ?? plan.horizon.end
        if let next = plan.supersededBy.flatMap({ plans[$0] }), let start = next.inForceFrom ?? next.issuedOn {
            to = min(to, start.adding(days: -1))
        }
        return (from, to)
    }

    public func tense(of target: Target, during period: Period) -> TargetTense {
        guard let plan = plans[target.planCode] else { return target.horizon.end < period.start ? .past : .inForce }
        let (from, to) = force(of: plan)
        if target.horizon.end < period.start || to < period.start { return .past }
        if let from, from > period.end { return .notYet }
        // Another horizon of the same figure, for the same units, still ahead and sooner.
        let sooner = targetsByPlan[plan.code, default: []].contains { other in
            other.code != target.code && other.indicatorCode == target.indicatorCode && other.unitKinds == target.unitKinds
                && other.horizon.end < target.horizon.end && other.horizon.end >= period.start
        }
        return sooner ? .later : .inForce
    }

    /// The first day a target's figures count: its own start date, else its plan's start.
    public func start(of target: Target) -> LocalDate? {
        target.startDate ?? plans[target.planCode].flatMap { force(of: $0).from }
    }
}
