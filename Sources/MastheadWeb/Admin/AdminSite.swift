import Foundation
import Hummingbird
import Logging
import MastheadCore
import Mustache

/// Everything the back office needs: stores, clock, the rules for passwords,
/// sessions and sign-in attempts, and its own (not themeable) templates.
public struct AdminSite: Sendable {
    public struct Options: Sendable {
        public var passwordHasher = PasswordHasher()
        public var sessionPolicy = SessionPolicy()
        public var loginThrottle = LoginThrottle()
        /// Which webhook targets may be registered; internal networks are refused unless allowed.
        public var webhookAddresses = AddressPolicy()
        /// Reverse proxies whose `X-Forwarded-For` is believed.
        public var clientAddress = ClientAddress()
        /// Reads uploaded archives for the import page; without one the page says imports are unavailable.
        public var importer: (any ArchiveImporting)?
        public init() {}
    }

    let stores: Stores
    let clock: WallClock
    let reader: ReaderSite
    let hasher: PasswordHasher
    public var passwordHasher: PasswordHasher { hasher }
    let sessionPolicy: SessionPolicy
    let throttle: LoginThrottle
    let webhookAddresses: AddressPolicy
    let clientAddress: ClientAddress
    let importer: (any ArchiveImporting)?
    let templates: MustacheLibrary
    let logger: Logger

    public init(stores: Stores, clock: WallClock, reader: ReaderSite, options: Options = .init(), logger: Logger) async throws {
        guard let folder = Bundle.module.path(forResource: "Admin", ofType: nil) else {
            throw MastheadError(.configuration, "The back-office templates are missing from this build of Masthead.")
        }
        self.stores = stores
        self.clock = clock
        self.reader = reader
        self.hasher = options.passwordHasher
        self.sessionPolicy = options.sessionPolicy
        self.throttle = options.loginThrottle
        self.webhookAddresses = options.webhookAddresses
        self.clientAddress = options.clientAddress
        self.importer = options.importer
        self.templates = try await MustacheLibrary(directory: folder)
        self.logger = logger
    }

    /// Every article save from the back office and the API; each refreshes the site when it lands.
    var publishing: Publishing {
        Publishing(stores: stores, clock: clock, logger: logger) { [self] _ in await contentChanged() }
    }

    var assetsDirectory: String { (Bundle.module.path(forResource: "Admin", ofType: nil) ?? "") + "/assets" }

    /// Renders a back-office page. Never cached by anyone: it is one person's view.
    func page(_ model: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = templates.render(model, withTemplate: template) else {
            throw MastheadError(.internalFailure, "The back-office template \(template) is missing.")
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// Whether cookies must be `Secure`: the site is served over HTTPS.
    func usesHTTPS() async throws -> Bool {
        try await reader.snapshot().settings.baseURL.hasPrefix("https://")
    }

    /// After a write the public site shows: refresh at once in this process (others
    /// notice through the content revision within a second).
    func contentChanged() async {
        do {
            try await reader.rebuildSnapshot()
        } catch {
            logger.error("Refreshing the site after a change failed", metadata: ["error": "\(error)"])
        }
    }
}
