extension String {
    /// The text as it may stand between the quotes of an HTML attribute.
    ///
    /// Plot escapes text nodes but writes attribute values as given, so every value
    /// that is not a literal of ours goes through here on its way into an attribute
    /// (`.value(x.attributeEscaped)`, `.href(…)`). `WebPagesTests` renders every page
    /// with hostile text in every field a user controls and fails on any that escapes.
    var attributeEscaped: String {
        guard utf8.contains(where: { $0 == 0x22 || $0 == 0x26 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E }) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for c in unicodeScalars {
            switch c {
            case "\"": out += "&quot;"
            case "&": out += "&amp;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
