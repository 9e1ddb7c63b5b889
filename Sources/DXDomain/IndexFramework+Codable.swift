// Frameworks are written by hand as data files: optional fields may be left out
// (`aggregation` defaults to arithmetic, `availabilityThreshold` to 1, a
// component's `normalisation` to none), and a normalisation reads as what it does:
// `{kind: minMax, lower: 0, upper: 100}`.

extension IndexFramework {
    private enum Keys: String, CodingKey {
        case code, nameVi, aliases, source, components, aggregation, availabilityThreshold, pillars, unitKinds, unitCode
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(code: try c.decode(String.self, forKey: .code), nameVi: try c.decode(String.self, forKey: .nameVi),
                  aliases: try c.decodeIfPresent([String].self, forKey: .aliases) ?? [],
                  source: try c.decodeIfPresent(String.self, forKey: .source),
                  components: try c.decode([IndexComponent].self, forKey: .components),
                  aggregation: try c.decodeIfPresent(IndexAggregation.self, forKey: .aggregation) ?? .arithmetic,
                  availabilityThreshold: try c.decodeIfPresent(Double.self, forKey: .availabilityThreshold) ?? 1,
                  pillars: try c.decodeIfPresent([IndexPillar].self, forKey: .pillars) ?? [],
                  unitKinds: try c.decodeIfPresent([OrgUnitKind].self, forKey: .unitKinds) ?? [],
                  unitCode: try c.decodeIfPresent(String.self, forKey: .unitCode))
    }
}

extension IndexComponent {
    private enum Keys: String, CodingKey { case code, nameVi, weight, normalisation, indicator }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(code: try c.decode(String.self, forKey: .code), nameVi: try c.decode(String.self, forKey: .nameVi),
                  weight: try c.decode(Double.self, forKey: .weight),
                  normalisation: try c.decodeIfPresent(Normalisation.self, forKey: .normalisation) ?? .none,
                  indicator: try c.decodeIfPresent(String.self, forKey: .indicator))
    }
}

extension Normalisation: Codable {
    private enum Keys: String, CodingKey { case kind, max, lower, upper, target, lowerIsBetter }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let inverted = try c.decodeIfPresent(Bool.self, forKey: .lowerIsBetter) ?? false
        switch try c.decode(String.self, forKey: .kind) {
        case "none": self = .none
        case "pointsOverMax": self = .pointsOverMax(try c.decode(Double.self, forKey: .max))
        case "minMax": self = .minMax(lower: try c.decode(Double.self, forKey: .lower), upper: try c.decode(Double.self, forKey: .upper), lowerIsBetter: inverted)
        case "distanceToTarget": self = .distanceToTarget(target: try c.decode(Double.self, forKey: .target), lowerIsBetter: inverted)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown normalisation \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .none: try c.encode("none", forKey: .kind)
        case .pointsOverMax(let m): try c.encode("pointsOverMax", forKey: .kind); try c.encode(m, forKey: .max)
        case .minMax(let lo, let hi, let inv):
            try c.encode("minMax", forKey: .kind); try c.encode(lo, forKey: .lower); try c.encode(hi, forKey: .upper)
            try c.encode(inv, forKey: .lowerIsBetter)
        case .distanceToTarget(let t, let inv):
            try c.encode("distanceToTarget", forKey: .kind); try c.encode(t, forKey: .target); try c.encode(inv, forKey: .lowerIsBetter)
        }
    }
}
