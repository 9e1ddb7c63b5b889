import DXDomain
import Hummingbird

/// The HTML forms of dxtrack's pages, read as typed values by Hummingbird's
/// `URLEncodedFormDecoder` rather than by hand: a page declares what it posts
/// (``SignInForm``, ``TokenForm``, ``ReportEntryForm``, `CampaignSetup`) and reads
/// fields by name, not by looking strings up in a dictionary.
///
/// Anything a browser could not have sent (a field given twice, a broken `%`
/// escape, a key with unmatched brackets, a value of the wrong type) is refused
/// with one ``DomainError`` that names the field; no input traps (the fuzz target
/// `form` holds the decoder and every form type to that).
public enum PageForm {
    public static func decode<Form: Decodable>(_ type: Form.Type, from body: String) throws(DomainError) -> Form {
        do {
            return try URLEncodedFormDecoder().decode(type, from: body)
        } catch let error as URLEncodedFormError {
            throw .malformedForm(error.code == .duplicateKeys ? .givenTwice(error.value) : .unreadable(error.value))
        } catch let error as DecodingError {
            throw .formField(error)
        } catch {
            throw .malformedForm(.unreadable(""))
        }
    }
}

/// Signing in on the login page; `next` is where to go after.
public struct SignInForm: Decodable, Sendable {
    public var username: String
    public var password: String
    public var csrf: String
    public var next: String?
}

/// A form that carries nothing but its anti-forgery token (signing out).
public struct TokenForm: Decodable, Sendable {
    public var csrf: String?
}

/// A report's page as its form posts it: the step asked for, and what was typed
/// into the value fields, `v.<indicator>` (the value), `n.<indicator>` and
/// `d.<indicator>` (numerator and denominator), kept as typed so that the page can
/// show a figure it could not read beside its problem.
public struct ReportEntryForm: Decodable, Sendable {
    public var action: SubmissionAction
    public var csrf: String?
    /// The report's version the page was drawn from; blank on a report not yet saved.
    public var version: Int?
    public var reason: String?
    public var entered: [String: String]

    public init(action: SubmissionAction, csrf: String?, version: Int?, reason: String? = nil, entered: [String: String]) {
        (self.action, self.csrf, self.version, self.reason, self.entered) = (action, csrf, version, reason, entered)
    }

    /// Whether a field of the form holds a figure (`v.`, `n.` or `d.` and an indicator's code)
    /// or the reporter's explanation of one (`c.`, which confirms a figure flagged to check).
    public static func isValueField(_ name: String) -> Bool { ["v.", "n.", "d.", "c."].contains(name.prefix(2)) }

    /// The text typed for `indicator` in the field `part` (`v`, `n` or `d`), blank as nil.
    public func typed(_ part: String, _ indicator: String) -> String? {
        entered["\(part).\(indicator)"]?.trimmingWhitespace().nonEmpty
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Field.self)
        action = try fields.decode(SubmissionAction.self, forKey: Field("action"))
        csrf = try fields.decodeIfPresent(String.self, forKey: Field("csrf"))
        reason = try fields.decodeIfPresent(String.self, forKey: Field("reason"))
        let version = try fields.decodeIfPresent(String.self, forKey: Field("version"))?.trimmingWhitespace() ?? ""
        guard version.isEmpty || Int(version) != nil else {
            throw DecodingError.dataCorruptedError(forKey: Field("version"), in: fields, debugDescription: "not a whole number")
        }
        self.version = Int(version)
        var entered: [String: String] = [:]
        for key in fields.allKeys where Self.isValueField(key.stringValue) {
            entered[key.stringValue] = try fields.decode(String.self, forKey: key)
        }
        self.entered = entered
    }

    /// Any field name: the value fields are named after the form's indicators.
    struct Field: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
