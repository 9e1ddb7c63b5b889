/// How many targets stand where: the headline of a dashboard and of a report. Counted
/// from the same list the page then shows, so the headline and the list cannot disagree.
public struct StatusCounts: Sendable, Equatable {
    private var counts: [ProgressStatus: Int] = [:]

    public init(_ statuses: some Sequence<ProgressStatus>) {
        for s in statuses { counts[s, default: 0] += 1 }
    }

    public subscript(_ status: ProgressStatus) -> Int { counts[status] ?? 0 }
    public var total: Int { counts.values.reduce(0, +) }
}

/// The final verdicts of one horizon of a plan that is over, told as a result rather than
/// as today's status: "Kết quả năm 2022: đạt 18/32".
public struct PastResult: Sendable, Equatable {
    public var planCode: String
    public var horizon: Period
    public var counts: StatusCounts

    /// One result per plan and horizon, the latest first.
    public static func of(_ verdicts: [(target: Target, status: ProgressStatus)]) -> [PastResult] {
        let groups = Dictionary(grouping: verdicts) { "\($0.target.planCode)|\($0.target.horizon.id)" }
        return groups.values.map { group in
            PastResult(planCode: group[0].target.planCode, horizon: group[0].target.horizon, counts: StatusCounts(group.map(\.status)))
        }
        .sorted { ($0.horizon, $1.planCode) > ($1.horizon, $0.planCode) }
    }

    /// "Kết quả năm 2022: đạt 18/32".
    public var summaryVi: String { "Kết quả \(horizon.nameVi.lowercased()): đạt \(counts[.met])/\(counts.total)" }
    public var summaryEn: String { "Result for \(horizon.id): \(counts[.met]) of \(counts.total) met" }
}
