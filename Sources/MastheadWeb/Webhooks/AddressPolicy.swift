import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses webhook targets inside the server's own network: loopback, link-local,
/// private and other special ranges, in every spelling (decimal, hex and octal
/// IPv4, IPv4-mapped IPv6), checked on the resolved addresses before connecting.
/// A test or a closed newsroom network may allow them explicitly.
public struct AddressPolicy: Sendable {
    public var allowPrivate: Bool

    public init(allowPrivate: Bool = false) {
        self.allowPrivate = allowPrivate
    }

    /// `nil` when the URL may be called; otherwise one sentence why not.
    public func problem(with urlString: String) -> String? {
        guard urlString.count <= 2048, let url = URL(string: urlString), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { return "A webhook address must be an http:// or https:// URL." }
        if url.user != nil || url.password != nil { return "A webhook address cannot carry a user name or password." }
        if allowPrivate { return nil }
        let addresses = Self.resolve(host)
        guard !addresses.isEmpty else { return "The host \(host.prefix(100)) does not resolve." }
        if addresses.contains(where: Self.isInternal) { return "The host \(host.prefix(100)) is on a loopback, link-local or private network." }
        return nil
    }

    /// Every address the host resolves to, as bytes (4 for IPv4, 16 for IPv6).
    static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses: [[UInt8]] = []
        var cursor = result
        while let info = cursor {
            if info.pointee.ai_family == AF_INET, let raw = info.pointee.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin_addr
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                }
            } else if info.pointee.ai_family == AF_INET6, let raw = info.pointee.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin6_addr
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                }
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    static func isInternal(_ address: [UInt8]) -> Bool {
        if address.count == 16 {
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses are judged as IPv4.
            if address[0..<10].allSatisfy({ $0 == 0 }), (address[10] == 0xFF && address[11] == 0xFF) || (address[10] == 0 && address[11] == 0) {
                return isInternal(Array(address[12..<16])) || address.allSatisfy { $0 == 0 }
            }
            // IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::)
            // carry an IPv4 address that a gateway may deliver to: judged as that address.
            if address[0..<8].allSatisfy({ $0 == 0 }), address[8] == 0xFF, address[9] == 0xFF, address[10] == 0, address[11] == 0 {
                return isInternal(Array(address[12..<16]))
            }
            if address[0..<4] == [0x00, 0x64, 0xFF, 0x9B] {
                // 64:ff9b::/96 embeds the address; 64:ff9b:1::/48 is a private NAT64 prefix.
                return address[4..<12].allSatisfy({ $0 == 0 }) ? isInternal(Array(address[12..<16])) : true
            }
            if address[0] == 0x20, address[1] == 0x02 { return isInternal(Array(address[2..<6])) }
            // Teredo (2001::/32) hides its IPv4 ends; documentation (2001:db8::/32) and site-local (fec0::/10) are nobody's.
            if address[0..<4] == [0x20, 0x01, 0x00, 0x00] || address[0..<4] == [0x20, 0x01, 0x0D, 0xB8] { return true }
            if address[0] == 0xFE, address[1] & 0xC0 == 0xC0 { return true }
            if address[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
            if address[0] == 0xFE, address[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
            if address[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
            if address[0] == 0xFF { return true }  // multicast
            return false
        }
        guard address.count == 4 else { return true }
        let (a, b) = (address[0], address[1])
        return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168)
            || (a == 100 && (64...127).contains(b)) || (a == 192 && b == 0 && address[2] == 0) || (a == 198 && (18...19).contains(b)) || a >= 224
    }
}
