import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// `{"items": […], "count": n}`: lists can grow fields (paging) without breaking clients.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    let items: [Item]
    let count: Int

    init(_ items: [Item]) {
        self.items = items
        self.count = items.count
    }
}

extension ListResponse: Decodable where Item: Decodable {}
