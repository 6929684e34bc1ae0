import ArgumentParser
import MastheadApp
import MastheadWeb

struct Media: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work on the media library's files.",
        subcommands: [Rebuild.self]
    )

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make every image's renditions and crops again, keep its upload private and strip its public copies of metadata."
        )

        @OptionGroup var site: SiteOptions

        func run() async throws {
            try await runReportingFailures {
                let configuration = try AppConfiguration.resolve(site.overrides)
                let tools = configuration.imageTools ?? ImageTools.locate()
                for missing in tools.missing { print("Note: \(missing)") }
                let report = try await MediaRebuild.run(configuration, tools: tools)
                print("Rebuilt \(report.rebuilt) images, stripped \(report.stripped) without libvips, \(report.failed.count) failed.")
                for failure in report.failed { print("  \(failure)") }
                if !report.failed.isEmpty { throw ExitCode(1) }
            }
        }
    }
}
