/// The URL policy for links and images in article bodies: http, https, mailto
/// (links only) and relative URLs pass; every other scheme, and any URL holding
/// whitespace or control characters (which browsers strip, so `java\tscript:`
/// would become live), is refused.
public enum SafeURL {
    public enum Use: Sendable {
        case link
        case image
    }

    /// The URL if it may be used, otherwise `nil`. The result still needs
    /// attribute escaping.
    public static func check(_ url: String, for use: Use) -> String? {
        guard !url.isEmpty, url.utf8.count <= 2048 else { return nil }
        for byte in url.utf8 where byte <= 0x20 || byte == 0x7F {
            return nil
        }
        // The scheme is whatever comes before a ':' that precedes any '/', '?' or '#'.
        var scheme: [UInt8] = []
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") {
                let name = String(decoding: scheme, as: UTF8.self).lowercased()
                let allowed: Set<String> = use == .link ? ["http", "https", "mailto"] : ["http", "https"]
                return allowed.contains(name) ? url : nil
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                return url  // relative
            }
            // `javascript&#58;…` and `javascript%3A…` are harmless here, but a consumer that
            // decodes twice (some feed readers) would see a scheme: refuse them outright.
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "%") { return nil }
            scheme.append(byte)
        }
        return url  // relative, e.g. "page.html"
    }
}
