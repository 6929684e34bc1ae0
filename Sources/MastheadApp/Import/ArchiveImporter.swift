import Foundation
import MastheadCore
import MastheadImport

/// Writes what the importers recognised into the site: finds or creates the
/// sections, authors and tags it names, saves new articles in batches (one
/// transaction each) and updates the ones an earlier run brought in, then
/// records where each came from and the old addresses that lead to it.
///
/// Every article is validated before it is written; one that cannot be saved
/// is reported with its line and the rest go on. A run that stops half-way
/// (a crash, a full disk) can be repeated: what was saved is found again by
/// its source key, or by its slug and headline if the crash fell between the
/// article and its ledger entry.
final class ArchiveImporter {
    static let batchSize = 500

    let stores: Stores
    let publishing: Publishing
    let clock: WallClock
    /// Credited on imported photos that name nobody (WordPress has no credit field).
    var defaultCredit: String
    private(set) var report = ImportReport()

    private var sections: [Slug: SectionID] = [:]
    private var authors: [Slug: AuthorID] = [:]
    private var tags: [Slug: TagID] = [:]
    private var pending: [(article: ImportedArticle, input: ArticleInput)] = []
    /// Source keys seen in this run: an item that appears twice is reported, not saved twice.
    private var seenKeys: Set<String> = []
    private var sectionCount = 0

    init(stores: Stores, clock: WallClock, defaultCredit: String) {
        self.stores = stores
        self.clock = clock
        self.publishing = Publishing(stores: stores, clock: clock)
        self.defaultCredit = defaultCredit
    }

    func skip(_ problem: ImportProblem) {
        if problem.expected == true { report.leftOut.append(problem) } else { report.skipped.append(problem) }
    }

    /// Takes one recognised article; new ones are written when a batch fills up or at `finish`.
    func add(_ article: ImportedArticle) async throws {
        guard seenKeys.insert(article.sourceKey).inserted else {
            return skip(ImportProblem(item: article.label, line: nil, reason: "it appears twice in the source (\(article.sourceKey))."))
        }
        do {
            let input = try await makeInput(article)
            for warning in article.warnings { report.warnings.append(ImportProblem(item: article.headline, line: article.line, reason: warning)) }
            if let id = try await stores.archive.articleID(importKey: article.sourceKey), let existing = try await stores.articles.article(id: id) {
                var update = input
                try await self.update(existing, with: &update, from: article)
                return
            }
            pending.append((article, input))
            if pending.count >= Self.batchSize { try await flush() }
        } catch let error as MastheadError where error.code == .invalidInput || error.code == .conflict {
            skip(ImportProblem(item: article.label, line: nil, reason: error.message))
        }
    }

    /// Writes what is still pending and returns the report.
    func finish() async throws -> ImportReport {
        try await flush()
        return report
    }

    /// Redirects for pages rather than articles (old category and author addresses).
    func addPageRedirects(_ redirects: [PathRedirect]) async throws {
        // A target is a path of this site (or an attachment's image file): anything else,
        // from any import, is refused here rather than answered with later.
        let useful = redirects.filter { redirect in
            guard case .path(let target) = redirect.to else { return true }
            guard SameSitePath.check(target) != nil || LegacyImageAddress.accepts(target) else {
                let reason = "its redirect target is not a path of this site; left out."
                report.warnings.append(ImportProblem(item: redirect.from, line: nil, reason: reason))
                return false
            }
            return target != redirect.from
        }
        try await stores.archive.saveRedirects(useful)
        report.redirects += useful.count
    }

    // MARK: - Writing

