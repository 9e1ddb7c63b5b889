import DXDomain
import Foundation

/// A message as dxtrack means it, before it is put in MIME: what a mail client shows.
public struct MailContent: Codable, Sendable, Hashable {
    public struct Item: Codable, Sendable, Hashable {
        public var title: String
        public var text: String
        /// The page it is dealt on, as an absolute address.
        public var url: String?

        public init(title: String, text: String, url: String?) {
            self.title = title
            self.text = text
            self.url = url
        }
    }

    public var subject: String
    public var items: [Item]
    public var english: Bool

    public init(subject: String, items: [Item], english: Bool) {
        self.subject = subject
        self.items = items
        self.english = english
    }
}

/// Where mail goes out: the deployment's SMTP server or its `sendmail`.
public protocol MailSender: Sendable {
    func send(_ content: MailContent, to address: String) async throws
}

/// A mail server's refusal: `permanent` when trying again cannot help (an unknown
/// mailbox, 5xx), else the message is tried again later.
public struct MailFailure: Error, CustomStringConvertible {
    public var permanent: Bool
    public var message: String
    public init(permanent: Bool, message: String) {
        self.permanent = permanent
        self.message = message
    }
    public var description: String { message }
}

extension Notifications {
    /// What one run of the worker did.
    public struct Delivery: Sendable, Hashable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0

        public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0) {
            (self.sent, self.retrying, self.failed) = (sent, retrying, failed)
        }
    }

    /// Turns notices not yet mailed into queued messages, as each person chose: each notice
    /// at once, or the notices of the days before today in one daily message; none for
    /// those without an address or who want none. `url` gives a notice's page as an
    /// absolute address. Each notice goes into exactly one message, by any instance.
    @discardableResult
    public func queueMail(url: @escaping @Sendable (Notice.Place) -> String) async throws -> Int {
        let (now, today, dialect) = (Timestamp.string(clock.now()), clock.today(), db.dialect)
        return try await db.transactionChangingNoFigure { sql in
            let store = NoticeStore(sql: sql)
            let pending = try await store.unmailed(dialect: dialect)
            guard !pending.isEmpty else { return 0 }
            let accounts = Dictionary(try await AccountStore(sql: sql).all().map { ($0.username, $0) }, uniquingKeysWith: { a, _ in a })
            var queued = 0
            for (user, entries) in Dictionary(grouping: pending, by: \.notice.recipient).sorted(by: { $0.key < $1.key }) {
                guard let a = accounts[user], !a.disabled, let address = a.email, a.mailChoice != .none else {
                    try await store.setMailState(entries.map(\.id), "none")
                    continue
                }
                let item = { (e: InboxEntry) in
                    MailContent.Item(title: e.notice.subject(english: a.prefersEnglish), text: e.notice.body(english: a.prefersEnglish),
                                     url: url(e.notice.place))
                }
                switch a.mailChoice {
                case .each, .none:
                    for e in entries {
                        let content = MailContent(subject: e.notice.subject(english: a.prefersEnglish), items: [item(e)], english: a.prefersEnglish)
                        try await store.enqueue(key: "notice:\(e.id)", address: address, content, at: now)
                    }
                    queued += entries.count
                    try await store.setMailState(entries.map(\.id), "queued")
                case .daily:
                    let due = entries.filter { (LocalDate(vietnamDayOf: $0.createdAt) ?? today) < today }
                    guard let first = due.first else { continue }
                    let subject = a.prefersEnglish ? "dxtrack: \(due.count) notice(s) of \(today.adding(days: -1).formattedVietnamese)"
                                                   : "dxtrack: \(due.count) thông báo ngày \(today.adding(days: -1).formattedVietnamese)"
                    try await store.enqueue(key: "daily:\(first.id)", address: address,
                                            MailContent(subject: subject, items: due.map(item), english: a.prefersEnglish), at: now)
                    queued += 1
                    try await store.setMailState(due.map(\.id), "queued")
                }
            }
            return queued
        }
    }

    /// Sends what the queue holds and is due, claiming each message so that no other
    /// instance sends it too. A message the server did not take is tried again after a
    /// wait that doubles (1 minute up to an hour); a permanent refusal ends it.
    public func deliver(through sender: any MailSender, limit: Int = 50) async throws -> Delivery {
        var done = Delivery()
        while true {
            let now = clock.now()
            let (at, until, dialect) = (Timestamp.string(now), Timestamp.string(now.addingTimeInterval(600)), db.dialect)
            let batch = try await db.transactionChangingNoFigure { sql in
                try await NoticeStore(sql: sql).claim(now: at, until: until, limit: limit, dialect: dialect)
            }
            if batch.isEmpty { return done }
            for mail in batch {
                do {
                    try await sender.send(mail.content, to: mail.address)
                    let sentAt = Timestamp.string(clock.now())
                    try await db.transactionChangingNoFigure { try await NoticeStore(sql: $0).sent(mail.id, at: sentAt) }
                    done.sent += 1
                } catch {
                    let permanent = (error as? MailFailure)?.permanent ?? false
                    let wait = min(60 * pow(2, Double(mail.attempts - 1)), 3600)
                    let next = Timestamp.string(now.addingTimeInterval(wait))
                    try await db.transactionChangingNoFigure {
                        try await NoticeStore(sql: $0).failed(mail.id, error: "\(error)", next: next, permanent: permanent)
                    }
                    if permanent { done.failed += 1 } else { done.retrying += 1 }
                }
            }
            // What failed waits for its next attempt; the next batch holds only new messages.
            if batch.count < limit { return done }
        }
    }

    public func queue() async throws -> MailQueueCounts {
        try await db.read { try await NoticeStore(sql: $0).queueCounts() }
    }

    /// Notices older than ``keptDays``, and the mail sent for them, go.
    public func purge() async throws {
        let before = Timestamp.string(clock.now().addingTimeInterval(-Double(Self.keptDays) * 86_400))
        try await db.transactionChangingNoFigure { try await NoticeStore(sql: $0).purge(before: before) }
    }
}
