/// A report form (biểu mẫu): which indicators, how often, who must report, by
/// when, and how long entry stays open. Obligations follow from it: every active
/// unit of the listed kinds owes the form for every period.
public struct ReportForm: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var periodType: PeriodType
    public var unitKinds: [OrgUnitKind]
    public var indicators: [String]
    public var deadline: DeadlineRule
    /// Days after the deadline when entry locks for late reporters (nil: never).
    public var lockDaysAfterDeadline: Int?
    /// How many future periods are open (for entering plans and targets).
    public var openFuturePeriods: Int
    /// Who signs a report off, in order (empty: once, by any approver above the unit).
    public var approvalLevels: [ApprovalLevel]
    /// Whether submitting and approving need the person's digital signature certificate.
    public var signatureRequired: Bool
    /// When reporters are reminded of the deadline (``Reminders/standard`` unless the catalog says).
    public var reminders: Reminders

    public init(code: String, nameVi: String, periodType: PeriodType, unitKinds: [OrgUnitKind], indicators: [String],
                deadline: DeadlineRule, lockDaysAfterDeadline: Int? = nil, openFuturePeriods: Int = 0,
                approvalLevels: [ApprovalLevel] = [], signatureRequired: Bool = false, reminders: Reminders = .standard) {
        self.code = code
        self.nameVi = nameVi
        self.periodType = periodType
        self.unitKinds = unitKinds
        self.indicators = indicators
        self.deadline = deadline
        self.lockDaysAfterDeadline = lockDaysAfterDeadline
        self.openFuturePeriods = openFuturePeriods
        self.approvalLevels = approvalLevels
        self.signatureRequired = signatureRequired
        self.reminders = reminders
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(String.self, forKey: .code), nameVi: try c.decode(String.self, forKey: .nameVi),
                  periodType: try c.decode(PeriodType.self, forKey: .periodType),
                  unitKinds: try c.decode([OrgUnitKind].self, forKey: .unitKinds),
                  indicators: try c.decode([String].self, forKey: .indicators),
                  deadline: try c.decode(DeadlineRule.self, forKey: .deadline),
                  lockDaysAfterDeadline: try c.decodeIfPresent(Int.self, forKey: .lockDaysAfterDeadline),
                  openFuturePeriods: try c.decodeIfPresent(Int.self, forKey: .openFuturePeriods) ?? 0,
                  approvalLevels: try c.decodeIfPresent([ApprovalLevel].self, forKey: .approvalLevels) ?? [],
                  signatureRequired: try c.decodeIfPresent(Bool.self, forKey: .signatureRequired) ?? false,
                  reminders: try c.decodeIfPresent(Reminders.self, forKey: .reminders) ?? .standard)
    }

    /// The levels that apply to a unit whose ancestry (the unit first, up to the root)
    /// is given: a level naming a kind of unit the unit has no ancestor of is skipped,
    /// so a commune under a district is approved by the district and then the
    /// province, and after the districts' abolition in 2025 by the province alone.
    public func approvalLevels(forUnitWithAncestry ancestry: [OrgUnit]) -> [ApprovalLevel] {
        approvalLevels.filter { level in ancestry.dropFirst().contains { $0.kind == level.approverKind } }
    }

    /// Whether `unit` owes this form for `period`.
    public func isOwed(by unit: OrgUnit, for period: Period) -> Bool {
        period.type == periodType && unitKinds.contains(unit.kind) && unit.isActive(during: period)
    }

    /// Whether values for `period` may be entered on `today` (not too early, not locked by lateness).
    public func isOpen(_ period: Period, today: LocalDate, calendar: WorkingCalendar = WorkingCalendar()) -> Bool {
        let current = Period(type: periodType, containing: today)
        if period > current.advanced(by: openFuturePeriods) { return false }
        guard let lock = lockDaysAfterDeadline else { return true }
        return today <= deadline.deadline(for: period, calendar: calendar).adding(days: lock)
    }
}

/// One level of sign-off: approvers working at the reporting unit's nearest
/// ancestor of a kind (its district, its province).
public struct ApprovalLevel: Hashable, Sendable, Codable {
    public var approverKind: OrgUnitKind
    public var nameVi: String

    public init(approverKind: OrgUnitKind, nameVi: String) {
        self.approverKind = approverKind
        self.nameVi = nameVi
    }

    /// The unit whose approvers sign this level off, for a unit with this ancestry.
    public func approverUnit(forUnitWithAncestry ancestry: [OrgUnit]) -> String? {
        ancestry.dropFirst().first { $0.kind == approverKind }?.code
    }
}
