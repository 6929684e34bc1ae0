import ArgumentParser
import Foundation
import MastheadApp

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty site with the demo newsroom, or with a generated one of any size.",
        discussion: """
            Without --articles, installs the hand-written demo newsroom. With --articles N, \
            generates N articles of made-up text (sections, authors, tags, view history) \
            for benchmarks and capacity planning; the same --seed gives the same site.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Generate this many articles instead of installing the demo newsroom.")
    var articles: Int?

    @Option(help: "The generated newsroom's seed.")
    var seed: UInt64 = 7

    func validate() throws {
        if let articles, !(1...10_000_000).contains(articles) {
            throw ValidationError("--articles takes a number from 1 to 10,000,000.")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            var overrides = site.overrides
            overrides.demo = articles == nil
            let configuration = try AppConfiguration.resolve(overrides)
            let filled: Bool
            if let articles {
                let started = Date()
                let terminal = isatty(STDOUT_FILENO) != 0
                filled = try await Maintenance.fillCorpus(configuration, articles: articles, seed: seed) { written in
                    // A progress line that rewrites itself on a terminal, and a line per 10% in a log.
                    let rate = Double(written) / max(Date().timeIntervalSince(started), 0.001)
                    let line = "\(written.formatted()) of \(articles.formatted()) articles (\(Int(rate).formatted())/s)"
                    if terminal {
                        FileHandle.standardOutput.write(Data(("\r" + line + (written == articles ? "\n" : "")).utf8))
                    } else if written == articles || written % max(articles / 10, 2_000) < 2_000 {
                        FileHandle.standardOutput.write(Data((line + "\n").utf8))
                    }
                }
            } else {
                filled = try await Maintenance.fillDemo(configuration)
            }
            if filled {
                print("Filled \(configuration.dataDirectory) with the \(articles == nil ? "demo" : "generated") newsroom.")
            } else {
                print("The site already has articles; nothing was added.")
            }
        }
    }
}
