/// A notice (thông báo) to one person: what happened or is due, in Vietnamese and English,
/// and the page where it is dealt with. The same notice is in the person's inbox and, as
/// they chose (``MailChoice``), in their e-mail.
public struct Notice: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// A report sent back to its unit, with the reason.
        case returned
        /// A report waiting for this person's sign-off.
        case awaitingApproval
        /// The unit's report approved.
        case approved
        /// A deadline coming.
        case dueSoon
        /// A deadline passed with the report not in.
        case overdue
        /// The appraisal council scored the unit in a campaign.
        case appraised
        /// The week's summary for coordinators and leaders.
        case weeklyDigest
    }

    public var recipient: String
    public var kind: Kind
    /// What makes this notice the one it is ("report|CDS-QUY-XA|20-001|2025Q1|return|4"): a
    /// notice with a key its recipient already has is not made again, by any instance.
    public var key: String
    public var subjectVi: String
    public var subjectEn: String
    public var bodyVi: String
    public var bodyEn: String
    /// What the notice opens.
    public var place: Place

    public init(recipient: String, kind: Kind, key: String, subjectVi: String, subjectEn: String,
                bodyVi: String, bodyEn: String, place: Place) {
        self.recipient = recipient
        self.kind = kind
        self.key = key
        self.subjectVi = subjectVi
        self.subjectEn = subjectEn
        self.bodyVi = bodyVi
        self.bodyEn = bodyEn
        self.place = place
    }

    /// Where a notice takes its reader: the server turns it into a page's address.
    public enum Place: Hashable, Sendable {
        case report(form: String, unit: String, period: Period)
        case campaign(String)
        case dashboard(unit: String)
        /// The page that reminds the units overdue on a form for a period.
        case urge(form: String, period: Period)

        /// As stored: "report|CDS-QUY-XA|20-001|2025Q1".
        public var stored: String {
            switch self {
            case .report(let form, let unit, let period): "report|\(form)|\(unit)|\(period.id)"
            case .campaign(let code): "campaign|\(code)"
            case .dashboard(let unit): "dashboard|\(unit)"
            case .urge(let form, let period): "urge|\(form)|\(period.id)"
            }
        }

        public init?(stored: String) {
            let parts = stored.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            switch (parts.first, parts.count) {
            case ("report", 4): guard let p = try? Period(parts[3]) else { return nil }; self = .report(form: parts[1], unit: parts[2], period: p)
            case ("campaign", 2): self = .campaign(parts[1])
            case ("dashboard", 2): self = .dashboard(unit: parts[1])
            case ("urge", 3): guard let p = try? Period(parts[2]) else { return nil }; self = .urge(form: parts[1], period: p)
            default: return nil
            }
        }
    }

    public func subject(english: Bool) -> String { english ? subjectEn : subjectVi }
    public func body(english: Bool) -> String { english ? bodyEn : bodyVi }

    /// The same notice for each of `recipients`.
    public func to(_ recipients: [String]) -> [Notice] {
        recipients.map { var n = self; n.recipient = $0; return n }
    }
}

/// How a person wants their notices by e-mail.
public enum MailChoice: String, CaseIterable, Sendable, Codable {
    /// Each notice as it comes.
    case each
    /// Yesterday's notices in one message, each morning.
    case daily
    /// None: the inbox only.
    case none

    public var nameVi: String {
        switch self {
        case .each: "Từng thông báo"
        case .daily: "Tổng hợp hằng ngày"
        case .none: "Không gửi thư"
        }
    }

    public var nameEn: String {
        switch self {
        case .each: "Each notice"
        case .daily: "A daily digest"
        case .none: "No e-mail"
        }
    }
}

/// Who hears of what happens to a report: a rule of the workflow, decided from the accounts
/// that exist and the unit's place in the hierarchy.
public enum NoticeAudience {
    /// The unit's own reporters: they act on returns and reminders.
    public static func reporters(of unit: String, among accounts: [Principal]) -> [String] {
        accounts.filter { $0.role == .reporter && $0.unitCode == unit }.map(\.username)
    }

    /// The approvers who sign off `level` (any level: every approver above the unit) of the
    /// unit with this ancestry. Coordinators, who may approve too, are told only when no
    /// approver would be, so that a report never waits unseen.
    public static func approvers(at level: ApprovalLevel?, ofUnitWithAncestry ancestry: [OrgUnit], among accounts: [Principal]) -> [String] {
        let approvers = accounts.filter { $0.role == .approver && Access.allowsApproval($0, at: level, ofUnitWithAncestry: ancestry) }
        return approvers.isEmpty ? coordinators(ofUnitWithAncestry: ancestry, among: accounts) : approvers.map(\.username)
    }

    /// The coordinators whose scope holds the unit.
    public static func coordinators(ofUnitWithAncestry ancestry: [OrgUnit], among accounts: [Principal]) -> [String] {
        accounts.filter { p in p.role == .coordinator && ancestry.contains { $0.code == p.unitCode } }.map(\.username)
    }
}
