/// dxtrack's catalog as the metadata a DHIS2 client reads before it writes: units as
/// `organisationUnits` (with `level`, `path`, `parent`, `children`), reported
/// indicators as `dataElements`, computed ones as `indicators`, forms as `dataSets`,
/// and the combos by which a fraction travels as numerator and denominator.
///
/// Objects are whole, and refer to one another as `{"id": UID}`; ``lookup(_:)`` finds
/// the object behind a reference, so a client's `fields=parent[name]` is answered.
public struct DHIS2Metadata: Sendable {
    public let ids: DHIS2Identifiers
    /// The codes of the units at the top of the tree.
    public let roots: [String]
    /// Every object of each kind, in catalog order.
    public private(set) var lists: [DHIS2Resource: [JSONValue]] = [:]
    private var byUID: [String: JSONValue] = [:]

    public init(units: [OrgUnit], indicators: [Indicator], forms: [ReportForm], ids: DHIS2Identifiers) {
        self.ids = ids
        roots = units.filter { $0.parentCode == nil }.map(\.code)
        func ref(_ kind: DHIS2Kind, _ code: String) -> JSONValue? { ids.uid(kind, code).map { .object(["id": .string($0)]) } }
        func dateTime(_ d: LocalDate?) -> JSONValue? { d.map { .string("\($0.iso)T00:00:00.000") } }
        func names(_ name: String, code: String) -> [String: JSONValue] {
            ["code": .string(code), "name": .string(name), "displayName": .string(name),
             "shortName": .string(String(name.prefix(50))), "displayShortName": .string(String(name.prefix(50)))]
        }

        // Units: level and path follow the tree from its root.
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let children = Dictionary(grouping: units.filter { $0.parentCode != nil }, by: { $0.parentCode! })
        func chain(_ u: OrgUnit) -> [OrgUnit] {
            var out = [u], seen: Set<String> = [u.code]
            while let p = out.last?.parentCode, let parent = byCode[p], seen.insert(p).inserted { out.append(parent) }
            return out.reversed()
        }
        lists[.organisationUnits] = units.compactMap { u in
            guard let uid = ids.uid(.organisationUnit, u.code) else { return nil }
            let line = chain(u)
            var o = names(u.name, code: u.code)
            o["id"] = .string(uid)
            o["level"] = .number(Double(line.count))
            o["path"] = .string("/" + line.compactMap { ids.uid(.organisationUnit, $0.code) }.joined(separator: "/"))
            o["parent"] = u.parentCode.flatMap { ref(.organisationUnit, $0) }
            o["children"] = .array((children[u.code] ?? []).compactMap { ref(.organisationUnit, $0.code) })
            o["leaf"] = .bool(children[u.code] == nil)
            o["openingDate"] = dateTime(u.validFrom) ?? "1970-01-01T00:00:00.000"
            o["closedDate"] = dateTime(u.validTo)
            o["description"] = .string(u.kind.nameVi)
            return .object(o)
        }
        var levels: [Int: [OrgUnitKind]] = [:]
        for u in units { levels[chain(u).count, default: []].append(u.kind) }
        lists[.organisationUnitLevels] = levels.keys.sorted().map { level in
            let kinds = levels[level]!, common = Dictionary(grouping: kinds, by: { $0 }).max { $0.value.count < $1.value.count }!.key
            let code = "LEVEL-\(level)"
            return .object(["id": .string(DHIS2UID.derived(.organisationUnit, code: code)), "level": .number(Double(level)),
                            "name": .string(common.nameVi), "displayName": .string(common.nameVi), "code": .string(code)])
        }

        // Forms.
        let formsOf = Dictionary(grouping: forms.flatMap { f in f.indicators.map { ($0, f.code) } }, by: \.0).mapValues { $0.map(\.1) }
        lists[.dataSets] = forms.compactMap { f in
            guard let uid = ids.uid(.dataSet, f.code) else { return nil }
            var o = names(f.nameVi, code: f.code)
            o["id"] = .string(uid)
            o["periodType"] = .string(f.periodType.rawValue)
            o["openFuturePeriods"] = .number(Double(f.openFuturePeriods))
            // DHIS2's expiry counts days from the period's end; dxtrack locks some days after the deadline.
            let sample = Period(type: f.periodType, containing: LocalDate(year: 2025, month: 1, day: 1)!)
            o["expiryDays"] = .number(Double(f.lockDaysAfterDeadline.map { sample.end.days(until: f.deadline.deadline(for: sample)) + $0 } ?? 0))
            o["timelyDays"] = .number(Double(max(0, sample.end.days(until: f.deadline.deadline(for: sample)))))
            o["categoryCombo"] = ref(.categoryCombo, "default")
            o["dataSetElements"] = .array(f.indicators.compactMap { code in
                (ids.uid(.dataElement, code)).map { .object(["dataElement": .object(["id": .string($0)]), "dataSet": .object(["id": .string(uid)])]) }
            })
            o["organisationUnits"] = .array(units.filter { f.unitKinds.contains($0.kind) }.compactMap { ref(.organisationUnit, $0.code) })
            o["approveData"] = .bool(!f.approvalLevels.isEmpty)
            return .object(o)
        }

        // Indicators: those units report are data elements; computed ones are DHIS2's indicators.
        lists[.dataElements] = indicators.filter { $0.computed == nil }.compactMap { i in
            guard let uid = ids.uid(.dataElement, i.code) else { return nil }
            var o = names(i.nameVi, code: i.code)
            o["id"] = .string(uid)
            o["formName"] = .string(i.nameVi)
            o["description"] = i.definitionVi.map { .string($0) }
            o["domainType"] = "AGGREGATE"
            o["valueType"] = .string(Self.valueType(i.valueType))
            o["aggregationType"] = .string(Self.aggregationType(i.aggregation))
            o["zeroIsSignificant"] = true
            o["categoryCombo"] = ref(.categoryCombo, i.takesFraction ? DHIS2Identifiers.fraction : "default")
            o["dataSets"] = .array((formsOf[i.code] ?? []).compactMap { ref(.dataSet, $0) })
            o["dataSetElements"] = .array((formsOf[i.code] ?? []).compactMap { f in
                ids.uid(.dataSet, f).map { .object(["dataSet": .object(["id": .string($0)]), "dataElement": .object(["id": .string(uid)])]) }
            })
            return .object(o)
        }
        lists[.indicators] = indicators.filter { $0.computed != nil }.compactMap { i in
            guard let uid = ids.uid(.indicator, i.code), let computed = i.computed else { return nil }
            var o = names(i.nameVi, code: i.code)
            o["id"] = .string(uid)
            o["description"] = .string(computed.describeVi)
            o["numerator"] = .string(computed.describeVi)
            o["numeratorDescription"] = i.numeratorVi.map { .string($0) }
            o["denominator"] = "1"
            o["denominatorDescription"] = i.denominatorVi.map { .string($0) }
            o["decimals"] = .number(Double(i.decimals))
            o["annualized"] = false
            return .object(o)
        }

        // The combos: default (every DHIS2 has it) and the fraction's numerator and denominator.
        let combo = { (code: String, name: String, options: [String]) -> JSONValue in
            .object(["id": .string(ids.uid(.categoryCombo, code)!), "code": .string(code), "name": .string(name), "displayName": .string(name),
                     "dataDimensionType": "DISAGGREGATION", "isDefault": .bool(code == "default"),
                     "categoryOptionCombos": .array(options.compactMap { ref(.categoryOptionCombo, $0) })])
        }
        lists[.categoryCombos] = [combo("default", "default", ["default"]),
                                  combo(DHIS2Identifiers.fraction, "Tử số, mẫu số", [DataValueSet.numerator, DataValueSet.denominator])]
        let option = { (code: String, name: String, combo: String) -> JSONValue in
            .object(["id": .string(ids.uid(.categoryOptionCombo, code)!), "code": .string(code), "name": .string(name), "displayName": .string(name),
                     "categoryCombo": ref(.categoryCombo, combo) ?? .null, "ignoreApproval": false])
        }
        lists[.categoryOptionCombos] = [option("default", "default", "default"),
                                        option(DataValueSet.numerator, "Tử số", DHIS2Identifiers.fraction),
                                        option(DataValueSet.denominator, "Mẫu số", DHIS2Identifiers.fraction)]
        lists[.periodTypes] = PeriodType.allCases.map { t in
            .object(["name": .string(t.rawValue), "displayName": .string(t.nameVi), "frequencyOrder": .number(Double(Self.frequencyOrder(t))),
                     "isoDuration": .string(Self.isoDuration(t)), "isoFormat": .string(Self.isoFormat(t))])
        }
        for list in lists.values { for o in list { if let id = o["id"]?.text { byUID[id] = o } } }
    }

