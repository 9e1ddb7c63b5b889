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

    /// A figure that differs from the version last returned: what a reviewer checks first.
    public struct Change: Sendable, Hashable {
        public var indicator: String
        public var before: DataValue?
        public var after: DataValue?
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

    /// The figures changed since the report was last returned (none if it never was): those
    /// whose value, numerator or denominator differ, added or removed.
    public func changesSinceReturn(_ report: Report) async throws -> [Change] {
        let entity = "report:\(report.form.code)|\(report.unitCode)|\(report.period.id)"
        guard let kept = try await AuditLog.history(of: entity, db).last(where: { $0.action == Self.returnedFigures })?.after,
              let returned = try? JSONDecoder().decode([DataValue].self, from: Data(kept.utf8)) else { return [] }
        let before = Dictionary(returned.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Dictionary(report.values.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
        return report.form.indicators.compactMap { code in
            let (a, b) = (before[code], now[code])
            let same = a?.value == b?.value && a?.numerator == b?.numerator && a?.denominator == b?.denominator
            return same ? nil : Change(indicator: code, before: a, after: b)
        }
    }
}
