/// What one committed write changed on reader pages, kept by the store beside the
/// content revision so every instance can drop exactly those pages.
///
/// A write that records itself bumps the revision from `firstRevision - 1` to
/// `lastRevision` and names the surrogate keys of the pages it touched. A write
/// that does not (settings, sections, curation, bulk imports) leaves a gap in the
/// chain, and a gap means "anything may have changed": readers then drop every page.
public struct ContentChange: Sendable, Equatable {
    public var firstRevision: Int64
    public var lastRevision: Int64
    public var keys: [String]

    public init(firstRevision: Int64, lastRevision: Int64, keys: [String]) {
        self.firstRevision = firstRevision
        self.lastRevision = lastRevision
        self.keys = keys
    }

    /// How a store keeps `keys` in one text column: surrogate keys never hold a space.
    public var storedKeys: String { keys.joined(separator: " ") }

    public init(firstRevision: Int64, lastRevision: Int64, storedKeys: String) {
        self.init(firstRevision: firstRevision, lastRevision: lastRevision, keys: storedKeys.split(separator: " ").map(String.init))
    }

    /// The keys touched between revision `from` and revision `to`, when `changes`
    /// account for every bump in between; `nil` when some write left no record (or
    /// the log was pruned past `from`), and so every page must go.
    public static func keys(from: Int64, to: Int64, in changes: [ContentChange]) -> Set<String>? {
        guard to > from else { return to == from ? [] : nil }
        var reached = from
        var keys = Set<String>()
        for change in changes.sorted(by: { $0.firstRevision < $1.firstRevision }) where change.lastRevision > from {
            guard change.firstRevision == reached + 1, change.lastRevision >= change.firstRevision else { return nil }
            keys.formUnion(change.keys)
            reached = change.lastRevision
            if reached >= to { break }
        }
        return reached == to ? keys : nil
    }

    /// How many records a store keeps: an instance that falls further behind than
    /// this (asleep, partitioned) drops every page once, which is always correct.
    public static let retained = 512
}
