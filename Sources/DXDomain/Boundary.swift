import Foundation

/// A unit's outline on the map: its polygons' rings as longitude, latitude pairs (WGS 84,
/// as GeoJSON writes them). Holes are rings too: the map fills with the even-odd rule.
public struct Boundary: Hashable, Sendable, Codable {
    public var unitCode: String
    public var rings: [[[Double]]]

    public init(unitCode: String, rings: [[[Double]]]) {
        self.unitCode = unitCode
        self.rings = rings
    }
}

/// Reads unit boundaries from a GeoJSON FeatureCollection (Polygon and MultiPolygon
/// features; each names its unit in a property). Every problem names its feature and
/// field; the caller decides whether any problem stops the import (it does).
public enum GeoJSON {
    /// The properties tried, in order, when the caller names none.
    public static let codeProperties = ["code", "ma", "unit_code", "unitCode"]

    public static func boundaries(_ bytes: [UInt8], property: String? = nil) -> (boundaries: [Boundary], problems: [DomainError]) {
        func problem(_ field: String, _ vi: String, _ en: String) -> DomainError {
            DomainError(code: "invalid_geojson", field: field, vi: vi, en: en)
        }
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return ([], [problem("", "Tệp không phải JSON hợp lệ.", "The file is not valid JSON.")])
        }
        guard root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any] else {
            return ([], [problem("type", "Cần một FeatureCollection có mảng features.", "A FeatureCollection with a features array is expected.")])
        }
        var out: [Boundary] = [], problems: [DomainError] = []
        for (i, item) in features.enumerated() {
            let at = "features[\(i)]"
            let feature = item as? [String: Any] ?? [:]
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let names = property.map { [$0] } ?? codeProperties
            guard let code = names.lazy.compactMap({ Self.text(properties[$0]) }).first else {
                problems.append(problem("\(at).properties.\(names[0])", "Đối tượng \(i + 1) không có mã đơn vị (thuộc tính \(names.joined(separator: ", "))).",
                                        "Feature \(i + 1) has no unit code (property \(names.joined(separator: ", ")))."))
                continue
            }
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            let polygons: [Any]?
            switch geometry["type"] as? String {
            case "Polygon": polygons = [geometry["coordinates"] as Any]
            case "MultiPolygon": polygons = geometry["coordinates"] as? [Any]
            default: polygons = nil
            }
            let rings = polygons?.compactMap { $0 as? [Any] }.flatMap { $0 }.map(Self.ring)
            guard let rings, !rings.isEmpty, rings.allSatisfy({ $0 != nil && $0!.count >= 4 }) else {
                problems.append(problem("\(at).geometry", "Đối tượng \(i + 1) (\(code)): cần Polygon hoặc MultiPolygon với toạ độ [kinh độ, vĩ độ].",
                                        "Feature \(i + 1) (\(code)): a Polygon or MultiPolygon of [longitude, latitude] is expected."))
                continue
            }
            out.append(Boundary(unitCode: code, rings: rings.compactMap { $0 }))
        }
        return (out, problems)
    }

    /// A ring's positions, or nil when one is not a longitude, latitude pair in range.
    private static func ring(_ value: Any) -> [[Double]]? {
        guard let points = value as? [Any] else { return nil }
        var out: [[Double]] = []
        for p in points {
            guard let xy = p as? [Any], xy.count >= 2, let lon = (xy[0] as? NSNumber)?.doubleValue, let lat = (xy[1] as? NSNumber)?.doubleValue,
                  (-180...180).contains(lon), (-90...90).contains(lat) else { return nil }
            out.append([lon, lat])
        }
        return out
    }

    /// Codes are text, but a file made from a spreadsheet may hold 178 as a number.
    private static func text(_ value: Any?) -> String? {
        if let s = value as? String, !s.isEmpty { return s }
        if let n = value as? NSNumber { return n.stringValue }
        return nil
    }
}