    /// The whole object a UID names, of any kind.
    public func lookup(_ uid: String) -> JSONValue? { byUID[uid] }

    static func valueType(_ t: ValueType) -> String {
        switch t {
        case .percentage: "PERCENTAGE"
        case .count, .rank: "INTEGER_ZERO_OR_POSITIVE"
        case .amount, .ratio: "NUMBER"
        case .yesNo: "TRUE_ONLY"
        }
    }

    static func aggregationType(_ a: AggregationType) -> String {
        switch a {
        case .ratioOfSums, .sum: "SUM"
        case .average: "AVERAGE"
        case .last: "LAST"
        case .min: "MIN"
        case .max: "MAX"
        }
    }

    static func frequencyOrder(_ t: PeriodType) -> Int {
        switch t { case .daily: 1
        case .weekly: 7
        case .monthly: 30
        case .quarterly: 91
        case .sixMonthly: 182
        case .yearly: 365 }
    }

    static func isoDuration(_ t: PeriodType) -> String {
        switch t { case .daily: "P1D"
        case .weekly: "P7D"
        case .monthly: "P1M"
        case .quarterly: "P3M"
        case .sixMonthly: "P6M"
        case .yearly: "P1Y" }
    }

    static func isoFormat(_ t: PeriodType) -> String {
        switch t { case .daily: "yyyyMMdd"
        case .weekly: "yyyyWn"
        case .monthly: "yyyyMM"
        case .quarterly: "yyyyQn"
        case .sixMonthly: "yyyySn"
        case .yearly: "yyyy" }
    }
}

/// The metadata lists dxtrack serves, by the names DHIS2 gives their paths.
public enum DHIS2Resource: String, CaseIterable, Sendable {
    case organisationUnits, organisationUnitLevels, dataElements, indicators, dataSets
    case categoryCombos, categoryOptionCombos, periodTypes

    /// Where dxtrack's router serves the list: under its DHIS2 name, but for `indicators`,
    /// whose name dxtrack's own catalog list had first (`/api/indicators`).
    public var routePath: String { self == .indicators ? "dhis2/indicators" : rawValue }
}
