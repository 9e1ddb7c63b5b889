extension Migration {
    /// A counter every write transaction advances, so that figures derived from the data
    /// can be kept in memory and known to be current by reading one row (see ``DerivedFigures``).
    static let v011DataVersion = Migration(version: 11, name: "data version", statements: [
        "CREATE TABLE data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
        "INSERT INTO data_version (id, version) VALUES (1, 0)",
    ])
}
