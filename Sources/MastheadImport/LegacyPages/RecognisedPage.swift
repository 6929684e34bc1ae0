import Foundation
import MastheadCore

/// What the legacy-page importer found on a saved article page. Encoded as the
/// `--dry-run` JSON.
public struct RecognisedPage: Sendable, Hashable {
    public struct Photo: Sendable, Hashable {
        public var credit: String?
        public var caption: String?
        public var url: String?
        public var alt: String?
    }

    /// A paragraph of the body, and how the page set it: as prose, a quotation, a
    /// subhead, a list item, a table row (cells joined by " | ") or code.
    public struct Block: Sendable, Hashable {
        public enum Kind: String, Sendable { case paragraph, quote, subhead, item, row, code }
        public var kind: Kind
        public var text: String
    }

    public var headline: String?
    public var standfirst: String?
    public var authors: [String] = []
    public var published: PageDate?
    public var updated: PageDate?
    public var leadImage: Photo?
    public var body: [Block] = []
    public var tags: [String] = []
    public var rights: String?
    public var section: String?
    /// The page's own address (canonical link or og:url), when it names one.
    public var url: String?
    public var warnings: [String] = []
    /// Where each field came from ("json-ld", "microdata", "opengraph", "meta", "h1", "byline", "text", "url"…).
    public var sources: [String: String] = [:]

    public init() {}

    mutating func set<Value>(_ field: WritableKeyPath<RecognisedPage, Value>, _ value: Value, from source: String) {
        self[keyPath: field] = value
        let name: String
        switch field {
        case \RecognisedPage.headline: name = "headline"
        case \RecognisedPage.authors: name = "authors"
        case \RecognisedPage.published: name = "published"
        default: name = "other"
        }
        sources[name] = source
    }

    /// An article with no body, no date or no author is never passed over in silence.
    mutating func warnIfIncomplete() {
        if body.isEmpty { warnings.append("no article text was found on the page.") }
        if published == nil, let updated {
            // The only time the page gives is when it was last changed: the story was public by then.
            published = updated
            sources["published"] = "updated"
            warnings.append("the page gives only the time it was updated; that is taken as the publication time.")
        } else if published == nil {
            warnings.append("no publication date was found on the page.")
        }
        if authors.isEmpty { warnings.append("no author was found on the page.") }
    }

    /// The JSON the dry run prints.
    public var json: String {
        let photo: DryRunJSON.Value =
            leadImage.map { photo in
                .object([
                    ("credit", .string(photo.credit)), ("caption", .string(photo.caption)), ("url", .string(photo.url)), ("alt", .string(photo.alt)),
                ])
            } ?? .string(nil)
        return DryRunJSON.render([
            ("headline", .string(headline)),
            ("standfirst", .string(standfirst)),
            ("authors", .strings(authors)),
            ("published", .string(published?.iso8601)),
            ("updated", .string(updated?.iso8601)),
            ("body", .strings(body.filter { $0.kind != .subhead }.map(\.text))),
            ("blocks", .array(body.map { .object([("kind", .string($0.kind.rawValue)), ("text", .string($0.text))]) })),
            ("tags", .strings(tags)),
            ("rights", .string(rights)),
            ("section", .string(section)),
            ("url", .string(url)),
            ("warnings", .strings(warnings)),
            ("sources", .object(sources.map { ($0.key, .string($0.value)) })),
            ("leadImage", photo),
        ])
    }

    /// The page as an article to import; `nil` with a reason when it holds no article.
    public func article(sourceKey: String, fallbackSection: String) -> Result<ImportedArticle, ImportProblem> {
        guard let headline, !headline.isEmpty else {
            return .failure(ImportProblem(item: sourceKey, line: nil, reason: "no headline could be found on the page."))
        }
        guard !body.isEmpty else { return .failure(ImportProblem(item: sourceKey, line: nil, reason: "no article text could be found on the page.")) }
        var markdown = ""
        for (index, block) in body.enumerated() {
            if index > 0 { markdown += block.kind == .item && body[index - 1].kind == .item ? "\n" : "\n\n" }
            switch block.kind {
            case .paragraph, .row: markdown += HTMLToMarkdown.escape(block.text)
            case .quote: markdown += "> " + HTMLToMarkdown.escape(block.text)
            case .subhead: markdown += "## " + HTMLToMarkdown.escape(block.text, lineStart: false)
            case .item: markdown += "- " + HTMLToMarkdown.escape(block.text, lineStart: false)
            case .code:
                let fence = block.text.contains("```") ? "~~~~" : "```"
                markdown += fence + "\n" + block.text + "\n" + fence
            }
        }
        var article = ImportedArticle(
            sourceKey: url.map { "page:" + $0 } ?? sourceKey,
            headline: headline,
            bodyMarkdown: markdown,
            status: published == nil ? .draft : .published
        )
        article.standfirst = standfirst ?? ""
        article.publishedAt = published?.date
        article.updatedAt = updated?.date
        article.authors = authors.map { ImportedPerson(name: $0) }
        article.tags = tags.map { ImportedTerm(name: $0) }
        article.section = ImportedTerm(name: section ?? fallbackSection)
        if let photo = leadImage, let source = photo.url, SafeURL.check(source, for: .image) != nil {
            article.leadImage = LeadImage(url: source, alt: photo.alt ?? "", credit: photo.credit ?? "", caption: photo.caption ?? "")
        } else if leadImage != nil {
            article.warnings.append("the lead photo's caption and credit were found, but the page does not give the image file.")
        }
        article.rightsOverride = nil
        if let url, let path = WXRText.path(of: url) { article.legacyPaths = [path] }
        article.warnings += warnings
        if published == nil { article.warnings.append("no publication date was found; imported as a draft.") }
        return .success(article)
    }
}

/// Recognises saved article pages, HTML or plain text.
public enum LegacyPageReader {
    public static func recognise(_ content: String, fileName: String, fallbackZone: TimeZone) -> RecognisedPage {
        // Composed (NFC): a page saved with decomposed letters ("e" + combining accent,
        // Bengali's nukta forms) reads as the same words as one saved composed.
        let content = needsComposing(content) ? content.precomposedStringWithCanonicalMapping : content
        let looksLikeHTML =
            fileName.lowercased().hasSuffix(".html") || fileName.lowercased().hasSuffix(".htm")
            || content.prefix(2048).range(of: #"<(!doctype|html|head|body|article|p|div)\b"#, options: [.regularExpression, .caseInsensitive]) != nil
        return looksLikeHTML
            ? HTMLPageRecogniser(fallbackZone: fallbackZone).recognise(content) : TextPageRecogniser(fallbackZone: fallbackZone).recognise(content)
    }

    /// Whether NFC could change the text. Below U+0300 (Latin and its extensions) and in
    /// General Punctuation (curly quotes, dashes) nothing composes, and most pages hold
    /// nothing else; skipping them saves a fifth of the time on a 2 MB page.
    static func needsComposing(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return value >= 0x300 && !(0x2000..<0x20D0).contains(value)
        }
    }
}
