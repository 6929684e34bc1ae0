import Foundation
import MastheadCore

/// What a WordPress export says about the site besides its posts: the first
/// of the reader's two passes collects it, so that a post can name an author,
/// category or featured image that the file only lists further down.
public struct WXRCatalogue: Sendable {
    public struct Attachment: Sendable, Hashable {
        public var url: String
        public var alt: String
        public var caption: String
        public var credit: String
        /// The attachment's own page (`/2019/03/14/ferry/dawn-crossing/`) and `/?attachment_id=N`.
        public var pages: [String] = []
    }

    public var siteURL = ""
    public var siteTitle = ""
    public var authors: [String: ImportedPerson] = [:]
    public var categories: [String: ImportedTerm] = [:]
    public var tags: [String: ImportedTerm] = [:]
    public var attachments: [String: Attachment] = [:]
    /// Posts and pages the second pass will read.
    public var itemCount = 0
    /// Where the file stops being readable, if it does.
    public var readError: ImportError?
}

/// Reads WordPress eXtended RSS (Tools → Export) in two streaming passes, so a
/// 1 GB export imports in bounded memory.
public enum WXRReader {
    /// The first pass: authors, categories, tags and attachments.
    public static func catalogue(_ source: some ByteSource) throws -> WXRCatalogue {
        var records = WXRRecords(source: source)
        var catalogue = WXRCatalogue()
        while true {
            let next: WXRRecord?
            do {
                next = try records.next()
            } catch let error as ImportError where records.sawChannel {
                // A file broken part-way: what comes before the break can still be imported.
                catalogue.readError = error
                break
            }
            guard let record = next else { break }
            switch record.name {
            case "wp:author":
                let login = record["wp:author_login"]
                guard !login.isEmpty else { continue }
                let full = [record["wp:author_first_name"], record["wp:author_last_name"]].filter { !$0.isEmpty }.joined(separator: " ")
                let display = WXRText.plain(record["wp:author_display_name"])
                let name = display.isEmpty || display == login ? (full.isEmpty ? login : full) : display
                catalogue.authors[login] = ImportedPerson(name: name, formerSlugs: [login])
            case "wp:category":
                let nicename = record["wp:category_nicename"]
                catalogue.categories[nicename] = ImportedTerm(name: WXRText.plain(record["wp:cat_name"]), slug: WXRText.slug(nicename))
            case "wp:tag":
                let slug = record["wp:tag_slug"]
                catalogue.tags[slug] = ImportedTerm(name: WXRText.plain(record["wp:tag_name"]), slug: WXRText.slug(slug))
            case "item" where record["wp:post_type"] == "attachment":
                catalogue.attachments[record["wp:post_id"]] = WXRCatalogue.Attachment(
                    url: record["wp:attachment_url"].isEmpty ? record["guid"] : record["wp:attachment_url"],
                    alt: WXRText.plain(record.metaValue("_wp_attachment_image_alt") ?? ""),
                    caption: WXRText.plain(record["excerpt:encoded"]),
                    credit: WXRText.credit(of: record),
                    pages: [WXRText.path(of: record["link"]), record["wp:post_id"].isEmpty ? nil : "/?attachment_id=\(record["wp:post_id"])"]
                        .compactMap { $0 }
                )
            case "item":
                catalogue.itemCount += 1
            default:
                continue
            }
        }
        catalogue.siteURL = records.channel["wp:base_blog_url"].flatMap { $0.isEmpty ? nil : $0 } ?? records.channel["link"] ?? ""
        catalogue.siteTitle = WXRText.plain(records.channel["title"] ?? "")
        return catalogue
    }

