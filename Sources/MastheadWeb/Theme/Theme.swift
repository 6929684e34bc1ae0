import Foundation
import MastheadCore
import Mustache

/// A theme folder: Mustache templates plus `assets/`, loaded once at start-up.
///
/// Loading fails fast, naming every missing template, so a broken theme stops
/// `serve` before the first request instead of failing page by page.
public struct Theme: Sendable {
    /// Templates every theme must provide.
    public static let requiredTemplates = [
        "layout", "home", "article", "section", "tag", "author", "archive", "search", "error", "partials/sidebar", "partials/article-list",
    ]

    public let directory: String
    let library: MustacheLibrary
    /// Fingerprint of `assets/site.css`, added to its URL so browsers can cache it for a year.
    public let stylesheetVersion: String

    public init(directory: String) async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MastheadError(.configuration, "The theme folder \(directory) does not exist.")
        }
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory)
        } catch let error as MustacheLibrary.ParserError {
            throw MastheadError(
                .configuration,
                "The theme template \(error.filename) has a syntax error at line \(error.context.lineNumber): \(error.error).",
                underlying: error
            )
        } catch {
            throw MastheadError(.configuration, "The theme folder \(directory) could not be read: \(error).", underlying: error)
        }
        let missing = Self.requiredTemplates.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw MastheadError(
                .configuration,
                "The theme in \(directory) is missing the templates \(missing.map { "\($0).mustache" }.joined(separator: ", "))."
            )
        }
        let css = FileManager.default.contents(atPath: directory + "/assets/site.css") ?? Data()
        self.directory = directory
        self.library = library
        self.stylesheetVersion = String(Self.fnv1a(css), radix: 36)
    }

    /// The theme that ships inside Masthead.
    public static func bundledDefault() async throws -> Theme {
        guard let root = Bundle.module.path(forResource: "Themes", ofType: nil) else {
            throw MastheadError(.configuration, "The default theme is missing from this build of Masthead.")
        }
        return try await Theme(directory: root + "/default")
    }

    public var assetsDirectory: String { directory + "/assets" }

    /// Renders a page model. A template that renders nothing is an error, not an empty page.
    func render(_ model: Any, template: String) throws -> String {
        guard let html = library.render(model, withTemplate: template), !html.isEmpty else {
            throw MastheadError(.internalFailure, "The theme template \(template) rendered nothing.")
        }
        return html
    }

    static func fnv1a(_ data: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
