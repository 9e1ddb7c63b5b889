import DXDomain

extension Submissions {
    /// One step a report went through, as its history lists it.
    public struct Step: Sendable, Hashable {
        public var action: SubmissionAction
        /// The person, by the name they go by (their account's display name).
        public var by: String
        /// ISO 8601, UTC.
        public var at: String
        public var reason: String?
    }

    /// Every step of a report (submitted, returned with its reason, approved, reopened),
    /// oldest first, read from the audit trail, where each step is written in the step's
    /// own transaction, so the history cannot miss one or hold one that did not happen.
    public func steps(form formCode: String, unit: String, period: Period) async throws -> [Step] {
        let entries = try await AuditLog.history(of: "report:\(formCode)|\(Code.canonical(unit))|\(period.id)", db)
        let names = try await db.read { sql in
            Dictionary(try await AccountStore(sql: sql).all().map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        }
        return entries.compactMap { entry in
            guard entry.action.hasPrefix("report."), let action = SubmissionAction(rawValue: String(entry.action.dropFirst(7))),
                  action != .save else { return nil }
            return Step(action: action, by: names[entry.actor] ?? entry.actor, at: entry.at, reason: entry.reason)
        }
    }
}
