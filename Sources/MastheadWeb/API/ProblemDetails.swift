import Foundation
import Hummingbird
import MastheadCore

/// RFC 9457 problem details: how the JSON API reports every error.
struct ProblemDetails: Codable, Sendable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String

    static func response(status: HTTPResponse.Status, detail: String) -> Response {
        let problem = ProblemDetails(title: status.reasonPhrase, status: status.code, detail: detail)
        let data = (try? JSONEncoder().encode(problem)) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/problem+json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
