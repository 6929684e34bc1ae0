import Hummingbird
import MastheadCore
import NIOCore

/// The request context of every route. Public pages never fill `session`; the
/// back office's middleware does, and `AdminContext` cannot exist without it.
public struct SiteRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer's address: the key for rate limits (never `X-Forwarded-For`
    /// unless it comes from a configured proxy).
    public let peerAddress: String
    public var session: Session?
    /// The decoded form of a back-office POST, read once by `FormMiddleware`.
    public var form: Form?
    /// The account whose API token came with a `/api/v1` request.
    public var apiAccount: Account?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
