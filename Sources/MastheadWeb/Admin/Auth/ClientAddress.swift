import Foundation
import HTTPTypes
import Hummingbird

/// The address a request really came from, for rate limits and logs.
///
/// The TCP peer, unless the peer is one of the configured reverse proxies: then
/// the right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
/// From anyone else the header is ignored, so spraying it changes nothing.
public struct ClientAddress: Sendable {
    public var trustedProxies: Set<String>

    public init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    public func of(_ request: Request, peer: String) -> String {
        guard trustedProxies.contains(peer), let header = request.headers[.xForwardedFor] else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            return String(hop.prefix(64))
        }
        return peer
    }
}

extension HTTPField.Name {
    public static let xForwardedFor = Self("X-Forwarded-For")!
}
