import DXDomain
import Foundation

extension Notifications {
    /// On `weekday` (ISO: 1 is Monday), every coordinator and leader gets their unit's week:
    /// the reports that came in, those overdue, and the targets whose status changed since
    /// their last digest. Once a week, by any number of runs and instances.
    public func weeklyDigest(today: LocalDate, weekday: Int) async throws -> Int {
        guard today.isoWeekday == weekday else { return 0 }
        let week = Period(type: .weekly, containing: today)
        let pass = "digest|\(week.id)"
        if try await ran(pass) { return 0 }
        let since = Timestamp.string(clock.now().addingTimeInterval(-7 * 86_400))
        let (readers, names) = try await db.read { sql in
            (try await AccountStore(sql: sql).all().filter { !$0.disabled && ($0.role == .coordinator || $0.role == .leader) && $0.unitCode != nil },
             try await OrgUnitStore(sql).names())
        }
        var notices: [Notice] = [], snapshots: [(String, [String: String])] = []
        for reader in readers {
            let (notice, statuses) = try await digest(for: reader, week: week, since: since, today: today, names: names)
            notices.append(notice)
            snapshots.append((reader.username, statuses))
        }
        let kept = snapshots
        return try await store(notices, once: pass) { sql in
            for (user, statuses) in kept { try await NoticeStore(sql: sql).saveDigest(user, week: week.id, statuses: statuses) }
        }
    }

    private func digest(for reader: Account, week: Period, since: String, today: LocalDate,
                        names: [String: String]) async throws -> (Notice, [String: String]) {
        let unit = reader.unitCode!
        let board = try await Dashboard.load(db, unit: unit, asOf: Period(type: .quarterly, containing: today).previous, today: today)
        let received = try await db.read { try await FormStore($0).history(withinSubtreeOf: unit, limit: .max) }
            .filter { $0.status.locksValues && ($0.submittedAt ?? "") >= since }
        let statuses = Dictionary(board.inForce.map { ($0.target.code, $0.assessment.status.rawValue) }, uniquingKeysWith: { a, _ in a })
        let previous = try await db.read { try await NoticeStore(sql: $0).digestStatuses(reader.username) }
        let changed = board.inForce.compactMap { p -> (String, ProgressStatus, ProgressStatus)? in
            guard let was = previous?[p.target.code].flatMap(ProgressStatus.init(rawValue:)), was != p.assessment.status else { return nil }
            return (p.indicator.nameVi, was, p.assessment.status)
        }
        let name = names[unit] ?? unit
        func lines(_ vi: Bool) -> String {
            let report = { (r: SubmissionRecord) in "– \(names[r.unitCode] ?? r.unitCode): \(r.formCode), \(vi ? r.period.nameVi : r.period.nameEn)" }
            let late = { (r: Submissions.Report) in "– \(names[r.unitCode] ?? r.unitCode): \(r.form.code), \(vi ? r.period.nameVi : r.period.nameEn)" }
            let moved = { (c: (String, ProgressStatus, ProgressStatus)) in "– \(c.0): \(vi ? c.1.nameVi : c.1.nameEn) → \(vi ? c.2.nameVi : c.2.nameEn)" }
            return ([vi ? "Báo cáo nhận trong 7 ngày qua: \(received.count)" : "Reports received in the last 7 days: \(received.count)"]
                    + received.prefix(10).map(report) + (received.count > 10 ? ["…"] : [])
                    + [vi ? "Báo cáo quá hạn chưa nộp: \(board.overdue.count)" : "Reports overdue: \(board.overdue.count)"]
                    + board.overdue.prefix(10).map(late) + (board.overdue.count > 10 ? ["…"] : [])
                    + [previous == nil
                       ? (vi ? "Chỉ tiêu đổi trạng thái: sẽ so sánh từ tuần sau." : "Targets that changed status: compared from next week on.")
                       : (vi ? "Chỉ tiêu đổi trạng thái: \(changed.count)" : "Targets that changed status: \(changed.count)")]
                    + changed.map(moved)).joined(separator: "\n")
        }
        let notice = Notice(recipient: reader.username, kind: .weeklyDigest, key: "digest|\(week.id)",
                            subjectVi: "Tổng hợp tuần \(week.nameVi): \(name)", subjectEn: "Weekly summary, \(week.nameEn): \(name)",
                            bodyVi: lines(true), bodyEn: lines(false), place: .dashboard(unit: unit))
        return (notice, statuses)
    }

    /// What one run of ``run(digestWeekday:sender:url:)`` did.
    public struct Summary: Sendable, Hashable {
        public var reminders = 0
        public var digests = 0
        public var queued = 0
        public var delivery = Delivery()
    }

    /// Everything due once: today's reminders, the weekly digest on its day, mail queued and
    /// (with a sender) sent, old notices purged. What `dxtrack notify run` and the server's
    /// worker do; running it twice, or on two instances at once, sends nothing twice.
    public func run(digestWeekday: Int, sender: (any MailSender)?, url: @escaping @Sendable (Notice.Place) -> String) async throws -> Summary {
        let today = clock.today()
        var s = Summary()
        s.reminders = try await remind(today: today)
        s.digests = try await weeklyDigest(today: today, weekday: digestWeekday)
        if let sender {
            s.queued = try await queueMail(url: url)
            s.delivery = try await deliver(through: sender)
        } else {
            // Without a mail server the inbox is all: configuring one later mails what comes after.
            let dialect = db.dialect
            try await db.transactionChangingNoFigure { sql in
                let store = NoticeStore(sql: sql)
                try await store.setMailState(try await store.unmailed(dialect: dialect).map(\.id), "none")
            }
        }
        try await purge()
        return s
    }
}
