import DXDomain

/// The fields each kind of catalog entry may have, so that a misspelt optional field
/// ("startdate") is reported instead of silently ignored; and the values an
/// enumerated field takes, for error messages.
enum CatalogFields {
    static let allowed: [String: Set<String>] = [
        "Indicator": ["code", "nameVi", "nameEn", "pillar", "valueType", "aggregation", "direction", "decimals",
                      "unitVi", "definitionVi", "numeratorVi", "denominatorVi", "computed", "published", "releaseAfterDays"],
        "Plan": ["code", "unitCode", "issuer", "number", "issuedOn", "title", "horizon", "source", "inForceFrom", "inForceTo", "supersededBy"],
        "Target": ["code", "planCode", "indicatorCode", "shape", "tolerance", "value", "perLevel", "horizon",
                   "startDate", "unitKinds", "sourceText", "maintain"],
        "OrgUnit": ["code", "name", "kind", "parentCode", "validFrom", "validTo"],
        "OrgUnitChange": ["predecessorCode", "successorCode", "kind", "effective", "share"],
        "ValidationRule": ["code", "nameVi", "left", "operator", "right", "rightConstant", "missingValueStrategy"],
        "ReportForm": ["code", "nameVi", "periodType", "unitKinds", "indicators", "deadline", "lockDaysAfterDeadline", "openFuturePeriods",
                       "approvalLevels", "signatureRequired", "reminders"],
        "Reminders": ["before", "after"],
        "ApprovalLevel": ["approverKind", "nameVi"],
        "Campaign": ["code", "nameVi", "theme", "unitCode", "planCode", "start", "end", "reviewBy", "source", "clusters", "criteria", "awards"],
    ]

    /// The fields that hold entries of their own kind, checked the same way.
    static let nested: [String: [String: String]] = [
        "ReportForm": ["reminders": "Reminders", "approvalLevels": "ApprovalLevel"],
    ]

    static let values: [String: [String]] = [
        "pillar": Pillar.allCases.map(\.rawValue),
        "valueType": ValueType.allCases.map(\.rawValue),
        "aggregation": AggregationType.allCases.map(\.rawValue),
        "direction": Direction.allCases.map(\.rawValue),
        "unitKinds": OrgUnitKind.allCases.map(\.rawValue),
        "approverKind": OrgUnitKind.allCases.map(\.rawValue),
        "shape": TargetShape.names,
        "operator": ValidationRule.Operator.allCases.map(\.rawValue),
        "missingValueStrategy": ValidationRule.MissingValueStrategy.allCases.map(\.rawValue),
    ]

    static func hint(_ field: String?) -> String {
        guard let field, let v = values[field] else { return "" }
        return "Giá trị hợp lệ: \(v.joined(separator: ", "))."
    }

    static func hintEn(_ field: String?) -> String {
        guard let field, let v = values[field] else { return "" }
        return "Valid values: \(v.joined(separator: ", "))."
    }
}
