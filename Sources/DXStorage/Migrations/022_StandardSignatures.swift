extension Migration {
    /// Standard signatures: a step's signature is CMS (`format` 'cms'; NULL for the bare
    /// ECDSA of earlier steps), a certificate may come with the chain its CA issued it
    /// under, and a user's key may live in a PKCS#11 token (a `TokenKey` as JSON) instead
    /// of being sealed in `sealed_key`.
    static let v022StandardSignatures = Migration(version: 22, name: "standard signatures", statements: [
        "ALTER TABLE signatures ADD COLUMN format TEXT",
        "ALTER TABLE certificates ADD COLUMN chain_pem TEXT",
        "ALTER TABLE certificates ADD COLUMN token_key TEXT",
    ])
}
