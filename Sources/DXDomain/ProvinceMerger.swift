/// One line of the 2025 map: a former province (of 63) and the province (of 34)
/// it belongs to since 12/06/2025. National views restate old series through it.
public struct ProvinceMerger: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case unchanged, merged
    }

    public var formerProvince: String
    public var currentProvince: String
    public var kind: Kind

    public init(formerProvince: String, currentProvince: String, kind: Kind) {
        self.formerProvince = formerProvince
        self.currentProvince = currentProvince
        self.kind = kind
    }
}
