import AsyncHTTPClient
import Foundation
import MastheadCore
import MastheadWeb
import NIOCore
import NIOHTTP1

/// Downloads an image an old site still serves, for an import: http(s) only, never
/// inside the server's own network (`AddressPolicy`, checked again on every
/// redirect), a few redirects at most, a size cap enforced while the body streams
/// in, and a time limit. What it returns is only bytes: the image pipeline decides
/// whether they are an image.
public struct RemoteImageFetcher: Sendable {
    public var addressPolicy = AddressPolicy()
    public var maximumBytes = 40 * 1024 * 1024
    public var timeout: TimeAmount = .seconds(30)
    public var connectTimeout: TimeAmount = .seconds(10)
    public var maximumRedirects = 3

    public init() {}

    /// An HTTP client for a whole import run, following no redirect by itself.
    func makeClient() -> HTTPClient {
        HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connectTimeout, read: timeout))
        )
    }

    /// The body of `address`, or an error that says in one sentence why not.
    func fetch(_ address: String, with client: HTTPClient) async throws -> Data {
        var current = address
        for _ in 0...maximumRedirects {
            if let problem = addressPolicy.problem(with: current) {
                throw MastheadError(.invalidInput, "\(current.prefix(200)) cannot be fetched: \(problem)")
            }
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "User-Agent", value: "Masthead-Import/1 (copying an old site's images)")
            request.headers.add(name: "Accept", value: "image/*")
            let response = try await client.execute(request, timeout: timeout)
            if (300..<400).contains(response.status.code) {
                guard let location = response.headers.first(name: "Location"), let next = URL(string: location, relativeTo: URL(string: current))
                else {
                    throw MastheadError(.invalidInput, "\(current.prefix(200)) redirects nowhere.")
                }
                current = next.absoluteString
                continue
            }
            guard response.status == .ok else {
                throw MastheadError(.invalidInput, "\(current.prefix(200)) answered \(response.status.code).")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumBytes {
                throw MastheadError(.invalidInput, "\(current.prefix(200)) is larger than \(maximumBytes / 1_048_576) MB.")
            }
            var body = Data()
            for try await chunk in response.body {
                body.append(contentsOf: chunk.readableBytesView)
                if body.count > maximumBytes {
                    throw MastheadError(.invalidInput, "\(current.prefix(200)) is larger than \(maximumBytes / 1_048_576) MB.")
                }
            }
            return body
        }
        throw MastheadError(.invalidInput, "\(address.prefix(200)) redirects more than \(maximumRedirects) times.")
    }
}
