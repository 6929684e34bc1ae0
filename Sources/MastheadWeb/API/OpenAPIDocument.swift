import Foundation
import Hummingbird
import MastheadCore

/// The API's OpenAPI 3.1 description, shipped as a resource and served as is.
/// `APITests` checks that every operation it lists answers, and that every API
/// route is listed.
enum OpenAPIDocument {
    static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "API") else {
            throw MastheadError(.internalFailure, "The OpenAPI document is missing from this build.")
        }
        return try Data(contentsOf: url)
    }

    static func response() throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: try data()))
        )
    }
}
