/// How an article's related articles are chosen, whatever the engine; the engines
/// only run the lookups.
///
/// Candidates come from lookups whose cost does not grow with the archive: the
/// newest `perTag` articles sharing each of its tags (each shared tag scores 3),
/// and for each longer word of its headline the newest `perWord` articles whose
/// headline or tags have it too (1.5, or 2.5 when fewer than `perWord` have it: a
/// rare word says more). The same section adds 1; the best `count` are kept.
/// "Newest" is by id, which follows creation order, so every lookup stops early
/// instead of ranking every match in the archive.
public struct RelatedScores: Sendable {
    public static let count = 4
    public static let perTag = 100
    public static let perWord = 50
    /// Only this many leading candidates are checked for being published and for
    /// their section: a lookup of hundreds of ids costs more than everything else.
    public static let leadingCount = 24

    private var scores: [Int64: Double] = [:]

    public init() {}

    /// The headline words worth looking up: the longer ones, at most eight.
    public static func headlineWords(_ headline: String) -> Set<String> {
        Set(SearchQuery.words(headline).filter { $0.count >= 4 }.prefix(8))
    }

    public mutating func add(sharingTag ids: [Int64]) {
        for id in ids { scores[id, default: 0] += 3 }
    }

    public mutating func add(sharingWord ids: [Int64]) {
        for id in ids { scores[id, default: 0] += ids.count < Self.perWord ? 2.5 : 1.5 }
    }

    public var isEmpty: Bool { scores.isEmpty }

    /// The best-scored candidates, to be checked for being published.
    public var leading: [Int64] { Self.ordered(scores).prefix(Self.leadingCount).map(\.key) }

    /// The articles to store, best first, from the leading candidates that are published.
    public func best(published: [(id: Int64, section: Int64)], section: Int64) -> [Int64] {
        var eligible: [Int64: Double] = [:]
        for candidate in published { eligible[candidate.id] = (scores[candidate.id] ?? 0) + (candidate.section == section ? 1 : 0) }
        return Self.ordered(eligible).prefix(Self.count).map(\.key)
    }

    private static func ordered(_ scores: [Int64: Double]) -> [(key: Int64, value: Double)] {
        scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }
    }
}
