import HummingbirdBcrypt
import NIOPosix

/// bcrypt password hashing, run on NIO's thread pool so a 250 ms hash never
/// blocks an event loop that is serving pages.
public struct PasswordHasher: Sendable {
    /// 12 in production (RELIABILITY.md asks ≥ 12); tests may lower it.
    public var cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Verifies against a hash of nothing in particular, so an unknown email costs as
    /// much time as a wrong password and answers cannot tell them apart.
    public func spendEquivalentTime(_ password: String) async throws {
        _ = try await verify(password, against: Self.decoy)
    }

    private static let decoy = Bcrypt.hash("masthead-decoy-password", cost: 12)
}
