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
                    add(r.location, [DomainError(code: "invalid_operand", field: "left",
                                                 vi: "Toán hạng \(operand): chỉ dùng mã chỉ tiêu, .numerator hoặc .denominator.",
                                                 en: "Operand \(operand): use an indicator code, .numerator or .denominator.")])
                }
            }
        }
        for f in forms {
            for code in f.value.indicators where indicatorByCode[code] == nil {
                add(f.location, [DomainError.unknown(.indicator, code: code).at(field: "indicators")])
            }
            if f.value.indicators.isEmpty { add(f.location, [DomainError.required("indicators")]) }
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
                add(u.location, [DomainError(code: "unknown_parent", field: "parentCode",
                                             vi: "Đơn vị \(u.value.code): không có đơn vị cha \"\(parent)\" trong danh mục.",
                                             en: "Unit \(u.value.code): parent \"\(parent)\" is not in the catalog.")])
            }
        }
        for p in plans where unitByCode[p.value.unitCode] == nil {
            add(p.location, [DomainError.unknown(.unit, code: p.value.unitCode).at(field: "unitCode")])
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
                add(c.location, [DomainError(code: "unknown_unit", field: field,
                                             vi: "Liên kết \(c.value.predecessorCode) → \(c.value.successorCode): không có đơn vị \"\(code)\" trong danh mục.",
                                             en: "Link \(c.value.predecessorCode) → \(c.value.successorCode): unit \"\(code)\" is not in the catalog.")])
            }
            if let share = c.value.share, !(0...1).contains(share) {
                add(c.location, [DomainError(code: "out_of_range", field: "share", vi: "Tỷ phần phải từ 0 đến 1.",
                                             en: "share must be between 0 and 1.")])
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
                add(f.location, [DomainError(code: "computed_in_form", field: "indicators",
                                             vi: "Biểu \(f.value.code): chỉ tiêu \(code) do dxtrack tự tính, không đưa vào biểu báo cáo.",
                                             en: "Form \(f.value.code): indicator \(code) is computed by dxtrack; it cannot be asked for in a form.")])
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
                add(located.location, [DomainError(code: "wrong_period_type", field: "computed",
                                                   vi: "Chỉ tiêu \(code): công thức trộn các chỉ tiêu báo cáo theo kỳ khác nhau (\(types.map(\.rawValue).sorted().joined(separator: ", "))).",
                                                   en: "Indicator \(code): the formula mixes indicators reported for different kinds of period (\(types.map(\.rawValue).sorted().joined(separator: ", "))).")])
            }
            // A cycle: following same-period operands through other formulas leads back here.
            var seen: Set<String> = [], stack = formula.operands.filter { $0.offset == 0 }.map(\.indicator)
            while let next = stack.popLast() {
                if next == code {
                    add(located.location, [DomainError(code: "formula_cycle", field: "computed",
                                                       vi: "Chỉ tiêu \(code): công thức vòng quanh, tự phụ thuộc vào chính nó trong cùng kỳ.",
                                                       en: "Indicator \(code): the formula depends on itself in the same period, through other formulas.")])
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
