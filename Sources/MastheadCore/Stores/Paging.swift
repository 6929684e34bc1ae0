import Foundation

/// Which page of a list to show; clamped so hostile `page=` values cost nothing.
public struct PageRequest: Sendable, Hashable {
    public static let maximumPage = 10_000
    public let page: Int
    public let perPage: Int

    public init(page: Int, perPage: Int) {
        self.page = min(max(page, 1), Self.maximumPage)
        self.perPage = min(max(perPage, 1), 100)
    }

    public var offset: Int { (page - 1) * perPage }
}

/// One page of a list, with what pagination links need.
public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var perPage: Int
    public var total: Int
    /// `true` when there are more than `total` matches and only the best `total` can
    /// be paged through (search ranks a bounded set of candidates).
    public var totalIsLowerBound: Bool

    public init(items: [Item], page: Int, perPage: Int, total: Int, totalIsLowerBound: Bool = false) {
        self.items = items
        self.page = page
        self.perPage = perPage
        self.total = total
        self.totalIsLowerBound = totalIsLowerBound
    }

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    public var hasNext: Bool { page < pageCount }
    public var hasPrevious: Bool { page > 1 }
}

/// Which published articles a list page shows.
public enum ArticleFilter: Sendable, Hashable {
    case all
    case section(SectionID)
    case tag(TagID)
    case author(AuthorID)
    case published(Range<Date>)
}
