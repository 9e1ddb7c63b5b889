import DXDomain
import Foundation
import SQLKit

/// Imports a DHIS2 data value set the way DHIS2 does: rows that cannot be taken are
/// reported as conflicts (with their indexes) and ignored, the rest are written in
/// one transaction, and the summary counts what was imported, updated and ignored.
/// Nothing is dropped silently: every ignored row is in a conflict or counted.
public struct DataValueSetImport: Sendable {
    public enum Strategy: String, Sendable, CaseIterable {
        case createAndUpdate = "CREATE_AND_UPDATE", create = "CREATE", update = "UPDATE"
    }

    public struct Summary: Sendable {
        public var imported = 0, updated = 0, ignored = 0, deleted = 0
        public var conflicts: [DataValueSet.Conflict] = []
        public var dryRun = false

        public init(dryRun: Bool = false) { self.dryRun = dryRun }
    }

    let db: Database

    /// The day the entry window is judged on.
    let clock: WallClock

    public init(_ db: Database, clock: WallClock = .vietnam) {
        self.db = db
        self.clock = clock
    }

    /// `mayWrite` says whether the caller may write a unit's values (their subtree);
    /// `refused` are conflicts found before (a UID nobody has), whose rows are not read.
    public func run(_ set: DataValueSet, refused: [DataValueSet.Conflict] = [], strategy: Strategy = .createAndUpdate, dryRun: Bool,
                    by writer: DataEntry.Writer, mayWrite: @Sendable (String) async throws -> Bool) async throws -> Summary {
        let user = writer.name, today = clock.today()
        var (inputs, rows, conflicts) = set.inputs(skipping: Set(refused.flatMap(\.indexes)))
        conflicts = refused + conflicts
        var summary = Summary(dryRun: dryRun)
        var allowed: [String: Bool] = [:]
        for unit in Set(inputs.map(\.unit)) { allowed[unit] = try await mayWrite(unit) }
        let forbidden = inputs.indices.filter { allowed[inputs[$0].unit] == false }
        for i in forbidden {
            conflicts.append(.init(object: inputs[i].unit, error: .mayNotWriteValues(user: user, unit: inputs[i].unit, field: "orgUnit"), indexes: rows[i]))
        }
        (inputs, rows) = Self.keep(inputs, rows, dropping: Set(forbidden))
        let dialect = db.dialect, readable = (inputs, rows)
        // The values are all it changes, and their write records them.
        let (created, updated, ignored, more) = try await db.transaction(changingOnly: { sql in
            var conflicts: [DataValueSet.Conflict] = []
            var (inputs, rows) = readable
            // Rows the checks refuse become conflicts; the others are checked again without them.
            var checked: [DataValue] = []
            while !inputs.isEmpty {
                do {
                    checked = try await DataEntry.check(inputs, sql: sql, writer: writer, today: today)
                    break
                } catch let e as any DomainProblems {
                    var bad = Set<Int>()
                    for error in e.problems {
                        let i = Self.index(error.field) ?? 0
                        bad.insert(i)
                        conflicts.append(.init(object: Self.object(of: error, in: inputs[i]), error: error, indexes: rows[i]))
                    }
                    (inputs, rows) = Self.keep(inputs, rows, dropping: bad)
                }
            }
            let existing = try await DataValueStore(sql).existing(checked)
            var write: [DataValueInput] = [], created = 0, updated = 0, ignored = 0
            for (i, v) in checked.enumerated() {
                let isNew = existing[DataValueStore.Key(v)] == nil
                // Counted in rows, as DHIS2 counts data values: a fraction is two.
                switch (strategy, isNew) {
                case (.create, false), (.update, true): ignored += rows[i].count
                default:
                    write.append(inputs[i])
                    if isNew { created += rows[i].count } else { updated += rows[i].count }
                }
            }
            if !dryRun && !write.isEmpty { _ = try await DataEntry.apply(write, by: writer, today: today, dryRun: false, on: sql, dialect: dialect) }
            return ((created, updated, ignored, conflicts), FigureScope())
        })
        if !dryRun && created + updated > 0 {
            try await ComputedValues(db).recompute(.formulasReading(Set(inputs.map(\.indicator))), today: today)
        }
        summary.imported = created
        summary.updated = updated
        summary.conflicts = conflicts + more
        summary.ignored = ignored + Set(summary.conflicts.flatMap(\.indexes)).count
        return summary
    }

    /// The identifier a problem is about, as DHIS2 names a conflict's object: the unit for
    /// a problem of the unit, the period for one of the period, else the indicator.
    static func object(of error: DomainError, in input: DataValueInput) -> String {
        switch error.field?.split(separator: ".").last {
        case "unit": input.unit
        case "period": input.period
        default: input.indicator
        }
    }

    /// `values[3].numerator` → 3.
    static func index(_ field: String?) -> Int? {
        guard let field, field.hasPrefix("values["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 7)..<close])
    }

    static func keep(_ inputs: [DataValueInput], _ rows: [[Int]], dropping bad: Set<Int>) -> ([DataValueInput], [[Int]]) {
        let good = inputs.indices.filter { !bad.contains($0) }
        return (good.map { inputs[$0] }, good.map { rows[$0] })
    }
}

extension DataValueSetImport {
    /// An import by a signed-in person, the set naming things by UID or code under
    /// `schemes` (``DHIS2Directory``): rows naming a UID nobody has, or a unit outside the
    /// person's subtree, are conflicts. Gives the summary, and for each code the identifier
    /// the set used for it, so that conflicts can be told in the client's terms.
    public func run(_ sent: DataValueSet, schemes: IdSchemes, strategy: Strategy = .createAndUpdate, dryRun: Bool,
                    as principal: Principal) async throws -> (summary: Summary, sent: [String: String]) {
        let (set, refused, names) = sent.readingIdentifiers(try await DHIS2Directory(db).identifiers(), schemes: schemes)
        let db = db
        let summary = try await run(set, refused: refused, strategy: strategy, dryRun: dryRun, by: .person(principal)) { unit in
            let ancestry = try await db.read { try await OrgUnitStore($0).ancestry(of: unit) }
            return ancestry.isEmpty || Access.allows(principal, .writeValues, onUnitWithAncestry: ancestry)
        }
        return (summary, names)
    }
}
