import DXDomain

/// Where an entry of a catalog was written: the file and the line its entry starts on.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A catalog entry with the place it was read from, so every problem can point there.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
}

/// A problem in a catalog: where, and what, in Vietnamese and English.
public struct CatalogProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var error: DomainError

    /// `file:line [field]: Vietnamese` and the English below it.
    public var description: String {
        let head = "\(location)\(error.field.map { " [\($0)]" } ?? "")"
        return "\(head): \(error.vi)\n\(String(repeating: " ", count: head.count + 2))\(error.en)"
    }
}

/// A province's catalog: the indicators it measures, its plans and their targets,
/// its units and the changes of its map, and the national province map.
///
/// Catalogs are folders of YAML files (see `StarterCatalog/README.md`), so that a
/// coordinator can copy the starter catalog, edit it for their province and keep it
/// under version control. ``CatalogLoader`` reads them; ``check()`` finds what
/// does not fit together; ``CatalogImporter`` writes them to the database.
public struct Catalog: Sendable {
    public var indicators: [Located<Indicator>] = []
    public var plans: [Located<Plan>] = []
    public var targets: [Located<Target>] = []
    public var units: [Located<OrgUnit>] = []
    public var changes: [Located<OrgUnitChange>] = []
    public var provinceMergers: [Located<ProvinceMerger>] = []
    public var forms: [Located<ReportForm>] = []
    public var rules: [Located<ValidationRule>] = []
    public var campaigns: [Located<Campaign>] = []

    public init() {}

    mutating func append(_ other: Catalog) {
        indicators += other.indicators; plans += other.plans; targets += other.targets; units += other.units
        changes += other.changes; provinceMergers += other.provinceMergers; forms += other.forms; rules += other.rules; campaigns += other.campaigns
    }

    /// Moves every entry's location (a workbook's rows were read as YAML lines).
    mutating func relocate(_ move: (SourceLocation) -> SourceLocation) {
        func moved<T>(_ list: [Located<T>]) -> [Located<T>] { list.map { Located(value: $0.value, location: move($0.location)) } }
        indicators = moved(indicators); plans = moved(plans); targets = moved(targets); units = moved(units)
        changes = moved(changes); provinceMergers = moved(provinceMergers); forms = moved(forms); rules = moved(rules); campaigns = moved(campaigns)
    }
}
