/// Who may do what, where. Every permission is scoped to an org-unit subtree:
/// a commune's reporter reads and writes only that commune; a province's
/// coordinator everything in the province.
///
/// ```swift
/// let reporter = Principal(username: "an", role: .reporter, unitCode: "05983")
/// Access.allows(reporter, .writeValues, onUnitWithAncestry: ["05983", "20"]) // true
/// Access.allows(reporter, .writeValues, onUnitWithAncestry: ["05977", "20"]) // false
/// ```
public enum Role: String, CaseIterable, Codable, Sendable {
    /// System administrator: everything, everywhere, including accounts.
    case admin
    /// Provincial coordinator (Sở TT&TT / Sở KH&CN): reads, writes, approves, reopens
    /// and manages the catalog and accounts in their subtree.
    case coordinator
    /// Enters and submits their unit's figures.
    case reporter
    /// Reads and approves reports below them.
    case approver
    /// Reads everything in their subtree (lãnh đạo).
    case leader

    public var nameVi: String {
        switch self {
        case .admin: "Quản trị hệ thống"
        case .coordinator: "Điều phối cấp tỉnh"
        case .reporter: "Người báo cáo"
        case .approver: "Người phê duyệt"
        case .leader: "Lãnh đạo"
        }
    }
}

/// An authenticated user, as far as access rules care.
public struct Principal: Hashable, Sendable {
    public var username: String
    public var role: Role
    /// The root of the user's subtree; nil only for administrators (everywhere).
    public var unitCode: String?
    /// An API token may narrow what its user can do to reading.
    public var readOnly: Bool

    /// The root of the subtree this person works in; nil for administrators (everything).
    public var scope: String? { role == .admin ? nil : unitCode }

    public init(username: String, role: Role, unitCode: String?, readOnly: Bool = false) {
        self.username = username
        self.role = role
        self.unitCode = unitCode
        self.readOnly = readOnly
    }
}

public enum Action: String, CaseIterable, Sendable {
    /// Org units, indicators, periods, plans: public.
    case readCatalog
    /// Reported values, drafts included.
    case readValues
    case writeValues
    case approve
    case manageCatalog
    case manageUsers
    /// Reopening an approved report.
    case reopen
    /// Scoring units in an emulation campaign for the appraisal council (điểm thẩm định).
    case appraise
    /// Drafting, signing and sending the standing agency's quarterly report to the People's Committee.
    case reportToCommittee
    /// Reminding the units overdue on a form, by hand (đôn đốc).
    case urge

    var writes: Bool { self != .readCatalog && self != .readValues }
}

public enum Access {
    /// The actions each role may take inside its subtree.
    public static let grants: [Role: Set<Action>] = [
        .admin: Set(Action.allCases),
        .coordinator: [.readCatalog, .readValues, .writeValues, .approve, .manageCatalog, .manageUsers, .reopen, .appraise, .reportToCommittee, .urge],
        .reporter: [.readCatalog, .readValues, .writeValues],
        .approver: [.readCatalog, .readValues, .approve],
        .leader: [.readCatalog, .readValues],
    ]

    /// Whether `principal` (nil: the public) may take `action` on a unit whose
    /// ancestry (the unit's code first, then its parent's, up to the root) is given.
    /// Pass an empty ancestry for actions not tied to a unit.
    public static func allows(_ principal: Principal?, _ action: Action, onUnitWithAncestry ancestry: [String] = []) -> Bool {
        guard let p = principal else { return action == .readCatalog }
        guard grants[p.role]?.contains(action) == true else { return false }
        if p.readOnly && action.writes { return false }
        guard let scope = p.unitCode, p.role != .admin else { return true }
        // Not tied to a unit: allowed within one's own subtree, which the caller narrows.
        return ancestry.isEmpty || ancestry.contains(scope)
    }

    /// Approvers approve what is *below* them, not their own unit's reports.
    public static func allowsApproval(_ principal: Principal?, ofUnitWithAncestry ancestry: [String]) -> Bool {
        guard allows(principal, .approve, onUnitWithAncestry: ancestry), let p = principal else { return false }
        return p.role == .admin || p.role == .coordinator || ancestry.first != p.unitCode
    }

    /// Whether `principal` may sign off (approve or return) `level` of a report of the
    /// unit with this ancestry: only approvers working at that level's unit, so a
    /// province cannot skip the district's review; administrators stand in for anyone.
    /// Without levels, any approver above the unit may.
    public static func allowsApproval(_ principal: Principal?, at level: ApprovalLevel?, ofUnitWithAncestry ancestry: [OrgUnit]) -> Bool {
        guard allowsApproval(principal, ofUnitWithAncestry: ancestry.map(\.code)), let p = principal else { return false }
        guard let level, p.role != .admin else { return true }
        return p.unitCode == level.approverUnit(forUnitWithAncestry: ancestry)
    }
}

/// The problems of access that a use case finds row by row (an import's, a registry file's).
extension DomainError {
    /// `user` may not write values for `unit`; said of `field`, the column or key naming the unit.
    public static func mayNotWriteValues(user: String, unit: String, field: String = "unit") -> DomainError {
        DomainError(code: "forbidden", field: field, vi: "Tài khoản \(user) không được nhập số liệu cho đơn vị \(unit).",
                    en: "\(user) may not enter values for unit \(unit).", kind: .forbidden)
    }
}
