extension Migration {
    /// Sign-in attempts by client address (behind a proxy, the address it forwards for):
    /// how many failed since when, so that one address guessing across many accounts is
    /// stopped, as one account's lockout stops guesses at it.
    static let v024SignInClients = Migration(version: 24, name: "sign-in clients", statements: [
        """
        CREATE TABLE sign_in_clients (
            address  TEXT PRIMARY KEY,
            attempts INTEGER NOT NULL,
            since    TEXT NOT NULL
        )
        """,
    ])
}