    /// Saves the pending new articles in one transaction. Their slugs are checked in one
    /// query; a taken one is either the same article from a run that stopped between
    /// saving it and recording its source (same headline: adopted), or another article
    /// (the import takes the next free `slug-2`).
    private func flush() async throws {
        guard !pending.isEmpty else { return }
        let waiting = pending
        pending = []
        let taken = try await stores.archive.takenSlugs(waiting.compactMap { Slug(validating: $0.input.slug) })
        var batch: [(article: ImportedArticle, input: ArticleInput)] = []
        var batchSlugs = Set<Slug>()
        for entry in waiting {
            var input = entry.input
            let slug = Slug(validating: input.slug)
            if let slug, taken.contains(slug), let same = try await stores.articles.article(slug: slug), same.headline == input.headline {
                try await update(same, with: &input, from: entry.article)
                continue
            }
            let free = try await freeSlug(for: input, article: entry.article, taken: taken, batch: batchSlugs)
            input.slug = free.rawValue
            batchSlugs.insert(free)
            batch.append((entry.article, input))
        }
        guard !batch.isEmpty else { return }
        do {
            let ids = try await publishing.saveNew(batch.map(\.input))
            try await recordSources(zip(batch, ids).map { ($0.0.article, $0.1) })
            report.imported += ids.count
        } catch let error as MastheadError where error.code == .invalidInput || error.code == .conflict {
            // One bad article spoils a batch's transaction: save them one by one to find it.
            for entry in batch {
                do {
                    let id = try await publishing.save(entry.input)
                    try await recordSources([(entry.article, id)])
                    report.imported += 1
                } catch let error as MastheadError where error.code == .invalidInput || error.code == .conflict {
                    skip(ImportProblem(item: entry.article.label, line: nil, reason: error.message))
                }
            }
        }
    }

    /// The ledger entries and old addresses of saved articles: one write each for a batch.
    private func recordSources(_ saved: [(article: ImportedArticle, id: ArticleID)]) async throws {
        try await stores.archive.recordImports(Dictionary(saved.map { ($0.article.sourceKey, $0.id) }, uniquingKeysWith: { _, last in last }))
        let redirects = saved.flatMap { entry in entry.article.legacyPaths.map { PathRedirect(from: $0, to: .article(entry.id)) } }
        try await stores.archive.saveRedirects(redirects)
        report.redirects += redirects.count
        for entry in saved where !entry.article.formerSlugs.isEmpty {
            try await stores.archive.addFormerSlugs(entry.article.formerSlugs.compactMap(Slug.init(validating:)), to: entry.id)
        }
    }

    private func update(_ existing: Article, with input: inout ArticleInput, from article: ImportedArticle) async throws {
        input.id = existing.id
        var current = existing.input
        current.createdBy = nil
        input.createdBy = nil
        input.corrections = existing.corrections
        if current == input {
            report.unchanged += 1
        } else {
            try await publishing.save(input)
            report.updated += 1
        }
        try await recordSources([(article, existing.id)])
    }

    /// The article's slug, or the first free `slug-2`, `slug-3` … when another article has it.
    private func freeSlug(for input: ArticleInput, article: ImportedArticle, taken: Set<Slug>, batch: Set<Slug>) async throws -> Slug {
        var base = Slug(from: input.slug) ?? Slug(from: input.headline) ?? Slug(from: "article")!
        if base.isReserved { base = Slug(from: base.rawValue + "-article")! }
        var candidate = base
        var suffix = 1
        while try await isTaken(candidate, queried: Slug(validating: input.slug), taken: taken, batch: batch) {
            suffix += 1
            candidate = Slug(from: "\(base.rawValue.prefix(Slug.maximumLength - 6))-\(suffix)")!
        }
        if candidate != base {
            report.warnings.append(
                ImportProblem(
                    item: article.label,
                    line: nil,
                    reason: "the slug \u{201C}\(base)\u{201D} is taken by another article; imported as \u{201C}\(candidate)\u{201D}."
                )
            )
        }
        return candidate
    }

    /// `taken` answers for the slug the batch already asked about (`queried`); any other
    /// candidate is asked about on its own.
    private func isTaken(_ slug: Slug, queried: Slug?, taken: Set<Slug>, batch: Set<Slug>) async throws -> Bool {
        if batch.contains(slug) { return true }
        if slug == queried { return taken.contains(slug) }
        return try await !stores.archive.takenSlugs([slug]).isEmpty
    }

    // MARK: - Names to ids

