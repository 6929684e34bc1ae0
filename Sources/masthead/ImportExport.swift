import ArgumentParser
import Foundation
import MastheadApp
import MastheadCore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring articles in from WordPress, Markdown folders, saved legacy pages or a Masthead export.",
        discussion: """
            Running the same import again updates what it brought in before instead of \
            duplicating it. Problems are reported per item with their line; the rest is imported.
            """,
        subcommands: [ImportWordPress.self, ImportMarkdown.self, ImportPages.self, ImportArchive.self]
    )
}

struct ImportWordPress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wxr",
        abstract: "Import a WordPress export file (Tools → Export): posts, pages, authors, categories, tags, featured images.",
        discussion: "Old post, category, tag and author addresses redirect to their new pages."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The IANA zone of the WordPress site, for dates the file gives without one (default: this site's zone).")
    var zone: String?

    @Flag(help: "Copy featured images from the old site into the media library (public addresses only, 40 MB each at most).")
    var fetchImages = false

    @Argument(help: "The WXR (.xml) file.")
    var file: String

    func run() async throws {
        try await runImport(site, fetchImages: fetchImages) { importer in
            try await importer.wordPress(file: file, zone: try parseZone(zone), progress: ProgressBar.make())
        }
    }
}

struct ImportMarkdown: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Import a folder of Markdown files with front matter (Hugo, Jekyll, or `masthead export markdown`)."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The IANA zone for dates written without one (default: this site's zone).")
    var zone: String?

    @Flag(help: "Copy lead images given as http(s) addresses into the media library (public addresses only, 40 MB each at most).")
    var fetchImages = false

    @Argument(help: "The folder.")
    var folder: String

    func run() async throws {
        try await runImport(site, fetchImages: fetchImages) { importer in
            try await importer.markdownFolder(folder, zone: try parseZone(zone), progress: ProgressBar.make())
        }
    }
}

struct ImportArchive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "json", abstract: "Import a folder written by `masthead export json`.")

    @OptionGroup var site: SiteOptions

    @Argument(help: "The export folder.")
    var folder: String

    func run() async throws {
        try await runImport(site) { importer in try await importer.archive(folder, progress: ProgressBar.make()) }
    }
}

struct ImportPages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Import saved article pages of a legacy site (HTML or text), one article per file.",
        discussion: "--dry-run prints what was recognised in each file as JSON and writes nothing."
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "Print what was recognised as JSON; change nothing.")
    var dryRun = false

    @Option(help: "The IANA zone for dates a page prints without one (default: this site's zone, or UTC for a dry run).")
    var zone: String?

    @Option(help: "The section for pages that do not name one.")
    var section = "News"

    @Argument(help: "The saved pages (.html, .htm, .txt), or folders of them.")
    var files: [String]

    func run() async throws {
        if dryRun {
            let zone = try parseZone(zone) ?? .gmt
            var failed = false
            for file in SiteImport.pageFiles(files) {
                switch SiteImport.dryRun(page: file, zone: zone) {
                case .success(let json):
                    print(json)
                case .failure(let problem):
                    FileHandle.standardError.write(Data("masthead: \(file): \(problem.reason)\n".utf8))
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
            return
        }
        try await runImport(site) { importer in try await importer.pages(files, zone: try parseZone(zone), section: section) }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole site (articles, people, sections, tags, media, settings) into a new folder.",
        discussion: "`masthead import json|markdown` reads the folder back into a site."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "json (articles.jsonl) or markdown (one .md file per article).")
    var format: String

    @Argument(help: "A folder that does not exist yet, or is empty.")
    var folder: String

    func run() async throws {
        guard let format = SiteExport.Format(rawValue: format) else { throw ValidationError("The format is json or markdown.") }
        try await runReportingFailures {
            let configuration = try AppConfiguration.resolve(site.overrides)
            let started = Date()
            let summary = try await Maintenance.siteExport(configuration).write(format, to: folder)
            let seconds = Date().timeIntervalSince(started)
            print(
                "Exported \(summary.articles) articles and \(summary.mediaFiles) media files into \(folder) in \(String(format: "%.1f", seconds)) s."
            )
        }
    }
}

private func parseZone(_ name: String?) throws -> TimeZone? {
    guard let name else { return nil }
    guard let zone = TimeZone(identifier: name) else { throw ValidationError("\(name) is not an IANA zone name such as America/New_York.") }
    return zone
}

/// Runs an import and prints its summary; exits non-zero when anything was skipped.
private func runImport(_ site: SiteOptions, fetchImages: Bool = false, _ body: (SiteImport) async throws -> ImportReport) async throws {
    try await runReportingFailures {
        let configuration = try AppConfiguration.resolve(site.overrides)
        let started = Date()
        var importer = try await Maintenance.siteImport(configuration)
        if fetchImages { importer.fetchImages = RemoteImageFetcher() }
        let report = try await body(importer)
        let seconds = Date().timeIntervalSince(started)
        for line in report.lines() { print(line) }
        print("Took \(String(format: "%.2f", seconds)) s (\(Int(Double(report.articles) / max(seconds, 0.001))) articles/s).")
        if !report.skipped.isEmpty { throw ExitCode(2) }
    }
}

/// A bar that redraws itself on a terminal; silent when output goes to a file.
enum ProgressBar {
    static func make() -> SiteImport.Progress? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        let started = Date()
        return { fraction, articles in
            let width = 30
            let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
            let rate = Double(articles) / max(Date().timeIntervalSince(started), 0.001)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let line = "\r\(bar) \(Int(fraction * 100))%  \(articles.formatted()) articles  \(Int(rate).formatted())/s"
            FileHandle.standardError.write(Data((line + (fraction >= 1 ? "\n" : "")).utf8))
        }
    }
}
