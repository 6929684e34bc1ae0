import Foundation

/// Where an old address of the site now leads.
public enum RedirectTarget: Sendable, Hashable {
    /// An article, wherever its URL is now (slugs and dates can change after the import).
    case article(ArticleID)
    /// A page of this site, as a path (`/section/politics`).
    case path(String)
}

/// An address the site used to answer (`/2019/03/14/night-bus/`, `/?p=123`).
public struct PathRedirect: Sendable, Hashable {
    public var from: String
    public var to: RedirectTarget

    public init(from: String, to: RedirectTarget) {
        self.from = from
        self.to = to
    }
}

/// What imports and exports need beyond the other stores: which article came
/// from which item of a source (so a second run updates rather than duplicates),
/// the old site's addresses, and a walk over every article.
public protocol ArchiveStore: Sendable {
    func articleID(importKey: String) async throws -> ArticleID?
    /// Records (or re-points) the articles made from these source items.
    func recordImports(_ entries: [String: ArticleID]) async throws
    /// Where an old address now leads, if anywhere.
    func redirect(from path: String) async throws -> RedirectTarget?
    /// Adds redirects, replacing any from the same address.
    func saveRedirects(_ redirects: [PathRedirect]) async throws
    /// The redirects that lead to an article.
    func redirects(to article: ArticleID) async throws -> [String]
    /// The redirects that lead to a page rather than an article, by address.
    func pathRedirects() async throws -> [PathRedirect]
    /// Article ids in order, `limit` at a time after `after`: a walk that holds no
    /// more than a page, however large the archive.
    func articleIDs(after: ArticleID?, limit: Int) async throws -> [ArticleID]
    /// Which of these slugs are taken: an article's current slug, or one an article had
    /// before (its old address still leads there). One query for a batch of imports.
    func takenSlugs(_ slugs: [Slug]) async throws -> Set<Slug>
    /// The slugs an article had before, which still lead to it.
    func formerSlugs(of article: ArticleID) async throws -> [Slug]
    /// Makes these slugs lead to the article (an archive read back), unless another
    /// article has one of them as its current slug.
    func addFormerSlugs(_ slugs: [Slug], to article: ArticleID) async throws
}

/// An image address an imported attachment page may redirect to: `http(s)`, with a
/// host, naming an image file. Every other redirect target is a path on this site;
/// these are written only by an import an administrator runs, and only image files
/// are followed, so a recorded address cannot send readers to an arbitrary page.
public enum LegacyImageAddress {
    static let extensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"]

    public static func accepts(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), SafeURL.check(url, for: .image) != nil,
            let components = URLComponents(string: url), let host = components.host, !host.isEmpty
        else { return false }
        return extensions.contains((components.path as NSString).pathExtension.lowercased())
    }
}

/// The one rule for a redirect target inside the site: a path that starts with
/// exactly one `/`, with no backslash, white space or control character anywhere.
/// Browsers read `//host`, `/\host` and `/\thost` as other sites; every redirect
/// the site answers with (imports, old addresses, moved articles) passes here.
public enum SameSitePath {
    public static func check(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), path.utf8.count <= 2048 else { return nil }
        for byte in path.utf8 where byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") {
            return nil
        }
        // A percent-encoded slash or backslash right after the first one decodes into the same trick.
        let lower = path.lowercased()
        if lower.hasPrefix("/%2f") || lower.hasPrefix("/%5c") { return nil }
        return path
    }
}
