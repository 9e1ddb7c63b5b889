/// How a statement's text writes its placeholders: `?` (dxtrack's own statements, as
/// SQLite takes them), or already as the driver takes them (SQLKit's, serialized for it).
enum Placeholders {
    case questionMarks, native

    /// `text` with its `?` placeholders numbered (`$1`, `$2`, …), as PostgreSQL takes them.
    ///
    /// A `?` inside a string literal (`'?'`), a quoted name (`"a?"`) or a comment is text,
    /// not a placeholder, and stays as it is: SQL's quoting doubles a quote inside a quoted
    /// span (`'it''s'`), so a span ends at a quote that is not followed by another.
    static func numbered(_ text: String) -> String {
        var out = "", n = 0
        out.reserveCapacity(text.utf8.count + 16)
        var span: Span = .code
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let c = next {
            next = scalars.next()
            switch span {
            case .code:
                switch c {
                case "?":
                    n += 1
                    out += "$\(n)"
                    continue
                case "'": span = .quoted("'")
                case "\"": span = .quoted("\"")
                case "-" where next == "-": span = .lineComment
                case "/" where next == "*": span = .blockComment
                default: break
                }
            case .quoted(let quote):
                if c == quote {
                    if next == quote {
                        out.unicodeScalars.append(c)
                        out.unicodeScalars.append(quote)
                        next = scalars.next()
                        continue
                    }
                    span = .code
                }
            case .lineComment:
                if c == "\n" { span = .code }
            case .blockComment:
                if c == "*" && next == "/" {
                    out.unicodeScalars.append(c)
                    out.unicodeScalars.append("/")
                    next = scalars.next()
                    span = .code
                    continue
                }
            }
            out.unicodeScalars.append(c)
        }
        return out
    }

    private enum Span: Equatable {
        case code, quoted(Unicode.Scalar), lineComment, blockComment
    }
}
