import Foundation

/// What a reader typed into the search box, with its filters, turned into a safe
/// full-text expression: words (AND), "quoted phrases" and prefix* words. Every
/// other character of the engine's query syntax is stripped, so no input can
/// change the query's structure.
public struct SearchQuery: Sendable, Hashable {
    public static let maximumTerms = 12
    /// Phrases cost the engine a walk over every position of their words (a phrase of
    /// "the" touches most of the archive), so a query keeps at most this many.
    public static let maximumPhrases = 3
    public var text: String
    public var section: Slug?
    public var from: Date?
    public var until: Date?

    public init(text: String, section: Slug? = nil, from: Date? = nil, until: Date? = nil) {
        self.text = String(text.prefix(500))
        self.section = section
        self.from = from
        self.until = until
    }

    public enum Term: Sendable, Hashable {
        case word(String)
        case prefix(String)
        case phrase([String])
    }

    /// The terms, normalised to letters and digits, each once; empty when nothing searchable is left.
    public var terms: [Term] {
        var seen = Set<Term>()
        var phrases = 0
        var terms: [Term] = []
        func add(_ term: Term) {
            if case .phrase = term {
                guard phrases < Self.maximumPhrases else { return }
                phrases += seen.contains(term) ? 0 : 1
            }
            if seen.insert(term).inserted { terms.append(term) }
        }
        var rest = Substring(text)
        while !rest.isEmpty, terms.count < Self.maximumTerms {
            rest = rest.drop(while: { $0.isWhitespace })
            guard !rest.isEmpty else { break }
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                let words = Self.words(String(body[..<end]))
                if words.count == 1 { add(.word(words[0])) } else if !words.isEmpty { add(.phrase(Array(words.prefix(8)))) }
                rest = end == body.endIndex ? "" : body[body.index(after: end)...]
            } else {
                let end = rest.firstIndex(where: { $0.isWhitespace }) ?? rest.endIndex
                let raw = rest[..<end]
                let words = Self.words(String(raw))
                for (index, word) in words.enumerated() {
                    add(raw.hasSuffix("*") && index == words.count - 1 && word.count >= 3 ? .prefix(word) : .word(word))
                }
                rest = rest[end...]
            }
        }
        return Array(terms.prefix(Self.maximumTerms))
    }

    /// The FTS5 `MATCH` expression: every word quoted, so it is always a literal.
    public var matchExpression: String? {
        let parts = terms.map { term -> String in
            switch term {
            case .word(let word): "\"\(word)\""
            case .prefix(let word): "\"\(word)\"*"
            case .phrase(let words): "\"\(words.joined(separator: " "))\""
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// Lowercased runs of letters and digits, each at most 64 characters.
    public static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { String($0.prefix(64)) }.filter { !$0.isEmpty }
    }
}

/// One search result: the article and a highlighted snippet (already safe HTML).
public struct SearchHit: Sendable, Hashable {
    public var article: ArticleSummary
    public var snippet: SafeHTML

    public init(article: ArticleSummary, snippet: SafeHTML) {
        self.article = article
        self.snippet = snippet
    }

    /// Escapes a snippet whose matches are wrapped in `open`/`close` markers, then
    /// turns the markers into `<mark>`. Text can never become markup on the way.
    public static func highlight(_ raw: String, open: String, close: String) -> SafeHTML {
        .text(raw).replacing(open, with: "<mark>").replacing(close, with: "</mark>")
    }
}

extension SafeHTML {
    fileprivate func replacing(_ marker: String, with html: String) -> SafeHTML {
        SafeHTML(trusted: rawValue.replacingOccurrences(of: HTMLEscaping.escape(marker), with: html))
    }
}

/// Full-text search over published articles: headline, standfirst, body, tags and authors.
public protocol SearchIndex: Sendable {
    /// Ranked by relevance with a boost for recent articles.
    func search(_ query: SearchQuery, page: PageRequest, now: Date) async throws -> Paged<SearchHit>
    /// Rebuilds the whole index from the articles; returns how many were indexed.
    func reindex() async throws -> Int
}

/// The ranking every engine applies to its bounded candidates: its own relevance
/// score (higher is better), divided down by age so 90 days halve it, as a news
/// reader expects; ties go to the newer id.
///
/// Engines rank at most `recentCandidates` of the newest matches plus the
/// `headlineCandidates` strongest headline-and-tag matches at any age, because
/// scoring every match costs seconds once a word is common in a big archive.
public struct SearchCandidates: Sendable {
    public static let recentCandidates = 500
    public static let headlineCandidates = 100

    private var relevance: [Int64: (score: Double, published: Double)] = [:]

    public init() {}

    /// Adds a candidate; one already present keeps its first (main-index) score.
    public mutating func add(_ id: Int64, relevance score: Double, publishedAt published: Double) {
        if relevance[id] == nil { relevance[id] = (score, published) }
    }

    public func contains(_ id: Int64) -> Bool { relevance[id] != nil }

    public var count: Int { relevance.count }

    /// Every candidate's id, best first.
    public func ranked(now: Date) -> [Int64] {
        let time = now.timeIntervalSince1970
        return relevance.map { id, entry in (id: id, rank: entry.score / (1 + max(0, time - entry.published) / 7_776_000)) }
            .sorted { $0.rank != $1.rank ? $0.rank > $1.rank : $0.id > $1.id }
            .map(\.id)
    }
}
