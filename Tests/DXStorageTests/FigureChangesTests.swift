@testable import DXStorage
import Testing

/// Which kept figures a run of writes leaves alone: only narrow writes that touch nothing a
/// figure reads, and only as far back as the log reaches.
@Suite struct FigureChangesTests {
    static let a = FigureScope(indicators: ["a"]), b = FigureScope(indicators: ["b"]), form = FigureScope(forms: ["F"])

    /// Versions 10 (where the log starts), 11 wrote indicator a, 12 was broad (no row), 13 moved form F's reports.
    static func log() -> FigureChanges {
        var log = FigureChanges()
        #expect(log.need(through: 10) == .restart)
        log.extend(.restart, to: 10, with: [])
        #expect(log.need(through: 10) == .nothing && log.need(through: 13) == .rows(after: 10))
        log.extend(.rows(after: 10), to: 13, with: [(11, a), (13, form)])
        return log
    }

    @Test func aFigureIsCarriedOnlyPastWritesThatLeaveItAlone() {
        let log = Self.log()
        #expect(log.leftAlone(Self.b, from: 10, to: 11))
        #expect(!log.leftAlone(Self.a, from: 10, to: 11))
        // A broad write changes every figure.
        #expect(!log.leftAlone(Self.b, from: 10, to: 12) && !log.leftAlone(.structure, from: 11, to: 12))
        #expect(log.leftAlone(Self.a, from: 12, to: 13) && !log.leftAlone(Self.form, from: 12, to: 13))
        #expect(log.leftAlone(.structure, from: 12, to: 13))
        // Reports of a form move its indicators' official figures too (FigureScope.reports(of:)).
        #expect(FigureScope(indicators: ["x"], forms: ["F"]).overlaps(FigureScope(indicators: ["x"])))
        // Nothing is known before the log's start or past what was read.
        #expect(!log.leftAlone(Self.b, from: 9, to: 11) && !log.leftAlone(Self.b, from: 12, to: 14))
        // A figure at or past the version asked for needs nothing.
        #expect(log.leftAlone(Self.a, from: 13, to: 13))
    }

    @Test func theLogStartsAgainWhenTooFarBehindAndForgetsWhatNoFigureNeeds() {
        var log = Self.log()
        #expect(log.need(through: 13 + FigureChanges.span + 1) == .restart)
        log.forget(through: 11)
        #expect(!log.leftAlone(Self.b, from: 10, to: 11) && log.leftAlone(Self.a, from: 12, to: 13))
        log.extend(.restart, to: 20_000, with: [])
        #expect(log.through == 20_000 && !log.leftAlone(Self.a, from: 12, to: 13))
    }
}
