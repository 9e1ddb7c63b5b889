import DXDomain
import Foundation

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

    /// A figure that differs from the version last returned: what a reviewer checks first.
    public struct Change: Sendable, Hashable {
        public var indicator: String
        public var before: DataValue?
        public var after: DataValue?
    }

    /// A report's story, as its page tells it.
    public struct History: Sendable {
        /// Every step (submitted, returned with its reason, approved, reopened), oldest first.
        public var steps: [Step]
        /// The figures changed since the report was last returned (none if it never was).
        public var changes: [Change]
    }

    /// The name a report goes by in the audit trail.
    static func auditEntity(form: String, unit: String, period: Period) -> String {
        "report:\(form)|\(Code.canonical(unit))|\(period.id)"
    }

    /// Not a `report.` step: the audit replay reads those as the report's status.
    static let returnedFigures = "figures.returned"

    /// The figures as the audit trail keeps them: each indicator's value, numerator, denominator.
    static func figures(_ values: [DataValue]) throws -> String {
        let kept = values.sorted { $0.indicatorCode < $1.indicatorCode }
            .map { DataValue(unitCode: $0.unitCode, indicatorCode: $0.indicatorCode, period: $0.period, value: $0.value, numerator: $0.numerator, denominator: $0.denominator) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(kept), as: UTF8.self)
    }

    /// The report's steps and what changed since it was returned, from one read of the audit
    /// trail, where each step is written in the step's own transaction: the history cannot miss
    /// a step or hold one that did not happen.
    public func history(of report: Report) async throws -> History {
        let entries = try await AuditLog.history(of: Self.auditEntity(form: report.form.code, unit: report.unitCode, period: report.period), db)
        let steps = entries.compactMap { entry -> (AuditEntry, SubmissionAction)? in
            guard entry.action.hasPrefix("report."), let action = SubmissionAction(rawValue: String(entry.action.dropFirst(7))),
                  action != .save else { return nil }
            return (entry, action)
        }
        let names = try await db.read { sql in
            var names: [String: String] = [:]
            for actor in Set(steps.map(\.0.actor)) { names[actor] = try await AccountStore(sql: sql).find(actor)?.displayName }
            return names
        }
        let returned = entries.last { $0.action == Self.returnedFigures }?.after
            .flatMap { try? JSONDecoder().decode([DataValue].self, from: Data($0.utf8)) }
        return History(steps: steps.map { entry, action in Step(action: action, by: names[entry.actor] ?? entry.actor, at: entry.at, reason: entry.reason) },
                       changes: returned.map { Self.changes(from: $0, to: report) } ?? [])
    }

    /// The figures whose value, numerator or denominator differ, added or removed.
    static func changes(from returned: [DataValue], to report: Report) -> [Change] {
        let before = Dictionary(returned.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Dictionary(report.values.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
        return report.form.indicators.compactMap { code in
            let (a, b) = (before[code], now[code])
            let same = a?.value == b?.value && a?.numerator == b?.numerator && a?.denominator == b?.denominator
            return same ? nil : Change(indicator: code, before: a, after: b)
        }
    }
}
