import DXDomain
import Testing

@Suite struct GeoJSONTests {
    static let square = "[[[106.7,21.8],[106.8,21.8],[106.8,21.9],[106.7,21.9],[106.7,21.8]]]"

    @Test func polygonsAndMultiPolygonsNameTheirUnits() {
        let file = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"178","ten":"TP Lạng Sơn"},"geometry":{"type":"Polygon","coordinates":\(Self.square)}},
              {"type":"Feature","properties":{"ma":5983},"geometry":{"type":"MultiPolygon","coordinates":[\(Self.square),\(Self.square)]}}]}
            """
        let (boundaries, problems) = GeoJSON.boundaries(Array(file.utf8))
        #expect(problems.isEmpty)
        #expect(boundaries.map(\.unitCode) == ["178", "5983"], "a code written as a number is read as text")
        #expect(boundaries[0].rings.count == 1 && boundaries[0].rings[0].count == 5 && boundaries[0].rings[0][1] == [106.8, 21.8])
        #expect(boundaries[1].rings.count == 2)
        let named = GeoJSON.boundaries(Array(file.utf8), property: "ten")
        #expect(named.boundaries.map(\.unitCode) == ["TP Lạng Sơn"] && named.problems.map(\.field) == ["features[1].properties.ten"])
    }

    @Test func everyBadFeatureIsNamedByItsPlace() {
        let file = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":\(Self.square)}},
              {"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Point","coordinates":[106.7,21.8]}},
              {"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[[200,21.8],[106.8,21.8],[106.8,21.9],[200,21.8]]]}},
              {"type":"Feature","properties":{"code":"C"},"geometry":{"type":"Polygon","coordinates":[[[106.7,21.8],[106.8,21.8]]]}}]}
            """
        let (boundaries, problems) = GeoJSON.boundaries(Array(file.utf8))
        #expect(boundaries.isEmpty)
        #expect(problems.map(\.field) == ["features[0].properties.code", "features[1].geometry", "features[2].geometry", "features[3].geometry"])
        #expect(problems.allSatisfy { !$0.vi.isEmpty && !$0.en.isEmpty })
        #expect(GeoJSON.boundaries(Array("not json".utf8)).problems.map(\.code) == ["invalid_geojson"])
        #expect(GeoJSON.boundaries(Array(#"{"type":"Feature"}"#.utf8)).problems.map(\.field) == ["type"])
    }
}
