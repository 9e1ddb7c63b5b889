/// How an indicator that nobody types in is computed.
///
/// Some seed targets measure what dxtrack holds already: the information-system
/// registry (systems classified by security level, hosted on the provincial cloud,
/// connected to monitoring), its own records (reports sent on time through it, units
/// with an active reporter), or other indicators (`#{A} / #{B} * 100`). Written in a
/// catalog as `computed: {registry: classified}`, `computed: {records: reportsOnTime}`
/// or `computed: {formula: "#{a} / #{a}.periodOffset(-4)"}`.
public enum Computation: Hashable, Sendable {
    case registry(RegistryMetric)
    case records(RecordMetric)
    case formula(Formula)

    /// What a coordinator reads beside a computed value.
    public var describeVi: String {
        switch self {
        case .registry(let m): "Tính từ sổ đăng ký hệ thống thông tin: \(m.nameVi)"
        case .records(let m): "Tính từ hồ sơ của dxtrack: \(m.nameVi)"
        case .formula(let f): "Công thức: \(f.text)"
        }
    }
}

/// Shares over the information systems in operation in a unit's subtree.
public enum RegistryMetric: String, Hashable, Sendable, CaseIterable, Codable {
    /// With an approved security level and an approved protection plan.
    case classified
    /// Hosted on the province's cloud platform (Lạng Sơn Cloud).
    case provincialCloud
    /// Connected to the monitoring centre.
    case monitored

    public var nameVi: String {
        switch self {
        case .classified: "tỷ lệ hệ thống đang vận hành đã được phê duyệt cấp độ và phương án bảo đảm an toàn"
        case .provincialCloud: "tỷ lệ hệ thống đang vận hành trên nền tảng điện toán đám mây của tỉnh"
        case .monitored: "tỷ lệ hệ thống đang vận hành được kết nối giám sát"
        }
    }
}

/// Shares dxtrack knows from its own records.
public enum RecordMetric: String, Hashable, Sendable, CaseIterable, Codable {
    /// Reports due in the period (in the unit's subtree) sent through dxtrack by their deadline.
    case reportsOnTime
    /// Units of the subtree that owe a report and have an enabled reporter account.
    case activeReporters
    /// Units of the subtree that owe a report and have sent one through dxtrack: it is deployed there.
    case unitsReporting

    public var nameVi: String {
        switch self {
        case .reportsOnTime: "tỷ lệ báo cáo đến hạn trong kỳ được gửi qua hệ thống đúng hạn"
        case .activeReporters: "tỷ lệ đơn vị phải báo cáo có tài khoản người báo cáo đang hoạt động"
        case .unitsReporting: "tỷ lệ đơn vị phải báo cáo đã gửi báo cáo qua hệ thống thông tin báo cáo"
        }
    }
}

extension Computation: Codable {
    private enum Keys: String, CodingKey { case registry, records, formula }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let m = try c.decodeIfPresent(RegistryMetric.self, forKey: .registry) {
            self = .registry(m)
        } else if let m = try c.decodeIfPresent(RecordMetric.self, forKey: .records) {
            self = .records(m)
        } else if let text = try c.decodeIfPresent(String.self, forKey: .formula) {
            do { self = .formula(try Formula(text)) } catch {
                throw DecodingError.dataCorruptedError(forKey: .formula, in: c, debugDescription: "\(error.vi) / \(error.en)")
            }
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "computed needs one of registry, records, formula"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .registry(let m): try c.encode(m, forKey: .registry)
        case .records(let m): try c.encode(m, forKey: .records)
        case .formula(let f): try c.encode(f.text, forKey: .formula)
        }
    }
}
