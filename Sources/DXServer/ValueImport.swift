import DXDomain
import DXSpreadsheet
import DXStorage

/// One upload of reported values (CSV or XLSX), as the API and the upload page run
/// it: read the file, check every row is the caller's to write, then write all of it
/// or nothing. Every problem comes back with its row, column and cell.
struct ValueImport {
    struct Outcome: Sendable {
        var format: String
        var dryRun: Bool
        var written: Int
        var problems: [RowProblem]
    }

    let db: Database
    let clock: WallClock

    func run(_ bytes: [UInt8], as principal: Principal, dryRun: Bool) async throws -> Outcome {
        let parsed = ImportFile.read(bytes)
        var outcome = Outcome(format: parsed.format, dryRun: dryRun, written: 0, problems: parsed.problems)
        guard outcome.problems.isEmpty else { return outcome }
        // Rows for units outside the caller's subtree are refused by row, never written.
        var allowed: [String: Bool] = [:]
        for unit in Set(parsed.inputs.map(\.unit)) {
            let ancestry = try await db.read { try await OrgUnitStore($0).ancestry(of: unit) }
            allowed[unit] = ancestry.isEmpty || Access.allows(principal, .writeValues, onUnitWithAncestry: ancestry)
        }
        for (i, input) in parsed.inputs.enumerated() where allowed[input.unit] == false {
            outcome.problems.append(RowProblem(
                line: parsed.lines[i], column: "unit",
                error: .mayNotWriteValues(user: principal.username, unit: input.unit),
                context: "\(input.unit) · \(input.indicator) · \(input.period)", header: parsed.header))
        }
        outcome.problems = RowProblem.capped(outcome.problems)
        guard outcome.problems.isEmpty else { return outcome }
        do {
            outcome.written = try await DataEntry(db, clock: clock).write(parsed.inputs, by: .person(principal), dryRun: dryRun).count
        } catch let e as any DomainProblems {
            outcome.problems = ImportFile.locate(e.problems, in: parsed)
        }
        return outcome
    }
}
