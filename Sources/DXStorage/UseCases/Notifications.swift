import DXDomain
import Foundation

/// The urging (đôn đốc): notices made as reports move (in the step's own transaction, so a
/// step is never without its notice), reminders as forms' deadlines come and go, a
/// coordinator's reminder by hand, the weekly digest, and the mail they go out as.
///
/// Nothing here waits on a mail server: notices are rows; mail is queued and sent by
/// ``deliver(through:)``, which any instance may run, each message claimed by one.
public struct Notifications: Sendable {
    let db: Database
    let clock: WallClock

    /// Notices are kept this long.
    public static let keptDays = 90

    public init(_ db: Database, clock: WallClock = .vietnam) {
        self.db = db
        self.clock = clock
    }

    // MARK: The inbox

    public func inbox(of user: String, limit: Int = 100) async throws -> [InboxEntry] {
        try await db.read { try await NoticeStore(sql: $0).inbox(user, limit: limit) }
    }

    public func unread(of user: String) async throws -> Int {
        try await db.read { try await NoticeStore(sql: $0).unread(user) }
    }

    /// Opens one of `user`'s notices, marking it read; nil when it is not theirs.
    public func open(_ id: String, by user: String) async throws -> InboxEntry? {
        let now = Timestamp.string(clock.now())
        return try await db.transactionChangingNoFigure { try await NoticeStore(sql: $0).open(id, of: user, at: now) }
    }

    public func readAll(of user: String) async throws {
        let now = Timestamp.string(clock.now())
        try await db.transactionChangingNoFigure { try await NoticeStore(sql: $0).readAll(of: user, at: now) }
    }

    // MARK: Made by a report's step

    /// The notices of a step just stored (``Notice/step(_:of:version:by:reason:finallyApproved:)``),
    /// written in the step's transaction.
    static func afterStep(_ action: SubmissionAction, _ r: Submissions.Report, by user: String, reason: String?,
                          sql: Session, at now: String) async throws {
        guard Notice.tells(action) else { return }
        let ref = ReportRef(form: r.form, unitCode: r.unitCode, unitName: r.ancestry.first?.name ?? r.unitCode,
                            period: r.period, deadline: r.deadline)
        guard let notice = Notice.step(action, of: ref, version: r.version, by: try await name(of: user, sql), reason: reason,
                                       finallyApproved: r.status == .approved) else { return }
        let accounts = try await activeAccounts(sql)
        var to: [String]
        switch notice.kind {
        case .awaitingApproval:
            to = NoticeAudience.approvers(at: r.pendingLevel, ofUnitWithAncestry: r.ancestry, among: accounts)
        default:
            to = NoticeAudience.reporters(of: r.unitCode, among: accounts)
            // Whoever sent it hears of it too, whatever their role (a coordinator sending for a unit).
            if let sender = r.record?.submittedBy, accounts.contains(where: { $0.username == sender }) { to.append(sender) }
        }
        try await NoticeStore(sql: sql).insert(notice.to(Array(Set(to)).sorted().filter { $0 != user }), at: now)
    }

    /// The appraisal council's scores, to each scored unit's reporters.
    static func appraised(_ scores: [(unit: String, criterion: String, score: Double)], campaign code: String, by user: String,
                          sql: Session) async throws {
        guard !scores.isEmpty, let campaign = try await CampaignStore(sql).find(code) else { return }
        let (accounts, names, now) = (try await activeAccounts(sql), try await OrgUnitStore(sql).names(), Timestamp.now())
        let actor = try await name(of: user, sql)
        let notices = scores.flatMap { s in
            Notice.appraised(campaign: code, campaignName: campaign.nameVi, unitName: names[s.unit] ?? s.unit,
                             criterion: campaign.criteria.first { $0.code == s.criterion }?.nameVi ?? s.criterion,
                             score: s.score, by: actor, at: now)
                .to(NoticeAudience.reporters(of: s.unit, among: accounts))
        }
        try await NoticeStore(sql: sql).insert(notices, at: now)
    }

    /// A person as notices name them: their display name ("Nguyễn Thị Lan"), not their login.
    static func name(of user: String, _ sql: Session) async throws -> String {
        try await AccountStore(sql: sql).find(user)?.displayName ?? user
    }

    static func activeAccounts(_ sql: Session) async throws -> [Principal] {
        try await AccountStore(sql: sql).all().filter { !$0.disabled }.map(\.principal)
    }

    // MARK: Reminders

