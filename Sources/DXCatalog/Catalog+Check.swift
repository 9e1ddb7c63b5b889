import DXDomain

extension Catalog {
    /// Every way the entries do not fit together: duplicate codes, targets of unknown
    /// plans or indicators, shapes that do not fit their indicator, horizons before
    /// the plan's date, parents and predecessor links to units that do not exist,
    /// and each entry's own structural checks. Empty means the catalog can be imported.
    public func check() -> [CatalogProblem] {
        var problems: [CatalogProblem] = []
        func add(_ location: SourceLocation, _ errors: [DomainError]) {
            problems += errors.map { CatalogProblem(location: location, error: $0) }
        }

        let indicatorByCode = firstByCode(indicators, \.code, "indicator", &problems)
        let planByCode = firstByCode(plans, \.code, "plan", &problems)
        let unitByCode = firstByCode(units, \.code, "unit", &problems)
        _ = firstByCode(forms, \.code, "form", &problems)
        _ = firstByCode(rules, \.code, "rule", &problems)
        for r in rules {
            for code in r.value.indicators.sorted() where indicatorByCode[code] == nil {
                add(r.location, [DomainError.unknown(.indicator, code: code).at(field: "left")])
            }
            for operand in r.value.left + r.value.right where operand.split(separator: ".").count > 1 {
                let part = operand.split(separator: ".")[1]
                if part != "numerator" && part != "denominator" {
                    add(r.location, [.badOperand(operand)])
                }
            }
        }
        for f in forms {
            for code in f.value.indicators where indicatorByCode[code] == nil {
                add(f.location, [DomainError.unknown(.indicator, code: code).at(field: "indicators")])
            }
            if f.value.indicators.isEmpty { add(f.location, [DomainError.required("indicators")]) }
            if let problem = f.value.reminders.check(form: f.value.code) { add(f.location, [problem]) }
        }

        let targetByCode = firstByCode(targets, \.code, "target", &problems)
        _ = firstByCode(campaigns, \.code, "campaign", &problems)
        for c in campaigns {
            add(c.location, c.value.validate())
            add(c.location, c.value.checkReferences(unitExists: { unitByCode[$0] != nil }, planExists: { planByCode[$0] != nil },
                                                     target: { targetByCode[$0] }))
        }

        for i in indicators { add(i.location, i.value.validate()) }
        checkComputed(indicatorByCode, add)
        for u in units {
            add(u.location, u.value.validate())
            if let parent = u.value.parentCode, unitByCode[parent] == nil {
                add(u.location, [.unknownParent(parent, of: u.value.code)])
            }
        }
        for p in plans where unitByCode[p.value.unitCode] == nil {
            add(p.location, [DomainError.unknown(.unit, code: p.value.unitCode).at(field: "unitCode")])
        }
        for p in plans {
            if let next = p.value.supersededBy, planByCode[next] == nil {
                add(p.location, [DomainError.unknown(.plan, code: next).at(field: "supersededBy")])
            }
            if let from = p.value.inForceFrom, let to = p.value.inForceTo, to < from {
                add(p.location, [.forceEndsBeforeItStarts(plan: p.value.code)])
            }
        }
        for t in targets {
            guard let plan = planByCode[t.value.planCode] else {
                add(t.location, [DomainError.unknown(.plan, code: t.value.planCode).at(field: "planCode")])
                continue
            }
            guard let indicator = indicatorByCode[t.value.indicatorCode] else {
                add(t.location, [DomainError.unknown(.indicator, code: t.value.indicatorCode).at(field: "indicatorCode")])
                continue
            }
            add(t.location, t.value.validate(indicator: indicator, plan: plan))
        }
        for c in changes {
            for (code, field) in [(c.value.predecessorCode, "predecessorCode"), (c.value.successorCode, "successorCode")]
            where unitByCode[code] == nil {
                add(c.location, [.unknownUnit(code, inLink: c.value, field: field)])
            }
            if let share = c.value.share, !(0...1).contains(share) {
                add(c.location, [.shareOutOfRange])
            }
        }
        return problems.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
    }

    /// Formulas read known indicators, reported in one kind of period, without a cycle
    /// in the same period; nobody is asked to report a computed indicator.
    private func checkComputed(_ byCode: [String: Indicator], _ add: (SourceLocation, [DomainError]) -> Void) {
        var periodTypes: [String: Set<PeriodType>] = [:]
        for f in forms.map(\.value) { for code in f.indicators { periodTypes[code, default: []].insert(f.periodType) } }
        for i in byCode.values { if case .registry = i.computed { periodTypes[i.code] = [.quarterly] }; if case .records = i.computed { periodTypes[i.code] = [.quarterly] } }
        for f in forms {
            for code in f.value.indicators where byCode[code]?.computed != nil {
                add(f.location, [.computedInForm(code, form: f.value.code)])
            }
        }
        for located in indicators {
            guard case .formula(let formula) = located.value.computed else { continue }
            let code = located.value.code
            for op in formula.operands where byCode[op.indicator] == nil {
                add(located.location, [DomainError.unknown(.indicator, code: op.indicator).at(field: "computed")])
            }
            let types = formula.operands.reduce(into: Set<PeriodType>()) { $0.formUnion(periodTypes[$1.indicator] ?? []) }
            if types.count > 1 {
                add(located.location, [.formulaMixesPeriodTypes(code, types)])
            }
            // A cycle: following same-period operands through other formulas leads back here.
            var seen: Set<String> = [], stack = formula.operands.filter { $0.offset == 0 }.map(\.indicator)
            while let next = stack.popLast() {
                if next == code {
                    add(located.location, [.formulaCycle(code)])
                    break
                }
                guard seen.insert(next).inserted, case .formula(let inner) = byCode[next]?.computed else { continue }
                stack += inner.operands.filter { $0.offset == 0 }.map(\.indicator)
            }
        }
    }

    /// Maps code → value, reporting every code after its first use as a duplicate.
    private func firstByCode<T>(_ entries: [Located<T>], _ code: KeyPath<T, String>, _ what: String,
                                _ problems: inout [CatalogProblem]) -> [String: T] {
        var seen: [String: (T, SourceLocation)] = [:]
        for e in entries {
            let c = e.value[keyPath: code]
            if let first = seen[c] {
                problems.append(CatalogProblem(location: e.location, error: DomainError(
                    code: "duplicate_code", field: "code",
                    vi: "Mã \(what) \"\(c)\" bị trùng (đã có ở \(first.1)).",
                    en: "Duplicate \(what) code \"\(c)\" (first at \(first.1)).")))
            } else {
                seen[c] = (e.value, e.location)
            }
        }
        return seen.mapValues(\.0)
    }
}
