import Crypto
import DXDomain
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// The state users rely on, checked against what the audit trail recorded of it.
///
/// Walking the chain shows an edit to the log; these checks show an edit made to the
/// tables themselves, behind dxtrack's back (an `UPDATE stored_values …` in an SQL
/// shell): every stored value is the one the last recorded write of its key stored,
/// every report stands where its last recorded step left it, every evidence file hashes
/// to its name and is linked where the trail says, every campaign score and registry
/// entry is the last one recorded, and every sign-in event has its entry.
extension AuditLog {
    /// The record of the audit trail, by entity, as the chain walk collects it.
    struct Record {
        /// The last step of each report (`after`: its status), by `form|unit|period`.
        var reports: [String: String] = [:]
        /// The evidence linked to each report, replayed from attach and detach steps.
        var evidence: [String: Set<String>] = [:]
        /// The last self-assessed and appraised score, by `campaign|unit|criterion`.
        var selfScores: [String: String] = [:], appraisals: [String: String] = [:]
        /// The last recorded state of each registered system, by code.
        var systems: [String: String] = [:]
        /// The sign-in events with an entry, by id.
        var authEvents: Set<String> = []

        mutating func add(_ e: AuditEntry) {
            func key(_ prefix: String) -> String? { e.entity.hasPrefix(prefix) ? String(e.entity.dropFirst(prefix.count)) : nil }
            if let report = key("report:") {
                switch e.action {
                case "evidence.attach":
                    if let link = e.after.map(Self.link) { evidence[report, default: []].insert(link) }
                case "evidence.detach":
                    if let link = e.before.map(Self.link) { evidence[report]?.remove(link) }
                default:
                    if e.action.hasPrefix("report."), let after = e.after { reports[report] = after }
                }
            } else if let score = key("campaign:"), let after = e.after {
                if e.action == "campaign.self_score" { selfScores[score] = after }
                if e.action == "campaign.appraise" { appraisals[score] = after }
            } else if let system = key("system:"), let after = e.after {
                systems[system] = after
            } else if e.action.hasPrefix("auth."), let id = e.after {
                authEvents.insert(id)
            }
        }

        /// `indicator sha256` of an attach's `indicator sha256 filename` or a detach's `indicator sha256`.
        static func link(_ text: String) -> String { text.split(separator: " ").prefix(2).joined(separator: " ") }
    }

    /// The first table whose state differs from the record, and how; nil when all agree.
    static func alteredState(_ record: Record, sql: Session) async throws -> String? {
        if let problem = try await alteredValues(sql) { return problem }
        for row in try await sql.raw("SELECT form_code, unit_code, period, status, approved_levels FROM submissions").all() {
            let key = "\(try row.text("form_code"))|\(try row.text("unit_code"))|\(try row.text("period"))"
            let status = try row.text("status"), levels = try row.decode(column: "approved_levels", as: Int.self)
            guard let after = record.reports[key] else { return "the report \(key) has no recorded step" }
            // As `Submissions.describe` writes it: "approved", or "submitted 1/2" while levels remain.
            let recorded = after.split(separator: " ")
            let recordedLevels = recorded.count > 1 ? Int(recorded[1].prefix { $0 != "/" }) : 0
            if recorded.first.map(String.init) != status || (status == SubmissionStatus.submitted.rawValue && recordedLevels != levels) {
                return "the report \(key) stands as \(status) (\(levels) levels approved), its last recorded step left it \(after)"
            }
        }
        var linked: [String: Set<String>] = [:]
        for row in try await sql.raw("SELECT form_code, unit_code, period, indicator_code, sha256 FROM evidence").all() {
            let key = "\(try row.text("form_code"))|\(try row.text("unit_code"))|\(try row.text("period"))"
            linked[key, default: []].insert("\(try row.text("indicator_code")) \(try row.text("sha256"))")
        }
        for key in Set(linked.keys).union(record.evidence.keys) where (linked[key] ?? []) != (record.evidence[key] ?? []) {
            return "the evidence of report \(key) is not what was attached and detached"
        }
        for row in try await sql.raw("SELECT sha256 FROM evidence_files").all() {
            let name = try row.text("sha256")
            guard let file = try await EvidenceStore(sql).content(name) else { continue }
            if AuditEntry.digest(file.bytes) != name { return "the evidence file \(name) does not hash to its name: its content was changed" }
        }
        for row in try await sql.raw("SELECT campaign_code, unit_code, criterion_code, self_score, appraisal_score FROM campaign_scores").all() {
            let key = "\(try row.text("campaign_code"))|\(try row.text("unit_code"))|\(try row.text("criterion_code"))"
            for (column, recorded) in [("self_score", record.selfScores[key]), ("appraisal_score", record.appraisals[key])] {
                let stored = try row.decode(column: column, as: Double?.self)
                if stored != recorded.flatMap(Double.init) { return "the campaign score \(key) (\(column)) is not the one recorded" }
            }
        }
        for system in try await RegistryStore(sql).systems() where record.systems[system.code] != Registry.json(system) {
            return "the registered system \(system.code) is not as last recorded"
        }
        // Sign-in events since they were first chained: each has its entry, each entry its event.
        // (An event's id begins with its time in nanoseconds, so the ids from the first chained one on are the chained ones.)
        if let since = record.authEvents.min() {
            var events = Set<String>()
            for row in try await sql.raw("SELECT id, username, event FROM auth_events WHERE id >= \(bind: since)").all() {
                let id = try row.text("id")
                events.insert(id)
                if !record.authEvents.contains(id) {
                    return "the sign-in event \(id) (\(try row.text("username")), \(try row.text("event"))) has no audit entry"
                }
            }
            if let gone = record.authEvents.subtracting(events).min() { return "the sign-in event \(gone) was removed" }
        }
        return nil
    }