    /// The reminders due `today` under every form's ``Reminders``, for reports not yet sent:
    /// each to its unit's reporters; once overdue, also one notice a form and period to each
    /// approver and coordinator, naming the units of theirs still owing it (not one per unit).
    /// Returns how many notices were made. It runs once a day, whatever the number of runs and
    /// instances: a report that comes to owe a reminder later that day has it the next.
    public func remind(today: LocalDate) async throws -> Int {
        let pass = "remind|\(today.iso)"
        if try await ran(pass) { return 0 }
        let forms = try await db.read { try await FormStore($0).forms() }
        var notices: [Notice] = []
        for form in forms {
            let current = Period(type: form.periodType, containing: today)
            for period in (-2...0).map(current.advanced(by:)) {
                guard let step = form.reminders.step(deadline: form.deadline.deadline(for: period), today: today) else { continue }
                let (owed, accounts) = try await owing(form: form, period: period, within: nil, today: today)
                var watched: [String: [ReportRef]] = [:]
                for (ref, ancestry) in owed {
                    notices += Notice.reminder(step, of: ref).to(NoticeAudience.reporters(of: ref.unitCode, among: accounts))
                    guard step.isOverdue else { continue }
                    for user in Set(NoticeAudience.approvers(at: nil, ofUnitWithAncestry: ancestry, among: accounts)
                                    + NoticeAudience.coordinators(ofUnitWithAncestry: ancestry, among: accounts)) {
                        watched[user, default: []].append(ref)
                    }
                }
                let roles = Dictionary(accounts.map { ($0.username, $0) }, uniquingKeysWith: { a, _ in a })
                for (user, refs) in watched {
                    let p = roles[user]
                    notices.append(Notice.overdue(refs, step: step, coordinator: p?.role == .coordinator, unit: p?.unitCode ?? "").to([user])[0])
                }
            }
        }
        return try await store(notices, once: pass)
    }

    /// A coordinator's reminder to every unit inside `root` overdue on the form for the period:
    /// to their reporters, at most once a day per report. Returns how many units were urged.
    public func urge(form code: String, period: Period, within root: String?, by user: String) async throws -> Int {
        let today = clock.today()
        guard let form = try await db.read({ try await FormStore($0).form(code) }) else {
            throw DomainErrors([DomainError.unknown(.form, code: code)])
        }
        let (owed, accounts) = try await owing(form: form, period: period, within: root, today: today)
        let overdue = owed.filter { $0.ref.deadline < today }
        let actor = try await db.read { try await Self.name(of: user, $0) }
        try await store(overdue.flatMap { Notice.urged($0.ref, by: actor, on: today).to(NoticeAudience.reporters(of: $0.ref.unitCode, among: accounts)) })
        return overdue.count
    }

    /// The reports of the form and period not sent yet, each with its unit's ancestry, and the active accounts.
    private func owing(form: ReportForm, period: Period, within root: String?,
                       today: LocalDate) async throws -> ([(ref: ReportRef, ancestry: [OrgUnit])], [Principal]) {
        let reports = try await Submissions(db, clock: clock).obligations(form: form.code, period: period, within: root, today: today)
            .filter { !$0.status.locksValues }
        guard !reports.isEmpty else { return ([], []) }
        let (accounts, units) = try await db.read { sql in
            (try await Self.activeAccounts(sql), Dictionary(try await OrgUnitStore(sql).all().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        return (reports.map { r in
            var ancestry: [OrgUnit] = [], code: String? = r.unitCode
            while let c = code, let u = units[c], ancestry.count < 32 { ancestry.append(u); code = u.parentCode }
            return (ReportRef(form: form, unitCode: r.unitCode, unitName: ancestry.first?.name ?? r.unitCode, period: period, deadline: r.deadline),
                    ancestry)
        }, accounts)
    }

    /// Whether a pass ran already: the worker asks every minute, and only the first run of a
    /// day (or week) reads the reports.
    func ran(_ pass: String) async throws -> Bool {
        try await db.read { try await NoticeStore(sql: $0).hasRun(pass) }
    }

    /// Stores the notices; with `once`, only if no run has claimed that pass already.
    @discardableResult
    func store(_ notices: [Notice], once pass: String? = nil, then more: (@Sendable (Session) async throws -> Void)? = nil) async throws -> Int {
        let now = Timestamp.string(clock.now())
        return try await db.transactionChangingNoFigure { sql in
            let store = NoticeStore(sql: sql)
            if let pass, !(try await store.claimRun(pass, at: now)) { return 0 }
            try await more?(sql)
            return try await store.insert(notices, at: now)
        }
    }
}
