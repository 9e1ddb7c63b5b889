import DXDomain
import DXStorage
import Foundation
import Hummingbird

struct BoardView: ResponseEncodable, Sendable {
    let campaign: String
    let standings: [CampaignStanding]
    let unitNames: [String: String]
}
