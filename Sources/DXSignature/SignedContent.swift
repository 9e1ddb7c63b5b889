import DXDomain
import Foundation

/// Exactly what a person signs when they submit or approve a report: the report's
/// key, the step, and every value and evidence file's hash as they stand. The
/// signature covers these bytes as stored, so verifying never depends on
/// re-serialising; `canonical` makes them the same for the same content (sorted
/// keys, values and files in a fixed order).
public struct SignedContent: Codable, Hashable, Sendable {
    public struct Value: Codable, Hashable, Sendable {
        public var indicator: String
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?
        public var comment: String?

        public init(indicator: String, value: Double?, numerator: Double?, denominator: Double?, comment: String?) {
            self.indicator = indicator
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
            self.comment = comment
        }
    }

    public struct File: Codable, Hashable, Sendable {
        public var indicator: String
        public var sha256: String
        public var filename: String

        public init(indicator: String, sha256: String, filename: String) {
            self.indicator = indicator
            self.sha256 = sha256
            self.filename = filename
        }
    }

    public static let formatName = "dxtrack-report-signature/1"

    public var format = SignedContent.formatName
    public var action: String
    public var form: String
    public var unit: String
    public var period: String
    /// The report's version after this step: one signature per version.
    public var version: Int
    public var status: String
    public var signer: String
    public var signedAt: String
    public var values: [Value]
    public var evidence: [File]
    /// The steps the form must have signed, as the signer saw the form: a verifier learns
    /// from the signatures themselves, not from the unsigned rest of the file, that an
    /// approved report lacking an approval's signature is incomplete. Absent in
    /// signatures made before dxtrack recorded it.
    public var required: RequiredSignatures?

    /// Which steps of a report must be signed.
    public struct RequiredSignatures: Codable, Hashable, Sendable {
        /// Submitting, and each of `approvals` levels of approval.
        public var approvals: Int
        public init(approvals: Int) { self.approvals = approvals }
    }

    public init(action: String, form: String, unit: String, period: String, version: Int, status: String, signer: String,
                signedAt: String, values: [Value], evidence: [File], required: RequiredSignatures? = nil) {
        self.required = required
        self.action = action
        self.form = form
        self.unit = unit
        self.period = period
        self.version = version
        self.status = status
        self.signer = signer
        self.signedAt = signedAt
        self.values = values.sorted { $0.indicator < $1.indicator }
        self.evidence = evidence.sorted { ($0.indicator, $0.sha256) < ($1.indicator, $1.sha256) }
    }

    public func canonical() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    public static func decode(_ payload: [UInt8]) throws -> SignedContent {
        try JSONDecoder().decode(SignedContent.self, from: Data(payload))
    }
}
