import DXDomain
import Foundation

/// How a push reaches another system: HTTP with the target's credentials, given by the
/// caller (the CLI's URLSession), so that this use case does no I/O of its own but the database's.
public protocol PushTransport: Sendable {
    /// Sends a request and gives the answer's status and body; throws on a network error.
    func send(_ method: String, _ url: String, query: [(String, String)], json: [UInt8]?) async throws -> (status: Int, body: [UInt8])
}

/// Sends a unit's official figures for a period to another DHIS2 (``PushTarget``),
/// naming things as the target knows them (``PushMapping``), retrying network errors,
/// 429 and 5xx with doubling waits, and records every push, sent or not. A push that
/// cannot name every object by the target's UIDs sends nothing.
public struct ValuePush: Sendable {
    let db: Database
    let clock: WallClock

    public init(_ db: Database, clock: WallClock = .vietnam) {
        self.db = db
        self.clock = clock
    }

    public struct Retry: Sendable {
        public var attempts: Int
        public var backoff: Double
        public init(attempts: Int = 3, backoff: Double = 1) { (self.attempts, self.backoff) = (max(1, attempts), backoff) }
    }

    /// Pushes one period; `scheduled` names the target in the record when a schedule ran it.
    @discardableResult
    public func run(_ target: PushTarget, period: Period, by user: String, transport: any PushTransport, retry: Retry = Retry(),
                    scheduled: Bool = false) async throws -> ExportRecord {
        let started = Date().formatted(.iso8601)
        let values = try await Analytics(db).officialValues(within: target.unit, period: period, includeSubmitted: target.includeSubmitted)
        var set = DataValueSet(values: values), query: [(String, String)] = []
        var outcome: (sent: Bool, attempts: Int, answer: String?) = (false, 0, nil)
        switch target.mapping {
        case .codes: query = [("idScheme", "CODE")]
        case .table(let entries): set = try Self.mapped(set, DHIS2Identifiers(entries + [Self.defaultCombo], builtIn: false), &outcome)
        case .lookupByCode:
            do { set = try Self.mapped(set, try await Self.lookUp(set, at: target, transport: transport), &outcome) }
            catch let e as LookupFailed { outcome.answer = e.answer }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = Array(try encoder.encode(set))
        if outcome.answer == nil { outcome = await Self.post(payload, to: target.url, query: query, transport: transport, retry: retry) }
        let record = ExportRecord(target: target.url, unitCode: target.unit, period: period.id, rows: set.dataValues.count,
                                  status: outcome.sent ? "sent" : "failed", attempts: outcome.attempts, response: outcome.answer,
                                  payload: String(decoding: payload, as: UTF8.self), startedAt: started, finishedAt: Date().formatted(.iso8601),
                                  startedBy: user, targetName: scheduled ? target.name : nil)
        try await db.transaction { try await ExportStore($0).record(record) }
        return record
    }

    /// Pushes each scheduled target's due period that has not gone out yet, at most once a
    /// day per target and period, whichever instance gets there first (a failure is tried
    /// again the next day). `transport` gives each target its credentials.
    public func runDue(transport: @Sendable (PushTarget) -> any PushTransport, retry: Retry = Retry()) async throws -> [ExportRecord] {
        let today = clock.today(), now = Date().formatted(.iso8601)
        var done: [ExportRecord] = []
        for target in try await db.read({ try await ExportStore($0).targets() }) {
            let period = target.duePeriod(on: today)
            let claimed = try await db.transaction { sql in
                guard try await !ExportStore(sql).sent(target: target.name, period: period.id) else { return false }
                return try await NoticeStore(sql: sql).claimRun("push|\(target.name)|\(period.id)|\(today.iso)", at: now)
            }
            if claimed { done.append(try await run(target, period: period, by: "schedule", transport: transport(target), retry: retry, scheduled: true)) }
        }
        return done
    }

    static let defaultCombo = DHIS2Identifiers.Entry(.categoryOptionCombo, code: "default", uid: "HllvX50cXC0")

    /// The set in the target's UIDs, or the outcome of a push that cannot go (naming what lacks one).
    static func mapped(_ set: DataValueSet, _ ids: DHIS2Identifiers, _ outcome: inout (sent: Bool, attempts: Int, answer: String?)) throws -> DataValueSet {
        let missing = set.unmapped(ids)
        guard missing.isEmpty else {
            let e = DomainError.unmappedForPush(missing)
            outcome.answer = "\(e.vi) / \(e.en)"
            return set
        }
        return set.writingUIDs(ids)
    }

    struct LookupFailed: Error { let answer: String }

    /// The target's UIDs for the set's units, data elements and combos, asked for by code, fifty at a time.
    static func lookUp(_ set: DataValueSet, at target: PushTarget, transport: any PushTransport) async throws -> DHIS2Identifiers {
        var entries = [defaultCombo]
        let wanted: [(DHIS2Kind, String, Set<String>)] = [
            (.organisationUnit, "organisationUnits", Set(set.dataValues.map(\.orgUnit))),
            (.dataElement, "dataElements", Set(set.dataValues.map(\.dataElement))),
            (.categoryOptionCombo, "categoryOptionCombos", Set(set.dataValues.compactMap(\.categoryOptionCombo)).subtracting(["default"])),
        ]
        for (kind, resource, codes) in wanted {
            let sorted = codes.sorted()
            for start in stride(from: 0, to: sorted.count, by: 50) {
                let chunk = sorted[start..<min(start + 50, sorted.count)]
                let answer: (status: Int, body: [UInt8])
                do {
                    answer = try await transport.send("GET", "\(target.apiRoot)/\(resource).json",
                                                      query: [("filter", "code:in:[\(chunk.joined(separator: ","))]"), ("fields", "id,code"), ("paging", "false")], json: nil)
                } catch { throw LookupFailed(answer: "\(resource): \(error)") }
                guard answer.status == 200, case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: Data(answer.body)),
                      case .array(let found)? = o[resource] else {
                    throw LookupFailed(answer: "HTTP \(answer.status) \(resource): " + String(decoding: answer.body.prefix(2000), as: UTF8.self))
                }
                for object in found {
                    if let id = object["id"]?.text, let code = object["code"]?.text, DHIS2UID.isValid(id) { entries.append(.init(kind, code: code, uid: id)) }
                }
            }
        }
        return DHIS2Identifiers(entries, builtIn: false)
    }

    /// Retries network errors, 429 and 5xx with doubling waits; any other answer is final.
    static func post(_ payload: [UInt8], to url: String, query: [(String, String)], transport: any PushTransport,
                     retry: Retry) async -> (sent: Bool, attempts: Int, answer: String?) {
        var answer: String?
        for attempt in 1...retry.attempts {
            do {
                let (status, body) = try await transport.send("POST", url, query: query, json: payload)
                answer = "HTTP \(status) " + String(decoding: body.prefix(4000), as: UTF8.self)
                if (200..<300).contains(status) { return (true, attempt, answer) }
                if status != 429 && status < 500 { return (false, attempt, answer) }
            } catch {
                answer = "\(error)"
            }
            if attempt < retry.attempts { try? await Task.sleep(for: .seconds(retry.backoff * pow(2, Double(attempt - 1)))) }
        }
        return (false, retry.attempts, answer)
    }
}
