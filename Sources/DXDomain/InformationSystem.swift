/// An entry of a unit's register of information systems and databases, classified
/// as Nghị định 85/2016/NĐ-CP asks: what information it processes, what it serves,
/// the security level (cấp độ 1–5) proposed and approved, the protection plan, where
/// it runs and whether the monitoring centre watches it.
public struct InformationSystem: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var ownerUnit: String
    public var purpose: String?
    public var information: InformationKind
    public var kind: SystemKind
    /// How many people's personal data a service to citizens processes (ND 85 draws a line at 10,000).
    public var personalDataSubjects: Int?
    public var proposedLevel: Int?
    public var approvedLevel: Int?
    public var decisionNumber: String?
    public var decisionDate: LocalDate?
    public var approver: String?
    public var protectionPlan: String?
    public var protectionPlanDate: LocalDate?
    public var hosting: Hosting
    /// Since when it runs where it runs now (nil: since it went into operation).
    public var hostedSince: LocalDate?
    public var monitored: Bool
    public var monitoredSince: LocalDate?
    public var status: SystemStatus
    public var inOperationSince: LocalDate?
    public var retiredOn: LocalDate?

    public init(code: String, name: String, ownerUnit: String, purpose: String? = nil, information: InformationKind, kind: SystemKind,
                personalDataSubjects: Int? = nil, proposedLevel: Int? = nil, approvedLevel: Int? = nil, decisionNumber: String? = nil,
                decisionDate: LocalDate? = nil, approver: String? = nil, protectionPlan: String? = nil, protectionPlanDate: LocalDate? = nil,
                hosting: Hosting, hostedSince: LocalDate? = nil, monitored: Bool = false, monitoredSince: LocalDate? = nil,
                status: SystemStatus = .inOperation, inOperationSince: LocalDate? = nil, retiredOn: LocalDate? = nil) {
        self.code = code
        self.name = name
        self.ownerUnit = ownerUnit
        self.purpose = purpose
        self.information = information
        self.kind = kind
        self.personalDataSubjects = personalDataSubjects
        self.proposedLevel = proposedLevel
        self.approvedLevel = approvedLevel
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.approver = approver
        self.protectionPlan = protectionPlan
        self.protectionPlanDate = protectionPlanDate
        self.hosting = hosting
        self.hostedSince = hostedSince
        self.monitored = monitored
        self.monitoredSince = monitoredSince
        self.status = status
        self.inOperationSince = inOperationSince
        self.retiredOn = retiredOn
    }

    /// Decodes with the defaults an API client may leave out (the code comes from the URL).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func date(_ k: CodingKeys) throws -> LocalDate? { try c.decodeIfPresent(LocalDate.self, forKey: k) }
        self.init(code: try c.decodeIfPresent(String.self, forKey: .code) ?? "", name: try c.decode(String.self, forKey: .name),
                  ownerUnit: try c.decode(String.self, forKey: .ownerUnit), purpose: try c.decodeIfPresent(String.self, forKey: .purpose),
                  information: try c.decode(InformationKind.self, forKey: .information), kind: try c.decode(SystemKind.self, forKey: .kind),
                  personalDataSubjects: try c.decodeIfPresent(Int.self, forKey: .personalDataSubjects),
                  proposedLevel: try c.decodeIfPresent(Int.self, forKey: .proposedLevel), approvedLevel: try c.decodeIfPresent(Int.self, forKey: .approvedLevel),
                  decisionNumber: try c.decodeIfPresent(String.self, forKey: .decisionNumber), decisionDate: try date(.decisionDate),
                  approver: try c.decodeIfPresent(String.self, forKey: .approver), protectionPlan: try c.decodeIfPresent(String.self, forKey: .protectionPlan),
                  protectionPlanDate: try date(.protectionPlanDate), hosting: try c.decode(Hosting.self, forKey: .hosting), hostedSince: try date(.hostedSince),
                  monitored: try c.decodeIfPresent(Bool.self, forKey: .monitored) ?? false, monitoredSince: try date(.monitoredSince),
                  status: try c.decodeIfPresent(SystemStatus.self, forKey: .status) ?? .inOperation,
                  inOperationSince: try date(.inOperationSince), retiredOn: try date(.retiredOn))
    }

    /// The least level ND 85/2016 allows for this classification (articles 7–11, as read
    /// here): public information for internal work is level 1; private or personal
    /// information, a service to the public or internal infrastructure is level 2; a
    /// service processing personal data of 10,000 people or more, industrial control and
    /// state secrets are at least level 3. The harm a compromise would do may call for more.
    public var suggestedLevel: Int {
        if information == .stateSecret || kind == .industrialControl { return 3 }
        if kind == .publicService, information != .public, (personalDataSubjects ?? 0) >= 10_000 { return 3 }
        if kind == .internal && information == .public { return 1 }
        return 2
    }

    /// In operation on `date`.
    public func operating(on date: LocalDate) -> Bool {
        if let start = inOperationSince, start > date { return false }
        if let end = retiredOn, end <= date { return false }
        return status == .inOperation || retiredOn != nil
    }

    /// Has an approved level and protection plan on `date`.
    public func classified(on date: LocalDate) -> Bool {
        guard approvedLevel != nil, protectionPlan != nil else { return false }
        return (decisionDate.map { $0 <= date } ?? false) && (protectionPlanDate.map { $0 <= date } ?? true)
    }

    public func onProvincialCloud(on date: LocalDate) -> Bool {
        hosting == .provincialCloud && (hostedSince ?? inOperationSince).map { $0 <= date } ?? true
    }

    public func isMonitored(on date: LocalDate) -> Bool { monitored && (monitoredSince.map { $0 <= date } ?? true) }

    /// A system in operation without an approved level: what the registry flags.
    public var needsClassification: Bool { status == .inOperation && approvedLevel == nil }

    /// Every way the entry breaks the rules, each naming its field.
    public func validate() -> [DomainError] {
        var problems: [DomainError] = []
        for (field, level) in [("proposedLevel", proposedLevel), ("approvedLevel", approvedLevel)] {
            guard let level else { continue }
            if !(1...5).contains(level) {
                problems.append(.securityLevelOutOfRange(field: field))
            } else if information == .stateSecret && level < 3 {
                problems.append(.secretSystemLevelTooLow(level, field: field))
            }
        }
        if approvedLevel != nil && (decisionNumber ?? "").isEmpty {
            problems.append(.approvalNeedsDecision)
        }
        if approvedLevel != nil && decisionDate == nil { problems.append(.required("decisionDate")) }
        if status == .retired && retiredOn == nil { problems.append(.required("retiredOn")) }
        if monitored == false && monitoredSince != nil {
            problems.append(.monitoringDateWithoutMonitoring)
        }
        if name.isEmpty { problems.append(.required("name")) }
        return problems
    }
}

