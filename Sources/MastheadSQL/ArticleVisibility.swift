/// Who may read an article, as SQL: the one fragment behind `Article.isPublic(at:)`
/// in Core. Every reader-facing query (lists, counts, search, related stories) ends
/// its condition with it and binds the reader's time right after it.
public enum ArticleVisibility {
    /// `a.status = 'published' AND a.published_at <= ` — the caller binds the time next
    /// (`?` on SQLite, an interpolated value on PostgreSQL). `alias` is the article
    /// table's alias, nil for the bare table. `skipStatusIndex` puts SQLite's unary `+`
    /// on the status column, so its planner walks the date index instead of the status one.
    public static func readableBy(_ alias: String? = "a", skipStatusIndex: Bool = false) -> String {
        let column = alias.map { "\($0)." } ?? ""
        return "\(skipStatusIndex ? "+" : "")\(column)status = 'published' AND \(column)published_at <= "
    }
}
