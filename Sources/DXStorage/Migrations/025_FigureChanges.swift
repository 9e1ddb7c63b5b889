extension Migration {
    /// What each narrow write changed, by the data version it advanced to (``FigureScope``
    /// as JSON): how every instance knows which of its kept figures a write left alone.
    /// A version without a row here was a broad write.
    static let v025FigureChanges = Migration(version: 25, name: "figure changes", statements: [
        "CREATE TABLE figure_changes (version BIGINT PRIMARY KEY, scope TEXT NOT NULL)",
    ])
}
