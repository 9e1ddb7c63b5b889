extension Migration {
    /// The report to the People's Committee as its signer signed it: the PDF with its
    /// PAdES signature, kept byte for byte (a signed PDF re-made would not be the one signed);
    /// and its proposals as the coordinator edited them (a JSON array of strings).
    static let v023SignedCommitteeReports = Migration(version: 23, name: "signed committee reports", statements: [
        "ALTER TABLE committee_reports ADD COLUMN signed_pdf BYTEA",
        "ALTER TABLE committee_reports ADD COLUMN proposals TEXT",
    ])
}
