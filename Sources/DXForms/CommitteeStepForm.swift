import DXDomain

/// The dashboard's buttons for the agency's report to the People's Committee: one step, and the token.
public struct CommitteeStepForm: Decodable, Sendable {
    public var step: CommitteeReport.Step
    public var csrf: String?
}

/// The committee report page's proposals box: one proposal a line, and the token.
public struct CommitteeProposalsForm: Decodable, Sendable {
    public var proposals: String
    public var csrf: String?

    /// The proposals, a line each (Windows line ends too).
    public var lines: [String] { proposals.split(whereSeparator: \.isNewline).map(String.init) }
}