    private func makeInput(_ article: ImportedArticle) async throws -> ArticleInput {
        let section = try await sectionID(article.section ?? ImportedTerm(name: "News", slug: "news"))
        var authorIDs: [AuthorID] = []
        for person in article.authors {
            if let id = try await authorID(person), !authorIDs.contains(id) { authorIDs.append(id) }
        }
        if authorIDs.isEmpty {
            authorIDs = [try await authorID(ImportedPerson(name: "Staff", slug: "staff"))!]
            report.warnings.append(ImportProblem(item: article.label, line: nil, reason: "it names no author; credited to Staff."))
        }
        var tagIDs: [TagID] = []
        for term in article.tags {
            if let id = try await tagID(term), !tagIDs.contains(id) { tagIDs.append(id) }
        }
        var input = ArticleInput(
            slug: article.slug.flatMap { Slug(from: $0)?.rawValue } ?? "",
            headline: String(article.headline.prefix(300)),
            standfirst: article.standfirst,
            sectionID: section,
            authorIDs: authorIDs,
            tagIDs: tagIDs,
            leadImage: leadImage(article),
            bodyMarkdown: article.bodyMarkdown,
            status: article.status,
            publishedAt: article.publishedAt,
            updatedAt: article.updatedAt,
            rightsOverride: article.rightsOverride,
            seoTitle: article.seoTitle,
            seoDescription: article.seoDescription,
            corrections: article.corrections
        )
        input.datelineZone = article.datelineZone
        if input.slug.isEmpty, let slug = Slug(from: input.headline) { input.slug = slug.rawValue }
        // A WordPress post scheduled for a moment that has since passed is simply published.
        if input.status == .scheduled, let time = input.publishedAt, time <= clock.now { input.status = .published }
        return input
    }

    /// Our lead images need alt text and a credit; an old site's often lack them.
    private func leadImage(_ article: ImportedArticle) -> LeadImage? {
        guard var image = article.leadImage else { return nil }
        if image.alt.trimmingCharacters(in: .whitespaces).isEmpty {
            image.alt = image.caption.isEmpty ? article.headline : image.caption
        }
        if image.credit.trimmingCharacters(in: .whitespaces).isEmpty {
            image.credit = defaultCredit
            report.warnings.append(ImportProblem(item: article.label, line: nil, reason: "its photo names no credit; credited to \(defaultCredit)."))
        }
        return image
    }

    private func sectionID(_ term: ImportedTerm) async throws -> SectionID {
        let slug = Slug(from: term.slug ?? term.name).flatMap { $0.isReserved ? nil : $0 } ?? Slug(from: term.name) ?? Slug(from: "news")!
        if let id = sections[slug] { return id }
        if sections.isEmpty { sectionCount = try await stores.taxonomy.sections().count }
        let section: Section
        if let found = try await stores.taxonomy.section(slug: slug) {
            section = found
        } else {
            section = try await stores.taxonomy.saveSection(
                slug: slug,
                name: term.name.isEmpty ? slug.rawValue : term.name,
                description: "",
                position: sectionCount
            )
            sectionCount += 1
        }
        sections[slug] = section.id
        return section.id
    }

    private func authorID(_ person: ImportedPerson) async throws -> AuthorID? {
        guard let slug = Slug(from: person.slug ?? person.name) ?? Slug(from: person.name) else { return nil }
        if let id = authors[slug] { return id }
        let author: Author
        if let found = try await stores.taxonomy.author(slug: slug) {
            author = found
        } else {
            author = try await stores.taxonomy.saveAuthor(slug: slug, name: person.name, bio: person.bio, photoURL: nil, role: "")
        }
        authors[slug] = author.id
        // The old site's author pages lead to the new one.
        var redirects: [PathRedirect] = []
        for former in person.formerSlugs where former != slug.rawValue {
            let encoded = former.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? former
            redirects.append(PathRedirect(from: "/author/\(encoded)/", to: .path("/author/\(slug)")))
            redirects.append(PathRedirect(from: "/author/\(encoded)", to: .path("/author/\(slug)")))
        }
        try await addPageRedirects(redirects)
        return author.id
    }

    private func tagID(_ term: ImportedTerm) async throws -> TagID? {
        guard let slug = Slug(from: term.slug ?? term.name) ?? Slug(from: term.name) else { return nil }
        if let id = tags[slug] { return id }
        let tag = try await stores.taxonomy.findOrCreateTag(slug: slug, name: term.name.isEmpty ? slug.rawValue : String(term.name.prefix(100)))
        tags[slug] = tag.id
        return tag.id
    }
}
