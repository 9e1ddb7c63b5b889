// Targets are written by hand in catalog files, so their coded form reads as the
// sentence it came from: `{"shape": "about", "tolerance": 2, "value": 15}`,
// `{"shape": "atLeast", "perLevel": {"province": 90, "district": 80, "commune": 60}}`.

extension TargetShape: Codable {
    private enum Keys: String, CodingKey { case shape, tolerance }

    public var name: String {
        switch self {
        case .atLeast: "atLeast"
        case .above: "above"
        case .atMost: "atMost"
        case .maintain: "maintain"
        case .about: "about"
        case .rankAtMost: "rankAtMost"
        case .growthVersusPreviousYear: "growthVersusPreviousYear"
        }
    }

    public static let names = ["atLeast", "above", "atMost", "maintain", "about", "rankAtMost", "growthVersusPreviousYear"]

    /// Rebuilds a shape from its name and tolerance (as stored in a database row).
    public init(name: String, tolerance: Double?) throws(DomainError) {
        switch name {
        case "atLeast": self = .atLeast
        case "above": self = .above
        case "atMost": self = .atMost
        case "maintain": self = .maintain
        case "rankAtMost": self = .rankAtMost
        case "growthVersusPreviousYear": self = .growthVersusPreviousYear
        case "about":
            guard let tolerance, tolerance >= 0 else {
                throw .aboutNeedsTolerance
            }
            self = .about(tolerance: tolerance)
        default:
            throw .unknownShape(name, known: Self.names)
        }
    }

    public var tolerance: Double? {
        if case .about(let t) = self { t } else { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self = try TargetShape(name: try c.decode(String.self, forKey: .shape),
                               tolerance: try c.decodeIfPresent(Double.self, forKey: .tolerance))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .shape)
        try c.encodeIfPresent(tolerance, forKey: .tolerance)
    }
}

extension TargetValue: Codable {
    private enum Keys: String, CodingKey { case value, perLevel }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let v = try c.decodeIfPresent(Double.self, forKey: .value) {
            self = .single(v)
        } else {
            let raw = try c.decode([String: Double].self, forKey: .perLevel)
            var levels: [AdminLevel: Double] = [:]
            for (k, v) in raw {
                guard let level = AdminLevel(rawValue: k) else {
                    throw DecodingError.dataCorruptedError(forKey: .perLevel, in: c,
                                                           debugDescription: "unknown level \(k)")
                }
                levels[level] = v
            }
            self = .perLevel(levels)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .single(let v): try c.encode(v, forKey: .value)
        case .perLevel(let m):
            try c.encode(Dictionary(uniqueKeysWithValues: m.map { ($0.key.rawValue, $0.value) }), forKey: .perLevel)
        }
    }
}

extension CodingUserInfoKey {
    /// The plan a target belongs to when its own `planCode` is left out (targets
    /// listed inside a plan file).
    public static let defaultPlanCode = CodingUserInfoKey(rawValue: "dxtrack.defaultPlanCode")!
}

extension Target {
    private enum Keys: String, CodingKey {
        case code, planCode, indicatorCode, horizon, startDate, unitKinds, sourceText, maintain
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(code: try c.decode(String.self, forKey: .code),
                  planCode: try c.decodeIfPresent(String.self, forKey: .planCode)
                    ?? (decoder.userInfo[.defaultPlanCode] as? String)
                    ?? c.decode(String.self, forKey: .planCode),
                  indicatorCode: try c.decode(String.self, forKey: .indicatorCode),
                  shape: try TargetShape(from: decoder),
                  value: try TargetValue(from: decoder),
                  horizon: try c.decode(Period.self, forKey: .horizon),
                  startDate: try c.decodeIfPresent(LocalDate.self, forKey: .startDate),
                  unitKinds: try c.decodeIfPresent([OrgUnitKind].self, forKey: .unitKinds) ?? [],
                  sourceText: try c.decodeIfPresent(String.self, forKey: .sourceText),
                  maintained: try c.decodeIfPresent(Bool.self, forKey: .maintain) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(code, forKey: .code)
        try c.encode(planCode, forKey: .planCode)
        try c.encode(indicatorCode, forKey: .indicatorCode)
        try shape.encode(to: encoder)
        try value.encode(to: encoder)
        try c.encode(horizon, forKey: .horizon)
        try c.encodeIfPresent(startDate, forKey: .startDate)
        if !unitKinds.isEmpty { try c.encode(unitKinds, forKey: .unitKinds) }
        try c.encodeIfPresent(sourceText, forKey: .sourceText)
        if maintained && shape != .maintain { try c.encode(true, forKey: .maintain) }
    }
}

/// The problems of a target as written in a catalog, said once each.
extension DomainError {
    static let aboutNeedsTolerance = DomainError(code: "required", field: "tolerance",
            vi: "Mục tiêu dạng \"khoảng\" cần dung sai (tolerance) không âm.",
            en: "An \"about\" target needs a non-negative tolerance.")

    static func unknownShape(_ name: String, known: [String]) -> DomainError {
        DomainError(code: "unknown_shape", field: "shape",
            vi: "Dạng mục tiêu không hợp lệ: \"\(name)\". Các dạng: \(known.joined(separator: ", ")).",
            en: "Unknown target shape \"\(name)\". Known: \(known.joined(separator: ", ")).")
    }
}
