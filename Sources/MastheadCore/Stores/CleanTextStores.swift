import Foundation

// The stores every door writes through, with `CleanText` applied to each text
// argument before the engine sees it. `Stores.init` wraps the engine's stores in
// these, so no door (editor, API, import, CLI) and no engine can skip the rule;
// articles get it in `Publishing`, their one writer.

struct CleanTextTaxonomyStore: TaxonomyStore {
    let base: any TaxonomyStore

    func sections() async throws -> [Section] { try await base.sections() }
    func section(slug: Slug) async throws -> Section? { try await base.section(slug: slug) }
    func saveSection(slug: Slug, name: String, description: String, position: Int) async throws -> Section {
        try await base.saveSection(slug: slug, name: CleanText.clean(name), description: CleanText.clean(description), position: position)
    }
    func tag(slug: Slug) async throws -> Tag? { try await base.tag(slug: slug) }
    func findOrCreateTag(slug: Slug, name: String) async throws -> Tag { try await base.findOrCreateTag(slug: slug, name: CleanText.clean(name)) }
    func tags() async throws -> [Tag] { try await base.tags() }
    func renameTag(_ tag: TagID, name: String, slug: Slug) async throws -> Tag {
        try await base.renameTag(tag, name: CleanText.clean(name), slug: slug)
    }
    func mergeTag(_ source: TagID, into target: TagID) async throws { try await base.mergeTag(source, into: target) }
    func tagRedirect(from slug: Slug) async throws -> Slug? { try await base.tagRedirect(from: slug) }
    func authors() async throws -> [Author] { try await base.authors() }
    func author(slug: Slug) async throws -> Author? { try await base.author(slug: slug) }
    func saveAuthor(slug: Slug, name: String, bio: String, photoURL: String?, role: String) async throws -> Author {
        try await base.saveAuthor(
            slug: slug,
            name: CleanText.clean(name),
            bio: CleanText.clean(bio),
            photoURL: CleanText.clean(photoURL),
            role: CleanText.clean(role)
        )
    }
}

struct CleanTextSiteStore: SiteStore {
    let base: any SiteStore

    func settings() async throws -> SiteSettings? { try await base.settings() }
    func saveSettings(_ settings: SiteSettings) async throws { try await base.saveSettings(settings.cleaned) }
    func curatedList(_ list: CuratedList) async throws -> [ArticleID] { try await base.curatedList(list) }
    func setCuratedList(_ list: CuratedList, to articles: [ArticleID]) async throws { try await base.setCuratedList(list, to: articles) }
    func contentRevision() async throws -> Int64 { try await base.contentRevision() }
    func contentChanges(after: Int64, through: Int64) async throws -> [ContentChange] {
        try await base.contentChanges(after: after, through: through)
    }
}

struct CleanTextAccountStore: AccountStore {
    let base: any AccountStore

    func createAccount(email: String, name: String, role: Role, passwordHash: String, authorID: AuthorID?) async throws -> Account {
        try await base.createAccount(
            email: CleanText.clean(email),
            name: CleanText.clean(name),
            role: role,
            passwordHash: passwordHash,
            authorID: authorID
        )
    }
    func accounts() async throws -> [Account] { try await base.accounts() }
    func account(id: AccountID) async throws -> Account? { try await base.account(id: id) }
    func credentials(email: String) async throws -> (account: Account, passwordHash: String)? { try await base.credentials(email: email) }
    func setPassword(_ account: AccountID, passwordHash: String) async throws { try await base.setPassword(account, passwordHash: passwordHash) }
    func updateAccount(_ account: AccountID, role: Role, authorID: AuthorID?, disabled: Bool) async throws {
        try await base.updateAccount(account, role: role, authorID: authorID, disabled: disabled)
    }
    func createSession(_ session: Session) async throws { try await base.createSession(session) }
    func session(idHash: String) async throws -> Session? { try await base.session(idHash: idHash) }
    func touchSession(idHash: String, at: Date) async throws { try await base.touchSession(idHash: idHash, at: at) }
    func deleteSession(idHash: String) async throws { try await base.deleteSession(idHash: idHash) }
    func createAPIToken(account: AccountID, label: String, tokenHash: String, createdAt: Date, expiresAt: Date?) async throws {
        try await base.createAPIToken(
            account: account,
            label: CleanText.clean(label),
            tokenHash: tokenHash,
            createdAt: createdAt,
            expiresAt: expiresAt
        )
    }
    func account(apiTokenHash: String, now: Date) async throws -> Account? { try await base.account(apiTokenHash: apiTokenHash, now: now) }
    func apiTokens(account: AccountID?) async throws -> [APIToken] { try await base.apiTokens(account: account) }
    func revokeAPIToken(id: String) async throws -> Bool { try await base.revokeAPIToken(id: id) }
}

struct CleanTextMediaStore: MediaStore {
    let base: any MediaStore

    func add(_ file: MediaFile) async throws -> MediaAsset { try await base.add(file.cleaned) }
    func asset(_ id: MediaID) async throws -> MediaAsset? { try await base.asset(id) }
    func list(page: PageRequest) async throws -> Paged<MediaAsset> { try await base.list(page: page) }
    func assets(paths: [String]) async throws -> [String: MediaAsset] { try await base.assets(paths: paths) }
    func update(_ asset: MediaAsset) async throws { try await base.update(MediaAsset(id: asset.id, file: asset.file.cleaned)) }
    func licencesEnding(after start: Date, by end: Date) async throws -> [String] { try await base.licencesEnding(after: start, by: end) }
    func pageKeys(showingImage path: String) async throws -> [String] { try await base.pageKeys(showingImage: path) }
    func announceWithdrawals(dueBy now: Date) async throws -> [String] { try await base.announceWithdrawals(dueBy: now) }
}
