import Foundation

/// The URL-safe name of an article, section, tag or author.
///
/// Always lowercase ASCII letters, digits and single hyphens, at most
/// `maximumLength` characters; made from any text by `Slug(from:)`, which folds
/// accents (`Zürich` → `zurich`), drops zero-width and control characters and
/// treats NFC and NFD spellings alike.
public struct Slug: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public static let maximumLength = 80

    /// Words that name routes of their own and so can never be a slug.
    public static let reserved: Set<String> = [
        "admin", "api", "feed", "feed.xml", "atom.xml", "feed.json", "search", "section", "tag", "author",
        "media", "assets", "healthz", "readyz", "metrics", "sitemap", "robots", "page", "login", "logout",
    ]

    public let rawValue: String

    /// Accepts text that already is a valid slug; `nil` otherwise.
    ///
    /// Exactly the texts `normalise` leaves unchanged — lowercase ASCII letters and
    /// digits in runs joined by single hyphens, at most `maximumLength` — checked
    /// byte by byte: this runs before every article page's cache lookup, and the
    /// Unicode decomposition `normalise` starts with cost more than the whole hit.
    public init?(validating text: String) {
        guard !text.isEmpty, text.utf8.count <= Self.maximumLength else { return nil }
        var afterHyphen = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                afterHyphen = false
            case UInt8(ascii: "-") where !afterHyphen:
                afterHyphen = true
            default:
                return nil
            }
        }
        guard !afterHyphen else { return nil }
        self.rawValue = text
    }

    /// Makes a slug from any text; `nil` when nothing usable is left.
    public init?(from text: String) {
        let slug = Slug.normalise(text)
        guard !slug.isEmpty else { return nil }
        self.rawValue = slug
    }

    public var isReserved: Bool { Self.reserved.contains(rawValue) }
    public var description: String { rawValue }
    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.rawValue < rhs.rawValue }

    static func normalise(_ text: String) -> String {
        // Decompose, then keep only ASCII letters and digits; everything else
        // (combining accents, punctuation, spaces, zero-width joiners) is a separator
        // or vanishes.
        let folded = text.decomposedStringWithCompatibilityMapping
        var out = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if out.utf8.count >= maximumLength { break }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: scalar).lowercasedASCII))
            } else if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.isDefaultIgnorableCodePoint
                || scalar == "'" || scalar == "\u{2019}"
            {
                continue  // accents, zero-width characters and apostrophes join, they don't separate
            } else {
                pendingHyphen = true
            }
        }
        if out.utf8.count > maximumLength { out = String(out.prefix(maximumLength)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}

extension UInt8 {
    fileprivate var lowercasedASCII: UInt8 {
        (65...90).contains(self) ? self + 32 : self
    }
}
