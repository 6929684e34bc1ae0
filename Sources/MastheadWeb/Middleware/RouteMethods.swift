import HTTPTypes
import Hummingbird
import Synchronization

/// Which methods each address answers, read from the router's own table once every
/// route is added, so that a method the address does not serve is 405 with the
/// `Allow` header RFC 9110 §15.5.5 requires (a `DELETE` on `/api/v1/articles`),
/// and an address no route knows stays 404.
final class RouteMethods: Sendable {
    private struct Route: Sendable {
        var components: [RouterPath.Element]
        var method: HTTPRequest.Method
    }

    private let routes = Mutex<[Route]>([])
    /// Folders served by `FileMiddleware`, which answers only GET and HEAD.
    private let fileFolders: [String]

    init(fileFolders: [String]) {
        self.fileFolders = fileFolders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// Reads the router's table; call after the last route is added.
    func learn<Context>(_ router: Router<Context>) {
        let table = router.routes.map { Route(components: Array($0.path.components), method: $0.method) }
        routes.withLock { $0 = table }
    }

    static let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// The methods served at `path`, in the usual order; empty when no route has this address.
    func allowed(at path: String) -> [HTTPRequest.Method] {
        if fileFolders.contains(where: path.hasPrefix) { return [.get, .head] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        // As the router does, a literal segment beats a capture: `/api/v1/articles` is the
        // collection's route, not the reader site's `/{section}/{slug}/{…}`.
        var best: [Int] = []
        var methods: Set<HTTPRequest.Method> = []
        for route in routes.withLock({ $0 }) {
            guard let rank = Self.rank(route.components, segments) else { continue }
            if rank.lexicographicallyPrecedes(best) { continue }
            if rank != best {
                best = rank
                methods = []
            }
            methods.insert(route.method)
        }
        if methods.contains(.get) { methods.insert(.head) }
        return Self.order.filter(methods.contains)
    }

    /// For each segment 2 when the route spells it, 1 when it captures it; nil when it does not match.
    private static func rank(_ components: [RouterPath.Element], _ segments: [Substring]) -> [Int]? {
        var rank: [Int] = []
        for (index, component) in components.enumerated() {
            if component == .recursiveWildcard {
                return segments.count >= index ? rank + [0] : nil
            }
            guard index < segments.count, component ~= segments[index] else { return nil }
            rank.append(component == segments[index] ? 2 : 1)
        }
        return components.count == segments.count ? rank : nil
    }

    /// The `Allow` header's value.
    static func header(_ methods: [HTTPRequest.Method]) -> String {
        methods.map(\.rawValue).joined(separator: ", ")
    }
}
