import Foundation
import MastheadCore
import Testing

@Suite("API token store contract")
struct APITokenContractTests {
    let now = Date(timeIntervalSince1970: 1_796_040_000)

    func account(_ stores: Stores, _ email: String, _ role: Role) async throws -> Account {
        try await stores.accounts.createAccount(email: email, name: email, role: role, passwordHash: "x", authorID: nil)
    }

    @Test(arguments: StoreEngine.available)
    func tokensExpireAreListedWithLastUseAndCanBeRevoked(_ engine: StoreEngine) async throws {
        let stores = try await engine.makeStores()
        let editor = try await account(stores, "ed@courier.example", .editor)
        let hash = String(repeating: "ab", count: 32)
        let forever = String(repeating: "cd", count: 32)
        try await stores.accounts.createAPIToken(
            account: editor.id,
            label: "wire",
            tokenHash: hash,
            createdAt: now,
            expiresAt: now + 86_400
        )
        try await stores.accounts.createAPIToken(account: editor.id, label: "ci", tokenHash: forever, createdAt: now + 1, expiresAt: nil)

        #expect(try await stores.accounts.account(apiTokenHash: hash, now: now + 10)?.id == editor.id)
        #expect(try await stores.accounts.account(apiTokenHash: hash, now: now + 86_400) == nil, "expired at its date")
        #expect(try await stores.accounts.account(apiTokenHash: forever, now: now + 86_400 * 3650)?.id == editor.id)

        let listed = try await stores.accounts.apiTokens(account: editor.id)
        #expect(listed.map(\.label) == ["ci", "wire"])
        #expect(listed.map(\.id) == [String(forever.prefix(12)), String(hash.prefix(12))])
        #expect(listed.last?.lastUsedAt == now + 10)
        #expect(listed.last?.expiresAt == now + 86_400)
        #expect(listed.first?.email == "ed@courier.example")

        #expect(try await stores.accounts.revokeAPIToken(id: String(forever.prefix(12))))
        #expect(try await stores.accounts.revokeAPIToken(id: String(forever.prefix(12))) == false)
        #expect(try await stores.accounts.revokeAPIToken(id: "%") == false, "only a well-formed id is looked up")
        #expect(try await stores.accounts.account(apiTokenHash: forever, now: now) == nil)
        #expect(try await stores.accounts.apiTokens(account: nil).count == 1)
    }

    @Test(arguments: StoreEngine.available)
    func aPasswordChangeALowerRoleOrDisablingEndsTokens(_ engine: StoreEngine) async throws {
        let stores = try await engine.makeStores()
        let editor = try await account(stores, "ed@courier.example", .editor)
        let author = try await account(stores, "au@courier.example", .author)
        func issue(_ account: Account, _ seed: String) async throws -> String {
            let hash = String(repeating: seed, count: 64 / seed.count)
            try await stores.accounts.createAPIToken(account: account.id, label: seed, tokenHash: hash, createdAt: now, expiresAt: nil)
            return hash
        }
        let first = try await issue(editor, "1")
        try await stores.accounts.setPassword(editor.id, passwordHash: "y")
        #expect(try await stores.accounts.account(apiTokenHash: first, now: now) == nil)

        // A promotion or a new byline keeps the token; a demotion ends it.
        let second = try await issue(editor, "2")
        try await stores.accounts.updateAccount(editor.id, role: .admin, authorID: nil, disabled: false)
        #expect(try await stores.accounts.account(apiTokenHash: second, now: now) != nil)
        try await stores.accounts.updateAccount(editor.id, role: .author, authorID: nil, disabled: false)
        #expect(try await stores.accounts.account(apiTokenHash: second, now: now) == nil)

        let third = try await issue(author, "3")
        try await stores.accounts.updateAccount(author.id, role: .author, authorID: nil, disabled: true)
        #expect(try await stores.accounts.account(apiTokenHash: third, now: now) == nil)
        #expect(try await stores.accounts.apiTokens(account: nil).isEmpty)
    }
}
