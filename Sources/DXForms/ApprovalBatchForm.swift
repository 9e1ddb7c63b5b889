import DXDomain

/// The approver's queue as its form posts it: the reports ticked for approval, each as
/// `FORM|UNIT|PERIOD|VERSION` (the version the queue was drawn from, so that a report
/// changed since is refused, not approved unseen).
public struct ApprovalBatchForm: Decodable, Sendable {
    public struct Item: Sendable, Hashable {
        public var form: String
        public var unit: String
        public var period: Period
        public var version: Int
    }

    public var csrf: String?
    public var reports: [String]?

    /// The ticked reports; a value the queue could not have sent is a problem naming it.
    public func items() throws(DomainError) -> [Item] {
        try (reports ?? []).map { (text: String) throws(DomainError) -> Item in
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let version = Int(parts[3]), let period = try? Period(parts[2]) else {
                throw DomainError(code: "invalid_report", field: "reports", vi: "Không đọc được báo cáo đã chọn: \(text).",
                                  en: "Cannot read the report picked: \(text).")
            }
            return Item(form: parts[0], unit: parts[1], period: period, version: version)
        }
    }

    /// The value of an item's checkbox.
    public static func value(form: String, unit: String, period: Period, version: Int) -> String {
        "\(form)|\(unit)|\(period.id)|\(version)"
    }
}
