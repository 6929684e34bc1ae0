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
