/// What a DHIS2 client asks of a metadata list (`/api/organisationUnits?…`): which
/// members (``FieldSelection``), which objects (``MetadataFilter``, all of them or any
/// with `rootJunction=OR`), in what order (`order=name:asc`), and which page
/// (`page`, `pageSize`, or `paging=false` for all at once).
public struct MetadataQuery: Sendable {
    public var fields: FieldSelection?
    public var filters: [MetadataFilter] = []
    public var anyFilter = false
    public var order: [(key: String, ascending: Bool, ignoringCase: Bool)] = []
    public var paging = true
    public var page = 1
    public var pageSize = 50

    /// The largest page dxtrack gives, so that one request cannot ask for millions.
    public static let maxPageSize = 10_000

    /// Reads the query's parameters (each name may repeat: `filter=…&filter=…`).
    public init(_ parameters: [(name: String, value: String)]) throws(DomainError) {
        for (name, value) in parameters {
            switch name {
            case "fields": fields = try FieldSelection(parsing: value).merged(with: fields)
            case "filter": filters.append(try MetadataFilter(parsing: value))
            case "rootJunction": anyFilter = value.uppercased() == "OR"
            case "paging": paging = value.lowercased() != "false"
            case "page": page = try Self.positive(value, field: name)
            case "pageSize": pageSize = min(try Self.positive(value, field: name), Self.maxPageSize)
            case "order":
                for term in value.split(separator: ",") {
                    let parts = term.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                    let direction = parts.count > 1 ? parts[1].lowercased() : "asc"
                    guard !parts[0].isEmpty, parts.count <= 2, ["asc", "desc", "iasc", "idesc"].contains(direction) else { throw .badOrder(value) }
                    order.append((parts[0], !direction.hasSuffix("desc"), direction.hasPrefix("i")))
                }
            default: continue
            }
        }
    }

    /// One page of `objects`, filtered, ordered and cut down to the fields asked for,
    /// and DHIS2's pager for it (nil with `paging=false`).
    public func apply(to objects: [JSONValue], lookup: (String) -> JSONValue?) -> (items: [JSONValue], pager: Pager?) {
        var kept = objects.filter { o in
            filters.isEmpty || (anyFilter ? filters.contains { $0.matches(o, lookup: lookup) } : filters.allSatisfy { $0.matches(o, lookup: lookup) })
        }
        if !order.isEmpty {
            kept.sort { a, b in
                for term in order {
                    let less: Bool
                    // Numbers as numbers; anything else, codes such as "05983" among them, as text.
                    if case .number(let x)? = a[term.key], case .number(let y)? = b[term.key] {
                        if x == y { continue }
                        less = x < y
                    } else {
                        var x = a[term.key]?.text ?? "", y = b[term.key]?.text ?? ""
                        if term.ignoringCase { x = x.lowercased(); y = y.lowercased() }
                        if x == y { continue }
                        less = x < y
                    }
                    return term.ascending ? less : !less
                }
                return false
            }
        }
        let selection = fields ?? .listDefault
        guard paging else { return (kept.map { selection.apply(to: $0, lookup: lookup) }, nil) }
        let pager = Pager(page: page, pageSize: pageSize, total: kept.count)
        let slice = kept.dropFirst((page - 1) * pageSize).prefix(pageSize)
        return (slice.map { selection.apply(to: $0, lookup: lookup) }, pager)
    }

    /// A page or a page size: at least 1, and small enough that page × size cannot overflow.
    static func positive(_ text: String, field: String) throws(DomainError) -> Int {
        guard let n = Int(text), n > 0, n <= 1_000_000_000 else { throw .invalidNumber(text, field: field) }
        return n
    }
}

/// DHIS2's `pager` object: where a page lies in the whole list.
public struct Pager: Hashable, Sendable, Codable {
    public var page: Int
    public var pageCount: Int
    public var total: Int
    public var pageSize: Int

    public init(page: Int, pageSize: Int, total: Int) {
        self.page = page
        self.pageSize = pageSize
        self.total = total
        pageCount = max(1, (total + pageSize - 1) / pageSize)
    }

    public var hasNext: Bool { page < pageCount }
}

extension FieldSelection {
    /// Two `fields` parameters, as DHIS2 reads them: the members of both.
    func merged(with earlier: FieldSelection?) -> FieldSelection {
        FieldSelection((earlier?.items ?? []) + items)
    }
}

extension DomainError {
    static func badOrder(_ text: String) -> DomainError {
        DomainError(code: "invalid_order", field: "order",
                    vi: "Thứ tự sắp xếp không đọc được: \(text) (ví dụ name:asc)",
                    en: "The order cannot be read: \(text) (e.g. name:asc)")
    }
}
