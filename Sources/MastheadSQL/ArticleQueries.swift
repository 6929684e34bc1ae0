import MastheadCore

/// The article SELECTs both engines run: the same schema, the same column names,
/// so one text, here in the SQL both engine targets share (and nothing else may hold SQL). Every value in the queries built on these is bound by the engine.
public enum ArticleQueries {
    public static let summaryColumns = """
        a.id, a.slug, a.headline, a.standfirst, a.teaser, a.published_at,
        a.lead_image_url, a.lead_image_alt, a.lead_image_credit, a.lead_image_caption, a.lead_image_width, a.lead_image_height,
        s.id AS section_id, s.slug AS section_slug, s.name AS section_name, s.description AS section_description,
        s.position AS section_position
        """
    public static let summarySelect = "SELECT \(summaryColumns) FROM article a JOIN section s ON s.id = a.section_id"
    public static let articleSelect = """
        SELECT \(summaryColumns), a.body_markdown, a.body_html, a.status, a.updated_at, a.rights_override,
            a.seo_title, a.seo_description, a.created_by, a.dateline_zone
        FROM article a JOIN section s ON s.id = a.section_id
        """
}

/// The change log beside the content revision (`ContentChange`): the same text on
/// both engines, with the engine's placeholder for the one bound value.
public enum ContentLogQueries {
    /// The surrogate keys of the lists an article is on, one per row: its section,
    /// tags and authors (`SurrogateKeys.lists`). `parameter` is the article's id.
    public static func listKeys(parameter: String) -> String {
        """
        SELECT 'section-' || s.slug FROM article a JOIN section s ON s.id = a.section_id WHERE a.id = \(parameter)
        UNION ALL SELECT 'tag-' || t.slug FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = \(parameter)
        UNION ALL SELECT 'author-' || p.slug FROM article_author x JOIN author p ON p.id = x.author_id WHERE x.article_id = \(parameter)
        """
    }

    /// The keys of the pages and lists showing the articles whose lead image is at the URL `parameter`,
    /// one per row (the constant list keys, `home` and the rest, are the caller's).
    public static func imageKeys(parameter: String) -> String {
        """
        SELECT 'article-' || a.id FROM article a WHERE a.lead_image_url = \(parameter)
        UNION SELECT 'related-' || a.id FROM article a WHERE a.lead_image_url = \(parameter)
        UNION SELECT 'section-' || s.slug FROM article a JOIN section s ON s.id = a.section_id WHERE a.lead_image_url = \(parameter)
        UNION SELECT 'tag-' || t.slug FROM article a JOIN article_tag x ON x.article_id = a.id JOIN tag t ON t.id = x.tag_id
            WHERE a.lead_image_url = \(parameter)
        UNION SELECT 'author-' || p.slug FROM article a JOIN article_author x ON x.article_id = a.id JOIN author p ON p.id = x.author_id
            WHERE a.lead_image_url = \(parameter)
        """
    }

    /// Records older than the last `ContentChange.retained` go; `parameter` is the newest record's id.
    public static func prune(parameter: String) -> String {
        "DELETE FROM content_change WHERE id <= \(parameter) - \(ContentChange.retained)"
    }

    public static func changes(after: String, through: String) -> String {
        """
        SELECT first_revision, last_revision, keys FROM content_change
        WHERE last_revision > \(after) AND last_revision <= \(through) ORDER BY first_revision
        """
    }
}
