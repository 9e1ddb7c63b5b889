extension Migration {
    /// The data version at which each value was last written, so that an instance keeping
    /// the values in memory reads only what changed since it last looked (see ``ValueColumns``).
    /// Values written before this migration have revision 0 and are read on the first load.
    static let v013ValueRevision = Migration(version: 13, name: "value revision", statements: [
        "ALTER TABLE data_values ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX data_values_revision ON data_values (revision)",
    ])
}
