import Hummingbird

/// The request context of every route. Admin routes will add a child context
/// that cannot exist without a signed-in user.
public struct SiteRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
