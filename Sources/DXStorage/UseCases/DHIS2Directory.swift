import DXDomain

/// dxtrack's catalog as DHIS2 metadata, every object with its UID: what the DHIS2 door
/// of the API reads identifiers against and answers metadata from.
public struct DHIS2Directory: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// The metadata, every object with its UID.
    public func metadata() async throws -> DHIS2Metadata {
        let (units, indicators, forms) = try await db.read { sql in
            (try await OrgUnitStore(sql).all(), try await CatalogStore(sql).indicators(), try await FormStore(sql).forms())
        }
        return DHIS2Metadata(units: units, indicators: indicators, forms: forms, ids: try await identifiers())
    }

    /// The UIDs of every unit, indicator and form, first giving one to each object new
    /// since the last call: what reading and writing values by UID needs, without the
    /// metadata objects themselves.
    public func identifiers() async throws -> DHIS2Identifiers {
        let (wanted, stored) = try await db.read { sql in
            (try await DHIS2IdentifierStore(sql: sql).objects(), try await DHIS2IdentifierStore(sql: sql).all())
        }
        let known = Set(stored.map { "\($0.kind.rawValue):\($0.code)" })
        let missing = wanted.filter { !known.contains("\($0.0.rawValue):\($0.1)") }
            .map { DHIS2Identifiers.Entry($0.0, code: $0.1, uid: DHIS2UID.derived($0.0, code: $0.1)) }
        guard !missing.isEmpty else { return DHIS2Identifiers(stored) }
        return DHIS2Identifiers(try await db.transaction { sql in
            try await DHIS2IdentifierStore(sql: sql).assign(missing)
            return try await DHIS2IdentifierStore(sql: sql).all()
        })
    }

    /// An account's UID (for `/api/me`), given on first asking.
    public func uid(ofUser username: String) async throws -> String {
        let entry = DHIS2Identifiers.Entry(.user, code: username, uid: DHIS2UID.derived(.user, code: username))
        return try await db.transaction { sql in
            let store = DHIS2IdentifierStore(sql: sql)
            try await store.assign([entry])
            return try await store.uid(.user, username) ?? entry.uid
        }
    }

    /// Makes an object known by the UID another DHIS2 gives it.
    public func setUID(_ uid: String, of kind: DHIS2Kind, code: String) async throws {
        try await db.transaction { try await DHIS2IdentifierStore(sql: $0).set(.init(kind, code: code, uid: uid)) }
    }
}
