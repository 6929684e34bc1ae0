/// The one error type that crosses layers.
///
/// `code` is stable (the web layer maps it to a status in one place), `message`
/// is safe to show a user, and `underlying` keeps the original error for logs.
public struct MastheadError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notFound = "not_found"
        case gone
        case invalidInput = "invalid_input"
        case conflict
        case forbidden
        case unauthorized
        case tooLarge = "too_large"
        case unavailable
        /// The disk under the database or the media folder is full: nothing was saved.
        case storageFull = "storage_full"
        case configuration
        case internalFailure = "internal"
    }

    public let code: Code
    public let message: String
    public let underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        if let underlying { return "\(code.rawValue): \(message) (\(underlying))" }
        return "\(code.rawValue): \(message)"
    }
}

/// An error from a library below the stores (a database driver) that knows which
/// `MastheadError` it means, so the web layer can answer it as one.
public protocol MastheadErrorConvertible: Error {
    var mastheadError: MastheadError? { get }
}
