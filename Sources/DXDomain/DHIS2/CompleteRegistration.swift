/// DHIS2's record that a data set is complete for a unit and period; in dxtrack, that the
/// report was sent (`/api/completeDataSetRegistrations`).
public struct CompleteRegistration: Codable, Hashable, Sendable {
    public var dataSet: String
    public var period: String
    public var organisationUnit: String
    public var attributeOptionCombo: String?
    /// `false` asks to take the registration back, which dxtrack leaves to a coordinator's reopening.
    public var completed: Bool?
    /// When the report was sent (ISO 8601), and by whom.
    public var date: String?
    public var storedBy: String?

    public init(dataSet: String, period: String, organisationUnit: String, attributeOptionCombo: String? = nil, completed: Bool? = nil,
                date: String? = nil, storedBy: String? = nil) {
        self.dataSet = dataSet
        self.period = period
        self.organisationUnit = organisationUnit
        self.attributeOptionCombo = attributeOptionCombo
        self.completed = completed
        self.date = date
        self.storedBy = storedBy
    }
}

/// The body DHIS2 reads and writes registrations in.
public struct CompleteRegistrations: Codable, Hashable, Sendable {
    public var completeDataSetRegistrations: [CompleteRegistration]

    public init(completeDataSetRegistrations: [CompleteRegistration]) { self.completeDataSetRegistrations = completeDataSetRegistrations }
}
