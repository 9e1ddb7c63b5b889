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

    /// Every problem of the file in one answer: those of reading it, the rows the caller may
    /// not write, and what the rest would break, so that a forbidden unit or one typo does not
    /// hide the other rows' problems until the next try.
    func run(_ bytes: [UInt8], as principal: Principal, dryRun: Bool) async throws -> Outcome {
        let parsed = ImportFile.read(bytes)
        var outcome = Outcome(format: parsed.format, dryRun: dryRun, written: 0, problems: parsed.problems)
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
        let entry = DataEntry(db, clock: clock)
        if outcome.problems.isEmpty {
            do {
                outcome.written = try await entry.write(parsed.inputs, by: .person(principal), dryRun: dryRun).count
            } catch let e as any DomainProblems {
                outcome.problems = ImportFile.locate(e.problems, in: parsed)
            }
            return outcome
        }
        // Something is wrong already: check the other rows too (writing nothing), so all is said at once.
        let flagged = Set(outcome.problems.map(\.line))
        let others = parsed.inputs.indices.filter { !flagged.contains(parsed.lines[$0]) }
        if !others.isEmpty {
            let inputs = others.map { parsed.inputs[$0] }, lines = others.map { parsed.lines[$0] }
            do {
                _ = try await entry.write(inputs, by: .person(principal), dryRun: true)
            } catch let e as any DomainProblems {
                outcome.problems += ValueFile.locate(e.problems, inputs: inputs, lines: lines, header: parsed.header)
            }
        }
        outcome.problems = RowProblem.capped(outcome.problems.sorted { ($0.line == 0 ? Int.max : $0.line) < ($1.line == 0 ? Int.max : $1.line) })
        return outcome
    }
}