    /// The second pass: every post and page as an article, or the reason it was skipped.
    public static func articles(
        _ source: some ByteSource,
        catalogue: WXRCatalogue,
        zone: TimeZone,
        progress: (Int) -> Void = { _ in },
        handle: (Result<ImportedArticle, ImportProblem>) async throws -> Void
    ) async throws {
        var records = WXRRecords(source: source)
        // Reading is sequential; turning a post's HTML into Markdown is most of the work
        // and independent per post, so a batch converts on every core, in order.
        let batchSize = 64 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        var batch: [WXRRecord] = []
        var batchBytes = 0
        var stopped: ImportProblem?
        while stopped == nil {
            do {
                guard let record = try records.next() else { break }
                if record.name == "item" {
                    batch.append(record)
                    batchBytes += record["content:encoded"].utf8.count
                }
            } catch let error as ImportError {
                // A broken file stops here; everything before this point is still handed over.
                stopped = ImportProblem(item: "", line: error.line, reason: error.message + " Nothing after this point was read.")
            }
            // Bounded by bytes as well as posts, so a file of huge posts stays within memory.
            if batch.count >= batchSize || batchBytes >= 32 * 1024 * 1024 || (stopped != nil && !batch.isEmpty) {
                try await handOver(convert(batch, catalogue: catalogue, zone: zone), to: handle)
                batch = []
                batchBytes = 0
                progress(records.parser.bytesRead)
            }
        }
        try await handOver(convert(batch, catalogue: catalogue, zone: zone), to: handle)
        progress(records.parser.bytesRead)
        if let stopped { try await handle(.failure(stopped)) }
    }

    static func convert(_ records: [WXRRecord], catalogue: WXRCatalogue, zone: TimeZone) async -> [Result<ImportedArticle, ImportProblem>] {
        guard records.count > 8 else { return records.map { WXRPost.article(from: $0, catalogue: catalogue, zone: zone) } }
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, records.count / 8))
        let size = (records.count + lanes - 1) / lanes
        return await withTaskGroup(of: (Int, [Result<ImportedArticle, ImportProblem>]).self) { group in
            for lane in 0..<lanes {
                let slice = Array(records[min(lane * size, records.count)..<min((lane + 1) * size, records.count)])
                group.addTask { (lane, slice.map { WXRPost.article(from: $0, catalogue: catalogue, zone: zone) }) }
            }
            var parts = Array(repeating: [Result<ImportedArticle, ImportProblem>](), count: lanes)
            for await (lane, part) in group { parts[lane] = part }
            return parts.flatMap { $0 }
        }
    }

    static func handOver(
        _ results: [Result<ImportedArticle, ImportProblem>],
        to handle: (Result<ImportedArticle, ImportProblem>) async throws -> Void
    ) async throws {
        for result in results {
            // Attachments and WordPress's own machinery are neither articles nor problems.
            if case .failure(let problem) = result, problem.reason.isEmpty { continue }
            try await handle(result)
        }
    }
}

/// Text helpers for WXR fields.
enum WXRText {
    /// Titles and names can carry markup and entities (`Rock &amp;#8217;n&#8217; Roll`).
    static func plain(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return collapseWhitespace(text) }
        return HTMLTree.parse(text).textContent
    }

    /// WordPress slugs are percent-encoded UTF-8 (`caf%c3%a9`).
    static func slug(_ text: String) -> String? {
        let decoded = text.removingPercentEncoding ?? text
        return decoded.isEmpty ? nil : decoded
    }

    /// The path (and query) of a URL: what an old link to it asked the server for.
    static func path(of url: String) -> String? {
        guard let components = URLComponents(string: url.trimmingSpaces()), !components.percentEncodedPath.isEmpty || components.query != nil else {
            return nil
        }
        var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { path += "?" + query }
        return path.hasPrefix("/") ? path : nil
    }

    /// A photo credit: the Media Credit plugin's field, a plain `credit` field, or
    /// the IPTC credit WordPress keeps in the image's serialised metadata.
    static func credit(of record: WXRRecord) -> String {
        for key in ["_media_credit", "media_credit", "_wp_attachment_credit", "credit", "_credit"] {
            if let value = record.metaValue(key), !value.trimmingSpaces().isEmpty { return plain(value) }
        }
        guard let metadata = record.metaValue("_wp_attachment_metadata"), let range = metadata.range(of: "s:6:\"credit\";s:") else { return "" }
        // PHP serialisation: s:LENGTH:"VALUE";
        let rest = metadata[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":"), let length = Int(rest[..<colon]), length > 0, length < 512 else { return "" }
        let valueStart = rest.index(colon, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex
        let bytes = Array(rest[valueStart...].utf8.prefix(length))
        return plain(String(decoding: bytes, as: UTF8.self))
    }
}
