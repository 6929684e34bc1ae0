import Foundation
import MastheadCore
import Testing

@Suite("Who may read an article")
struct ReaderVisibilityTests {
    static let now = Date(timeIntervalSince1970: 1_796_040_000)

    static func article(_ status: ArticleStatus, publishedAt: Date?) -> Article {
        Article(
            id: ArticleID(1),
            slug: Slug(from: "story")!,
            headline: "Story",
            standfirst: "",
            section: Section(id: SectionID(1), slug: Slug(from: "news")!, name: "News", description: "", position: 0),
            authors: [],
            tags: [],
            leadImage: nil,
            bodyMarkdown: "",
            bodyHTML: MarkdownRenderer.render(""),
            status: status,
            publishedAt: publishedAt,
            updatedAt: nil,
            rightsOverride: nil,
            seoTitle: nil,
            seoDescription: nil,
            corrections: []
        )
    }

    @Test func onlyAPublishedArticleWhoseTimeHasComeIsPublic() {
        let past = Self.now.addingTimeInterval(-60)
        let future = Self.now.addingTimeInterval(60)
        #expect(Self.article(.published, publishedAt: past).isPublic(at: Self.now))
        #expect(Self.article(.published, publishedAt: Self.now).isPublic(at: Self.now))
        // A hard embargo: published with a time to come is hidden until that second.
        #expect(!Self.article(.published, publishedAt: future).isPublic(at: Self.now))
        #expect(Self.article(.published, publishedAt: future).isPublic(at: future))
        #expect(!Self.article(.published, publishedAt: nil).isPublic(at: Self.now))
        for status in [ArticleStatus.draft, .inReview, .scheduled, .unpublished] {
            #expect(!Self.article(status, publishedAt: past).isPublic(at: Self.now), "\(status)")
        }
    }
}
