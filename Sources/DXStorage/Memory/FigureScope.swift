import DXDomain

/// What a derived figure reads, and what a write changes, in the terms figures are kept by:
/// indicators (their values, and the reports that make those values official) and report
/// forms (which reports are owed, sent, approved).
///
/// A figure kept at one data version is still true at a later one when no write in
/// between changed anything it reads (``DerivedFigures``). So a reporter's 20 values of
/// four indicators make the province's targets of those four indicators be judged again,
/// and leave its other 196 targets as they were.
///
/// Writes are broad unless they say otherwise: a transaction that changes the catalog, the
/// units or anything else names no scope and every figure is computed afresh after it.
/// Only the writes of the reporting cycle, which must stay cheap at a deadline, name theirs
/// (``Database/transaction(changingOnly:)``).
public struct FigureScope: Sendable, Hashable, Codable {
    public var indicators: Set<String>
    public var forms: Set<String>

    public init(indicators: Set<String> = [], forms: Set<String> = []) {
        self.indicators = indicators
        self.forms = forms
    }

    /// A figure made of the catalog and the units alone: only a broad write changes it.
    public static let structure = FigureScope()

    /// The scope of a change to reports of `form`: the form itself, and its indicators,
    /// whose official figures follow the reports' status.
    static func reports(of form: ReportForm) -> FigureScope {
        FigureScope(indicators: Set(form.indicators), forms: [form.code])
    }

    func overlaps(_ other: FigureScope) -> Bool {
        !indicators.isDisjoint(with: other.indicators) || !forms.isDisjoint(with: other.forms)
    }
}

/// The narrow changes of the data versions a process has heard of: what each changed
/// (`figure_changes`), read from the database so that every instance knows what every
/// other one wrote. A version without a row there was a broad write.
struct FigureChanges {
    /// Narrow changes by version, from `floor` (exclusive) to `through` (inclusive).
    private var narrow: [Int64: FigureScope] = [:]
    private(set) var through: Int64 = 0
    private var floor: Int64 = 0

    /// Whether every write after `version` up to `later` left `reads` alone. False when the
    /// log does not reach that far back or forward: nothing is known of those versions.
    func leftAlone(_ reads: FigureScope, from version: Int64, to later: Int64) -> Bool {
        guard version >= floor, later <= through, version < later else { return version >= later }
        for v in (version + 1)...later {
            guard let changed = narrow[v], !changed.overlaps(reads) else { return false }
        }
        return true
    }

    /// What the log needs to judge figures at `version`.
    enum Need: Equatable {
        case nothing
        /// The rows after this version: the log is read up to it.
        case rows(after: Int64)
        /// Nothing: the log starts again at `version` (never read, or too far behind), as if
        /// everything before it had been broad.
        case restart
    }

    func need(through version: Int64) -> Need {
        guard version > through else { return .nothing }
        return through == 0 || version - through > Self.span ? .restart : .rows(after: through)
    }

    /// Adds what the database recorded after `need`'s version up to `version`.
    mutating func extend(_ need: Need, to version: Int64, with rows: [(Int64, FigureScope)]) {
        guard version > through else { return }
        guard case .rows(let after) = need, after <= through else {
            (narrow, floor, through) = ([:], version, version)
            return
        }
        for (v, scope) in rows where v > through && v <= version { narrow[v] = scope }
        through = version
        // Bounded: a figure more than `span` writes behind is computed afresh anyway.
        if narrow.count > 2 * Int(Self.span) { forget(through: through - Self.span) }
    }

    /// Forgets versions up to `version`: no kept figure is older.
    mutating func forget(through version: Int64) {
        guard version > floor else { return }
        floor = min(version, through)
        narrow = narrow.filter { $0.key > floor }
    }

    /// How many versions are read at once: past that many writes, figures are computed afresh.
    static let span: Int64 = 10_000
}