/// The kind of information a system processes (ND 85/2016, article 6).
public enum InformationKind: String, Hashable, Sendable, CaseIterable, Codable {
    case `public`, `private`, personal, stateSecret

    public var nameVi: String {
        switch self {
        case .public: "Thông tin công cộng"
        case .private: "Thông tin riêng"
        case .personal: "Thông tin cá nhân"
        case .stateSecret: "Thông tin bí mật nhà nước"
        }
    }
}

/// What a system serves (ND 85/2016, article 5).
public enum SystemKind: String, Hashable, Sendable, CaseIterable, Codable {
    case `internal`, publicService, infrastructure, industrialControl, other

    public var nameVi: String {
        switch self {
        case .internal: "Phục vụ hoạt động nội bộ"
        case .publicService: "Phục vụ người dân, doanh nghiệp"
        case .infrastructure: "Cơ sở hạ tầng thông tin"
        case .industrialControl: "Điều khiển công nghiệp"
        case .other: "Loại khác"
        }
    }
}

public enum Hosting: String, Hashable, Sendable, CaseIterable, Codable {
    /// The province's own cloud platform (Lạng Sơn Cloud).
    case provincialCloud, otherProvincialCloud, ownServerRoom, other

    public var nameVi: String {
        switch self {
        case .provincialCloud: "Nền tảng điện toán đám mây của tỉnh (Lạng Sơn Cloud)"
        case .otherProvincialCloud: "Đám mây khác của tỉnh"
        case .ownServerRoom: "Phòng máy chủ của đơn vị"
        case .other: "Khác"
        }
    }
}

public enum SystemStatus: String, Hashable, Sendable, CaseIterable, Codable {
    case inOperation, retired

    public var nameVi: String { self == .inOperation ? "Đang vận hành" : "Đã dừng" }
}

/// The problems of an information system's record, said once each.
extension DomainError {
    static func securityLevelOutOfRange(field: String) -> DomainError {
        DomainError(code: "out_of_range", field: field, vi: "Cấp độ phải từ 1 đến 5 (Nghị định 85/2016).",
            en: "The security level must be from 1 to 5 (Decree 85/2016).")
    }

    static func secretSystemLevelTooLow(_ level: Int, field: String) -> DomainError {
        DomainError(code: "level_too_low", field: field,
            vi: "Hệ thống xử lý thông tin bí mật nhà nước phải từ cấp độ 3 trở lên, không thể là cấp độ \(level).",
            en: "A system processing state secrets must be level 3 or higher, not level \(level).")
    }

    static let approvalNeedsDecision = DomainError(code: "required", field: "decisionNumber", vi: "Cấp độ đã phê duyệt cần số quyết định phê duyệt.",
            en: "An approved level needs the number of the approving decision.")

    static let monitoringDateWithoutMonitoring = DomainError(code: "inconsistent", field: "monitoredSince", vi: "Có ngày kết nối giám sát nhưng ghi là chưa kết nối.",
            en: "A monitoring date is given but the system is marked as not monitored.")
}
