import MastheadCore
import Testing

@Suite("Permission policy: every role against every action")
struct PolicyTests {
    static func account(_ role: Role, disabled: Bool = false) -> Account {
        Account(id: AccountID(1), email: "\(role)@x.example", name: "\(role)", role: role, disabled: disabled)
    }

    static let own = ArticleOwnership(isOwn: true, status: .draft)
    static let others = ArticleOwnership(isOwn: false, status: .draft)
    static let ownPublished = ArticleOwnership(isOwn: true, status: .published)
    static let ownInReview = ArticleOwnership(isOwn: true, status: .inReview)
    static let newArticle = ArticleOwnership(isOwn: true, status: nil)

    /// The whole matrix, written out: action, then admin / editor / author / contributor.
    static let matrix: [(String, Action, [Bool])] = [
        ("view back office", .viewBackOffice, [true, true, true, true]),
        ("create article", .createArticle, [true, true, true, true]),
        ("create API token", .createAPIToken, [true, true, true, true]),
        ("view own draft", .viewArticle(own), [true, true, true, true]),
        ("view another's draft", .viewArticle(others), [true, true, false, false]),
        ("edit own draft", .editArticle(own), [true, true, true, true]),
        ("edit own article in review", .editArticle(ownInReview), [true, true, true, true]),
        ("edit own published article", .editArticle(ownPublished), [true, true, true, false]),
        ("edit another's draft", .editArticle(others), [true, true, false, false]),
        ("submit own new article for review", .setStatus(.inReview, newArticle), [true, true, true, true]),
        ("publish own draft", .setStatus(.published, own), [true, true, true, false]),
        ("schedule own draft", .setStatus(.scheduled, own), [true, true, true, false]),
        ("unpublish own article", .setStatus(.unpublished, ownPublished), [true, true, true, false]),
        ("publish another's draft", .setStatus(.published, others), [true, true, false, false]),
        ("return own review to draft", .setStatus(.draft, ownInReview), [true, true, true, true]),
        ("curate lists", .curateLists, [true, true, false, false]),
        ("manage taxonomy", .manageTaxonomy, [true, true, false, false]),
        ("manage media", .manageMedia, [true, true, true, false]),
        ("manage users", .manageUsers, [true, false, false, false]),
        ("manage settings", .manageSettings, [true, false, false, false]),
    ]

    @Test(arguments: matrix.indices)
    func eachRoleGetsExactlyWhatTheProductSays(_ row: Int) {
        let (name, action, expected) = Self.matrix[row]
        let roles: [Role] = [.admin, .editor, .author, .contributor]
        let actual = roles.map { Policy.allows(Self.account($0), action) }
        #expect(actual == expected, "\(name): \(actual) instead of \(expected)")
    }

    @Test func aDisabledAccountMayDoNothing() {
        for (_, action, _) in Self.matrix {
            #expect(!Policy.allows(Self.account(.admin, disabled: true), action))
        }
    }

    @Test func passwordRulesPreferLength() {
        #expect(PasswordRules.problem(with: "correct horse battery staple") == nil)
        #expect(PasswordRules.problem(with: "Tr0ub4dor&3x") == nil)
        #expect(PasswordRules.problem(with: "short") != nil)
        #expect(PasswordRules.problem(with: "passwordpassword") != nil)
        #expect(PasswordRules.problem(with: String(repeating: "a", count: 129)) != nil)
        #expect(PasswordRules.problem(with: String(repeating: "ab1!", count: 32)) == nil)
    }
}
