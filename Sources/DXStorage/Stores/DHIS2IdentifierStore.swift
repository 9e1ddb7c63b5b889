import DXDomain
import SQLKit

/// The DHIS2 UIDs given to dxtrack's objects (`dhis2_ids`).
struct DHIS2IdentifierStore {
    let sql: Session

    func all() async throws -> [DHIS2Identifiers.Entry] {
        try await sql.raw("SELECT kind, code, uid FROM dhis2_ids").all().compactMap { row in
            guard let kind = DHIS2Kind(rawValue: try row.text("kind")) else { return nil }
            return DHIS2Identifiers.Entry(kind, code: try row.text("code"), uid: try row.text("uid"))
        }
    }

    /// One object's UID.
    func uid(_ kind: DHIS2Kind, _ code: String) async throws -> String? {
        try await sql.raw("SELECT uid FROM dhis2_ids WHERE kind = \(bind: kind.rawValue) AND code = \(bind: code)").first()?.text("uid")
    }

    /// Every object of the catalog that has (or is to have) a UID, by kind and code:
    /// units, forms, and indicators (reported ones are data elements, computed ones indicators).
    func objects() async throws -> [(DHIS2Kind, String)] {
        let units = try await sql.raw("SELECT code FROM org_units").all().map { (DHIS2Kind.organisationUnit, try $0.text("code")) }
        let forms = try await sql.raw("SELECT code FROM forms").all().map { (DHIS2Kind.dataSet, try $0.text("code")) }
        let indicators = try await sql.raw("SELECT code, computed FROM indicators").all().map { row in
            (try row.optionalText("computed") == nil ? DHIS2Kind.dataElement : .indicator, try row.text("code"))
        }
        return units + forms + indicators
    }

    /// Gives the objects that have none their UID. Two instances doing it at once give
    /// the same ones (``DHIS2UID/derived(_:code:)``), so the second's insert is a no-op.
    func assign(_ entries: [DHIS2Identifiers.Entry]) async throws {
        for e in entries {
            try await sql.raw("""
                INSERT INTO dhis2_ids (kind, code, uid) VALUES (\(bind: e.kind.rawValue), \(bind: e.code), \(bind: e.uid))
                ON CONFLICT DO NOTHING
                """).run()
        }
    }

    /// Sets an object's UID to the one another system knows it by (a national DHIS2's).
    func set(_ e: DHIS2Identifiers.Entry) async throws {
        try await sql.raw("DELETE FROM dhis2_ids WHERE kind = \(bind: e.kind.rawValue) AND code = \(bind: e.code)").run()
        try await sql.raw("INSERT INTO dhis2_ids (kind, code, uid) VALUES (\(bind: e.kind.rawValue), \(bind: e.code), \(bind: e.uid))").run()
    }
}
