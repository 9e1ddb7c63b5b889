import DXDomain

/// One's own settings page as its form posts it: where notices are mailed, how, and in
/// which language.
public struct MailSettingsForm: Decodable, Sendable {
    public var csrf: String?
    /// Blank: notices in the app only.
    public var email: String?
    public var choice: MailChoice
    /// `vi` or `en`.
    public var language: String

    public var english: Bool { language == "en" }
}

/// A coordinator's reminder to the units overdue on a form for a period.
public struct UrgeForm: Decodable, Sendable {
    public var csrf: String?
    public var form: String
    public var period: Period
}
