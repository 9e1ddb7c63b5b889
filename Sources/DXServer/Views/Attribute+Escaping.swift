import DXDomain

extension String {
    /// The text as it may stand between the double quotes Plot writes an attribute in.
    ///
    /// Plot escapes text nodes but writes attribute values as given, so every value
    /// that is not a literal of ours goes through here on its way into an attribute
    /// (`.value(x.attributeEscaped)`, `.href(…)`). `HostileTextTests` renders every page
    /// with markup in every field a user controls and fails on any that escapes.
    var attributeEscaped: String {
        guard utf8.contains(where: { $0 == 0x22 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 < 0x20 }) else { return self }
        return XMLText.escape(self)
    }
}
