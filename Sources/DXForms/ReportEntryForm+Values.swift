import DXDomain

extension ReportEntryForm {
    /// The typed fields as values, read as people type numbers ("37,8", "1.000"), and every
    /// problem of every row found in one pass: a figure that is not a number ("abc") beside
    /// one that breaks its indicator's rules ("150/100"), so the page can show all of them at
    /// once, each next to its field. A row left empty is not entered yet, not a problem.
    ///
    /// Problems name their field as the API does, `values[i].numerator` for the form's
    /// i-th indicator, and say which indicator by its name.
    public func values(of form: ReportForm, indicators: [String: Indicator], unit: String, period: Period) -> ([DataValueInput], [DomainError]) {
        var inputs: [DataValueInput] = [], problems: [DomainError] = []
        for (i, code) in form.indicators.enumerated() {
            var unreadable = false
            func number(_ part: String, _ field: String) -> Double? {
                guard let text = typed(part, code) else { return nil }
                guard let x = VietnameseNumber.parse(text) else {
                    problems.append(DomainError.invalidNumber(text, field: "values[\(i)].\(field)"))
                    unreadable = true
                    return nil
                }
                return x
            }
            let (v, n, d) = (number("v", "value"), number("n", "numerator"), number("d", "denominator"))
            if unreadable || (v == nil && n == nil && d == nil) { continue }
            let input = DataValueInput(unit: unit, indicator: code, period: period.id, value: v, numerator: n, denominator: d, comment: typed("c", code))
            if let indicator = indicators[code],
               case .failure(let found) = indicator.check(DataValue(unitCode: unit, indicatorCode: code, period: period, value: v, numerator: n, denominator: d)) {
                problems += found.errors.map { $0.at(field: "values[\(i)].\($0.field ?? "value")") }
                continue
            }
            inputs.append(input)
        }
        return (inputs, problems)
    }
}
