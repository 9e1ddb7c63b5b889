/// One numbered change of the schema, as plain SQL that SQLite and PostgreSQL
/// both accept (TEXT, BIGINT, DOUBLE PRECISION, deferrable foreign keys,
/// `ON CONFLICT … DO UPDATE`). Dates are stored as ISO `yyyy-mm-dd` text, which
/// sorts and compares the same way on both. A table may end in `WITHOUT ROWID`
/// (SQLite's table clustered on its primary key); PostgreSQL, whose tables are all
/// heaps beside their key's index, runs the statement without those words.
///
/// Add a schema change as a new file `NNN_Name.swift` and append it to
/// ``Migration/all``; never edit a migration that has shipped.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public static let all: [Migration] = [.v001Foundation, .v002Accounts, .v003Audit, .v004Reporting, .v005ValidationRules, .v006SignOff, .v007Exports, .v008Campaigns, .v009Registry, .v010OpenData, .v011DataVersion, .v012Boundaries, .v013ValueRevision, .v014ValueWrites, .v015AuditCheckpoints, .v016PlanForce, .v017CommitteeReports, .v018Notices, .v019DHIS2Identifiers, .v020OpenDataRelease, .v021PushTargets, .v022StandardSignatures, .v023SignedCommitteeReports, .v024SignInClients, .v025FigureChanges]

    /// The newest schema this build knows.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}