    /// Whether the stored values are exactly those the recorded writes leave.
    ///
    /// Every write recorded what it stored and what it replaced (with the write that had
    /// stored that), so the facts of the state are the facts all writes stored less those
    /// they replaced. Summed as a multiset hash (``FactSum``), both sides take constant
    /// memory, whatever the number of values, and neither needs the order of the other.
    static func alteredValues(_ sql: Session) async throws -> String? {
        let expected = NIOLockedValueBox(FactSum()), actual = NIOLockedValueBox(FactSum())
        let unreadable = NIOLockedValueBox(false)
        let session = sql
        try await session.each("SELECT revision, written, replaced FROM value_writes WHERE revision > 0", []) { row in
            guard case .integer(let r) = row[0], case .text(let written) = row[1], case .text(let replaced) = row[2],
                  let stored = ChangeSet.values(written), let gone = ChangeSet.values(replaced) else {
                unreadable.withLockedValue { $0 = true }
                return
            }
            var sum = FactSum(), last: [String: [UInt8]] = [:]
            for v in stored {
                // A key given twice in a write with the same figures replaced nothing the second time.
                let key = "\(v.value.unitCode)\t\(v.value.indicatorCode)\t\(v.value.period.id)", fact = FactSum.fact(v.value, revision: Int64(r))
                if last[key] == fact { continue }
                last[key] = fact
                sum.add(fact)
            }
            // Values stored before writes were recorded (a negative revision) were never added.
            for v in gone where (v.revision ?? 0) > 0 { sum.remove(FactSum.fact(v.value, revision: v.revision ?? 0)) }
            expected.withLockedValue { $0.add(sum) }
        }
        if unreadable.withLockedValue({ $0 }) { return "a write of values is recorded in a form dxtrack does not write" }
        try await session.each("SELECT v.unit_code, v.indicator_code, v.period, v.value, v.numerator, v.denominator, v.comment, v.revision FROM stored_values v", []) { row in
            guard case .text(let unit) = row[0], case .text(let indicator) = row[1], case .text(let period) = row[2],
                  let p = try? Period(period) else { return }
            func figure(_ c: Cell) -> Double? {
                switch c { case .number(let x): x; case .integer(let n): Double(n); default: nil }
            }
            let revision: Int64 = if case .integer(let n) = row[7] { Int64(n) } else { 0 }
            var comment: String?
            if case .text(let c) = row[6] { comment = c }
            let v = DataValue(unitCode: unit, indicatorCode: indicator, period: p, value: figure(row[3]), numerator: figure(row[4]),
                              denominator: figure(row[5]), comment: comment)
            let fact = FactSum.fact(v, revision: revision)
            actual.withLockedValue { $0.add(fact) }
            if revision <= 0 { expected.withLockedValue { $0.add(fact) } }
        }
        guard expected.withLockedValue({ $0 }) == actual.withLockedValue({ $0 }) else {
            return "the stored values are not those the recorded writes left: a value was changed, added or removed behind dxtrack's back"
        }
        return nil
    }
}

/// A multiset of facts as the lane-wise sum of their SHA-256 digests (four 64-bit lanes):
/// adding and taking away commute, so a set can be summed in any order, in constant memory.
struct FactSum: Equatable, Sendable {
    private var lanes: [UInt64] = [0, 0, 0, 0]

    mutating func add(_ digest: [UInt8]) { combine(digest, &+) }
    mutating func remove(_ digest: [UInt8]) { combine(digest, &-) }
    mutating func add(_ other: FactSum) { for i in 0..<4 { lanes[i] &+= other.lanes[i] } }

    private mutating func combine(_ digest: [UInt8], _ op: (UInt64, UInt64) -> UInt64) {
        for i in 0..<4 {
            var lane: UInt64 = 0
            for b in digest[(i * 8)..<(i * 8 + 8)] { lane = lane << 8 | UInt64(b) }
            lanes[i] = op(lanes[i], lane)
        }
    }

    /// The digest of one stored value: its key, figures (by their bits), comment and the write that stored it.
    static func fact(_ v: DataValue, revision: Int64) -> [UInt8] {
        func figure(_ x: Double?) -> String { x.map { String($0.bitPattern, radix: 16) } ?? "-" }
        let comment = v.comment ?? ""
        let text = "\(v.unitCode)\t\(v.indicatorCode)\t\(v.period.id)\t\(figure(v.value))\t\(figure(v.numerator))\t\(figure(v.denominator))\t\(comment.utf8.count):\(comment)\t\(revision)"
        return Array(SHA256.hash(data: Array(text.utf8)))
    }
}
