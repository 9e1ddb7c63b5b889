import DXDomain

extension Analytics {
    /// The component values a composite index ranks, by unit, read from approved figures.
    ///
    /// - A framework for kinds of unit (a province's own index of departments or communes):
    ///   each unit of those kinds inside `within` (or the framework's unit), every component
    ///   from its catalog indicator over the unit's subtree for `period`.
    /// - A national framework (DTI): the main-index values the ministry published, entered as
    ///   indicators `dti_<main index>` for each province.
    public func indexInputs(_ framework: IndexFramework, period: Period, within: String? = nil,
                            includeSubmitted: Bool = false) async throws -> [String: [String: Double]] {
        var roots = (within ?? framework.unitCode).map { [$0] } ?? []
        if roots.isEmpty { roots = try await db.read { try await OrgUnitStore($0).all().filter { $0.parentCode == nil }.map(\.code) } }
        var byUnit: [String: [String: Double]] = [:]
        if !framework.unitKinds.isEmpty {
            let missing = Set(try await missingComponents(framework).map(\.code))
            for component in framework.components where !missing.contains(component.code) {
                guard let indicator = component.indicator else { continue }
                for root in roots {
                    let (_, values) = try await unitValues(indicator: indicator, period: period, within: root,
                                                           kinds: framework.unitKinds, includeSubmitted: includeSubmitted)
                    for (unit, x) in values { byUnit[unit, default: [:]][component.code] = x }
                }
            }
            return byUnit
        }
        let codes = Set(framework.components.map(\.code))
        for root in roots {
            for v in try await officialValues(within: root, period: period, includeSubmitted: includeSubmitted) where v.indicatorCode.hasPrefix("dti_") {
                let code = String(v.indicatorCode.dropFirst(4))
                if codes.contains(code), let x = v.value { byUnit[v.unitCode, default: [:]][code] = x }
            }
        }
        return byUnit
    }

    /// The components whose indicator the catalog does not hold: they have no figures (and the
    /// index is computed without them), which a page says by their names.
    public func missingComponents(_ framework: IndexFramework) async throws -> [IndexComponent] {
        let wanted = Set(framework.components.compactMap(\.indicator))
        guard !wanted.isEmpty else { return [] }
        let known = try await db.read { try await CatalogStore($0).indicators(codes: wanted) }
        return framework.components.filter { c in c.indicator.map { known[$0] == nil } ?? false }
    }
}
