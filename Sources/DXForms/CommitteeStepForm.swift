import DXDomain

/// The dashboard's buttons for the agency's report to the People's Committee: one step, and the token.
public struct CommitteeStepForm: Decodable, Sendable {
    public var step: CommitteeReport.Step
    public var csrf: String?
}
