import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// A registry entry with what dxtrack reads from it.
struct SystemView: ResponseEncodable, Decodable, Sendable {
    let system: InformationSystem
    let suggestedLevel: Int
    let needsClassification: Bool

    init(_ s: InformationSystem) {
        system = s
        suggestedLevel = s.suggestedLevel
        needsClassification = s.needsClassification
    }
}
