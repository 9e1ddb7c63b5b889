import DXDomain

/// The problems ``Catalog/check()`` finds between the catalog's files, said once each.
extension DomainError {
    static func badOperand(_ operand: String) -> DomainError {
        DomainError(code: "invalid_operand", field: "left", vi: "Toán hạng \(operand): chỉ dùng mã chỉ tiêu, .numerator hoặc .denominator.",
                    en: "Operand \(operand): use an indicator code, .numerator or .denominator.")
    }

    static func unknownParent(_ parent: String, of unit: String) -> DomainError {
        DomainError(code: "unknown_parent", field: "parentCode", vi: "Đơn vị \(unit): không có đơn vị cha \"\(parent)\" trong danh mục.",
                    en: "Unit \(unit): parent \"\(parent)\" is not in the catalog.")
    }

    static func unknownUnit(_ code: String, inLink change: OrgUnitChange, field: String) -> DomainError {
        DomainError(code: "unknown_unit", field: field,
                    vi: "Liên kết \(change.predecessorCode) → \(change.successorCode): không có đơn vị \"\(code)\" trong danh mục.",
                    en: "Link \(change.predecessorCode) → \(change.successorCode): unit \"\(code)\" is not in the catalog.")
    }

    static let shareOutOfRange = DomainError(code: "out_of_range", field: "share", vi: "Tỷ phần phải từ 0 đến 1.", en: "share must be between 0 and 1.")

    static func computedInForm(_ indicator: String, form: String) -> DomainError {
        DomainError(code: "computed_in_form", field: "indicators",
                    vi: "Biểu \(form): chỉ tiêu \(indicator) do dxtrack tự tính, không đưa vào biểu báo cáo.",
                    en: "Form \(form): indicator \(indicator) is computed by dxtrack; it cannot be asked for in a form.")
    }

    static func formulaMixesPeriodTypes(_ indicator: String, _ types: Set<PeriodType>) -> DomainError {
        let list = types.map(\.rawValue).sorted().joined(separator: ", ")
        return DomainError(code: "wrong_period_type", field: "computed",
                           vi: "Chỉ tiêu \(indicator): công thức trộn các chỉ tiêu báo cáo theo kỳ khác nhau (\(list)).",
                           en: "Indicator \(indicator): the formula mixes indicators reported for different kinds of period (\(list)).")
    }

    static func formulaCycle(_ indicator: String) -> DomainError {
        DomainError(code: "formula_cycle", field: "computed", vi: "Chỉ tiêu \(indicator): công thức vòng quanh, tự phụ thuộc vào chính nó trong cùng kỳ.",
                    en: "Indicator \(indicator): the formula depends on itself in the same period, through other formulas.")
    }

    static func forceEndsBeforeItStarts(plan: String) -> DomainError {
        DomainError(code: "invalid_range", field: "inForceTo", vi: "Kế hoạch \(plan): ngày hết hiệu lực trước ngày có hiệu lực.",
                    en: "Plan \(plan): it stops being in force before it starts.")
    }
}
