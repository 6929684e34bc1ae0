/// Everything a signed-in account can ask to do. Every admin route and API call
/// names one of these, and `Policy` is the one place that answers.
public enum Action: Sendable, Hashable {
    case viewBackOffice
    case createArticle
    /// See an article in the back office: its editor, revisions, preview.
    case viewArticle(ArticleOwnership)
    case editArticle(ArticleOwnership)
    /// Move an article to a status: drafts and review are writing; the rest is publishing.
    case setStatus(ArticleStatus, ArticleOwnership)
    case curateLists
    case manageTaxonomy
    case manageMedia
    /// Bring in an archive (a WordPress export, saved pages): many articles at once.
    case importArchive
    case manageUsers
    case manageSettings
    case createAPIToken
}

/// Whose an article is, as far as permissions care, and where it stands.
public struct ArticleOwnership: Sendable, Hashable {
    public var isOwn: Bool
    /// The article's current status (`nil` for one not yet saved).
    public var status: ArticleStatus?

    public init(isOwn: Bool, status: ArticleStatus?) {
        self.isOwn = isOwn
        self.status = status
    }

    /// Whether the account wrote or is credited on the article.
    public static func of(_ article: Article?, createdBy: AccountID?, for account: Account) -> ArticleOwnership {
        guard let article else { return ArticleOwnership(isOwn: true, status: nil) }
        let credited = account.authorID.map { id in article.authors.contains { $0.id == id } } ?? false
        return ArticleOwnership(isOwn: credited || createdBy == account.id, status: article.status)
    }
}

/// The permission policy from PRODUCT.md, in one place:
/// - admin: everything;
/// - editor: edit and publish any article, curate, manage sections/tags/authors and media;
/// - author: write and publish their own articles;
/// - contributor: write their own drafts and submit them for review; an article
///   that has left their hands (scheduled, published, unpublished) is no longer theirs to edit.
public enum Policy {
    /// Whether article lists show this account everyone's articles (editors, admins)
    /// or only its own (authors, contributors).
    public static func seesEveryonesArticles(_ account: Account) -> Bool {
        allows(account, .viewArticle(ArticleOwnership(isOwn: false, status: .draft)))
    }

    public static func allows(_ account: Account, _ action: Action) -> Bool {
        guard !account.disabled else { return false }
        switch (account.role, action) {
        case (.admin, _):
            return true
        case (_, .viewBackOffice), (_, .createArticle), (_, .createAPIToken):
            return true
        case (.editor, .viewArticle), (.editor, .editArticle), (.editor, .setStatus):
            return true
        case (.editor, .curateLists), (.editor, .manageTaxonomy), (.editor, .manageMedia), (.editor, .importArchive):
            return true
        case (.editor, .manageUsers), (.editor, .manageSettings):
            return false
        case (.author, .viewArticle(let article)), (.author, .editArticle(let article)):
            return article.isOwn
        case (.author, .setStatus(_, let article)):
            return article.isOwn
        case (.author, .manageMedia):
            return true
        case (.contributor, .viewArticle(let article)):
            return article.isOwn
        case (.contributor, .editArticle(let article)):
            return article.isOwn && [nil, .draft, .inReview].contains(article.status)
        case (.contributor, .setStatus(let status, let article)):
            return article.isOwn && [nil, .draft, .inReview].contains(article.status) && [.draft, .inReview].contains(status)
        case (.author, _), (.contributor, _):
            return false
        }
    }
}
