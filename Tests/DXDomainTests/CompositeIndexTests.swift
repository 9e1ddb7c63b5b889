import DXDomain
import Foundation
import Testing

@Suite struct CompositeIndexTests {
    /// QĐ 922/QĐ-BTTTT, as shipped in Sources/DXCatalog/Frameworks/dti-2022.yaml.
    static let dti2022 = IndexFramework(
        code: "dti-2022", nameVi: "DTI",
        components: [("nhan_thuc_so", 100.0), ("the_che_so", 100), ("ha_tang_so", 100), ("nhan_luc_so", 100),
                     ("an_toan_thong_tin_mang", 100), ("do_thi_thong_minh", 0), ("hd_chinh_quyen_so", 200),
                     ("hd_kinh_te_so", 150), ("hd_xa_hoi_so", 150)].map { IndexComponent(code: $0.0, nameVi: $0.0, weight: $0.1) },
        pillars: [("cqs", "hd_chinh_quyen_so"), ("kts", "hd_kinh_te_so"), ("xhs", "hd_xa_hoi_so")].map {
            IndexPillar(code: $0.0, nameVi: $0.0, components: ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang", $0.1])
        })

    static let mainIndices = ["nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang",
                              "hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so"]

    /// The top five of the ministry's DTI 2022 ranking (dti.gov.vn/xep-hang-2022): the
    /// eight scored main indices and the published DTI, all at 4 decimals.
    static let published2022: [(String, [Double], Double)] = [
        ("TP. Đà Nẵng", [1.0000, 0.9000, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197], 0.8002),
        ("TP. Hồ Chí Minh", [0.8917, 0.9000, 0.8258, 0.6267, 0.5580, 0.8406, 0.7611, 0.3590], 0.7163),
        ("Quảng Ninh", [0.9581, 0.9000, 0.7648, 0.6250, 0.5382, 0.8385, 0.5904, 0.4505], 0.7024),
        ("Thừa Thiên - Huế", [0.9500, 0.9000, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001], 0.6975),
        ("TP. Cần Thơ", [0.9000, 0.8000, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947], 0.6924),
    ]

    static func values(_ v: [Double]) -> [String: Double] { Dictionary(uniqueKeysWithValues: zip(mainIndices, v)) }

    @Test func reproducesThePublishedDTI2022() {
        let input = Dictionary(uniqueKeysWithValues: Self.published2022.map { ($0.0, Self.values($0.1)) })
        let ranked = Self.dti2022.rank(input)
        for (i, (unit, _, dti)) in Self.published2022.enumerated() {
            let r = ranked.first { $0.score.unit == unit }!
            // The inputs are published rounded to 4 decimals, so the total can differ by one in the 4th.
            #expect(abs(r.score.index! - dti) <= 0.0001 + 1e-9, "\(unit): \(r.score.index!) vs \(dti)")
            #expect(r.rank == i + 1, "\(unit)")
        }
    }

    @Test func pillarsWeighTheFoundationWithTheirOwnMainIndex() {
        let s = Self.dti2022.score(unit: "x", values: Self.values([0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 0.2, 0.0]))
        #expect(abs(s.pillars["cqs"]! - (250 + 200) / 700) < 1e-12)
        #expect(abs(s.pillars["kts"]! - (250 + 30) / 650) < 1e-12)
        #expect(abs(s.pillars["xhs"]! - 250.0 / 650) < 1e-12)
        #expect(abs(s.index! - (250 + 200 + 30) / 1000) < 1e-12)
        // Smart city carries no points.
        var withCity = Self.values([0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 0.2, 0.0])
        withCity["do_thi_thong_minh"] = 1
        #expect(Self.dti2022.score(unit: "x", values: withCity).index == s.index)
    }

    @Test func dti2020IsFourTenthsGovernmentAndThreeTenthsEachOther() {
        let f = IndexFramework(code: "dti-2020", nameVi: "DTI 2020",
                               components: [IndexComponent(code: "cqs", nameVi: "", weight: 400), IndexComponent(code: "kts", nameVi: "", weight: 300),
                                            IndexComponent(code: "xhs", nameVi: "", weight: 300)])
        let s = f.score(unit: "x", values: ["cqs": 0.6, "kts": 0.3, "xhs": 0.5])
        #expect(abs(s.index! - (0.4 * 0.6 + 0.3 * 0.3 + 0.3 * 0.5)) < 1e-12)
    }

    @Test func tiesShareARankAndTheNextRankIsSkipped() {
        let f = IndexFramework(code: "t", nameVi: "t", components: [IndexComponent(code: "a", nameVi: "a", weight: 1)])
        let ranked = f.rank(["A": ["a": 0.9], "B": ["a": 0.7], "C": ["a": 0.70004], "D": ["a": 0.5], "E": [:]])
        #expect(ranked.map { "\($0.rank)\($0.score.unit)" } == ["1A", "2B", "2C", "4D", "0E"])
        let summary = RankingSummary(ranked)
        #expect(summary.count == 4)
        #expect(abs(summary.mean - (0.9 + 0.7 + 0.70004 + 0.5) / 4) < 1e-12)
        #expect(summary.aboveMean == 2) // the mean is 0.70001: A and C are above it
        #expect(summary.atLeastHalf == 4)
    }

    /// The worked example of shared/domain/progress-and-index.md.
    @Test func workedExampleMinMaxArithmeticAndGeometric() {
        let f = IndexFramework(code: "vd", nameVi: "Ví dụ", components: [
            IndexComponent(code: "I1", nameVi: "% dịch vụ công trực tuyến", weight: 0.5, normalisation: .minMax(lower: 40, upper: 90, lowerIsBetter: false)),
            IndexComponent(code: "I2", nameVi: "% thương mại điện tử", weight: 0.25, normalisation: .minMax(lower: 3, upper: 12, lowerIsBetter: false)),
            IndexComponent(code: "I3", nameVi: "Số ngày xử lý", weight: 0.25, normalisation: .minMax(lower: 2, upper: 10, lowerIsBetter: true)),
        ])
        let data: [String: [String: Double]] = [
            "A": ["I1": 90, "I2": 5, "I3": 2], "B": ["I1": 60, "I2": 12, "I3": 6],
            "C": ["I1": 75, "I2": 8, "I3": 4], "D": ["I1": 40, "I2": 3, "I3": 10],
        ]
        let a = f.score(unit: "A", values: data["A"]!), c = f.score(unit: "C", values: data["C"]!)
        #expect(round1(a.components["I1"]! * 100) == 100 && round1(a.components["I2"]! * 100) == 22.2 && round1(a.components["I3"]! * 100) == 100)
        #expect(round1(c.components["I1"]! * 100) == 70 && round1(c.components["I2"]! * 100) == 55.6 && round1(c.components["I3"]! * 100) == 75)
        let arithmetic = data.mapValues { f.score(unit: "", values: $0).index! * 100 }
        #expect(arithmetic.mapValues(round1) == ["A": 80.6, "B": 57.5, "C": 67.6, "D": 0])
        let geometric = data.mapValues { f.score(unit: "", values: $0, aggregation: .geometric).index! * 100 }
        #expect(round1(geometric["A"]!) == 69.3)
        #expect(round1(geometric["C"]!) == 67.6)
    }

    func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    @Test func tooFewValuesGiveNoScore() {
        let f = IndexFramework(code: "t", nameVi: "t", components: [IndexComponent(code: "a", nameVi: "a", weight: 3),
                                                                    IndexComponent(code: "b", nameVi: "b", weight: 1)],
                               availabilityThreshold: 0.75)
        #expect(abs(f.score(unit: "x", values: ["a": 0.8]).index! - 0.8) < 1e-12) // 75% of the weight present
        let none = f.score(unit: "x", values: ["b": 0.8])
        #expect(none.index == nil)
        #expect(none.missing == ["a"])
    }

    @Test func normalisationsStayInsideZeroAndOne() {
        #expect(Normalisation.pointsOverMax(200).apply(150) == 0.75)
        #expect(Normalisation.pointsOverMax(200).apply(250) == 1)
        #expect(Normalisation.distanceToTarget(target: 80, lowerIsBetter: false).apply(40) == 0.5)
        #expect(Normalisation.distanceToTarget(target: 80, lowerIsBetter: false).apply(120) == 1)
        #expect(Normalisation.distanceToTarget(target: 3, lowerIsBetter: true).apply(6) == 0.5)
        #expect(Normalisation.minMax(lower: 0, upper: 0, lowerIsBetter: false).apply(5) == 0)
    }

    /// Property: for any values in [0, 1] and any positive weights, every index and
    /// pillar stays in [0, 1], and ranks follow the order of the values.
    @Test func propertiesHoldForRandomInputs() {
        var rng = SplitMix64(seed: 922)
        for _ in 0..<300 {
            let n = Int.random(in: 1...9, using: &rng)
            let comps = (0..<n).map { IndexComponent(code: "c\($0)", nameVi: "", weight: Double.random(in: 0.1...200, using: &rng)) }
            let f = IndexFramework(code: "p", nameVi: "p", components: comps, aggregation: Bool.random(using: &rng) ? .arithmetic : .geometric,
                                   pillars: [IndexPillar(code: "p", nameVi: "", components: comps.prefix(2).map(\.code))])
            var data: [String: [String: Double]] = [:]
            for u in 0..<Int.random(in: 1...12, using: &rng) {
                data["u\(u)"] = Dictionary(uniqueKeysWithValues: comps.map { ($0.code, Double.random(in: 0...1, using: &rng).rounded(toPlaces: Int.random(in: 1...3, using: &rng))) })
            }
            let ranked = f.rank(data)
            for r in ranked {
                #expect((0...1).contains(r.score.index!))
                #expect(r.score.pillars.values.allSatisfy { (0...1).contains($0) })
            }
            for (a, b) in zip(ranked, ranked.dropFirst()) {
                #expect(a.rank <= b.rank)
                #expect((a.score.index! * 10_000).rounded() >= (b.score.index! * 10_000).rounded())
                #expect((a.rank == b.rank) == ((a.score.index! * 10_000).rounded() == (b.score.index! * 10_000).rounded()))
            }
        }
    }

    @Test func rankIntervalsContainTheRankAndAClearLeaderStaysFirst() {
        let data = Dictionary(uniqueKeysWithValues: Self.published2022.map { ($0.0, Self.values($0.1)) })
        let ranked = Self.dti2022.rank(data, withStability: true)
        for r in ranked { #expect(r.rankInterval!.contains(r.rank)) }
        #expect(ranked[0].rankInterval == 1...1)
        // Huế and Cần Thơ are 0.0051 apart: different weights can swap them.
        #expect(ranked.first { $0.score.unit == "TP. Cần Thơ" }!.rankInterval!.lowerBound <= 4)
    }

    @Test func aMergedProvinceTakesThePlainMeanOfItsPredecessors() {
        let merged = mergedMainIndices([["nhan_thuc_so": 0.8, "the_che_so": 0.6], ["nhan_thuc_so": 0.4, "the_che_so": 0.9]])
        #expect(abs(merged["nhan_thuc_so"]! - 0.6) < 1e-12 && abs(merged["the_che_so"]! - 0.75) < 1e-12)
    }

    @Test func frameworksAreCheckedAndReadFromData() throws {
        let bad = IndexFramework(code: "x", nameVi: "x", components: [IndexComponent(code: "a", nameVi: "", weight: 0)],
                                 pillars: [IndexPillar(code: "p", nameVi: "", components: ["b"])])
        #expect(bad.validate().map(\.code) == ["invalid_weight", "unknown_component"])
        let json = #"{"code":"t","nameVi":"t","components":[{"code":"a","nameVi":"a","weight":1,"normalisation":{"kind":"minMax","lower":0,"upper":10,"lowerIsBetter":true}}]}"#
        let f = try JSONDecoder().decode(IndexFramework.self, from: Data(json.utf8))
        #expect(f.aggregation == .arithmetic && f.availabilityThreshold == 1)
        #expect(f.components[0].normalisation == .minMax(lower: 0, upper: 10, lowerIsBetter: true))
    }
}

extension Double {
    func rounded(toPlaces p: Int) -> Double { let m = pow(10, Double(p)); return (self * m).rounded() / m }
}
