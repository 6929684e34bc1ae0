import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Accounts, for admins only: add one (its password is generated and shown
/// once), change a role or byline, disable, and reset a password.
struct UsersController: Sendable {
    let admin: AdminSite

    struct Row: Sendable {
        var id: String
        var email: String
        var name: String
        var roles: [SelectOption]
        var authors: [SelectOption]
        var disabled: Bool
        var isSelf: Bool
    }

    struct TokenRow: Sendable {
        var id: String
        var email: String
        var label: String
        var created: String
        var expires: String
        var lastUsed: String
        var expired: Bool
    }

    struct Page: Sendable {
        var chrome: AdminChrome
        var rows: [Row]
        var tokens: [TokenRow]
        var roles: [SelectOption]
        var authors: [SelectOption]
        var errors: [String]
        /// A password to show once, after creating an account or resetting one.
        var newPassword: String?
        var newPasswordFor: String?
    }

    func index(_ request: Request, context: AdminContext) async throws -> Response {
        try await page(context)
    }

    func create(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageUsers)
        let form = context.form
        do {
            guard let role = Role(rawValue: form.text("role")) else { throw MastheadError(.invalidInput, "Choose a role.") }
            let email = Account.normalise(email: form.text("email"))
            guard email.contains("@"), email.count <= 320 else { throw MastheadError(.invalidInput, "Enter an email address.") }
            let name = form.text("name")
            guard !name.isEmpty, name.count <= 200 else { throw MastheadError(.invalidInput, "Enter a name.") }
            let password = Secrets.token()
            let account = try await admin.stores.accounts.createAccount(
                email: email,
                name: name,
                role: role,
                passwordHash: try await admin.hasher.hash(password),
                authorID: try await author(form.text("author"))
            )
            context.logger.info("Account created", metadata: ["account": "\(account.id)", "by": "\(context.account.id)"])
            return try await page(context, newPassword: password, for: account.email)
        } catch let error as MastheadError where error.code == .invalidInput || error.code == .conflict {
            return try await page(context, errors: [error.message], status: error.code == .conflict ? .conflict : .badRequest)
        }
    }

    func update(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageUsers)
        let form = context.form
        guard let id = Int64(context.parameters.get("id") ?? "").map(AccountID.init), let account = try await admin.stores.accounts.account(id: id)
        else { throw MastheadError(.notFound, "There is no such account.") }
        if form["action"] == "reset-password" {
            let password = Secrets.token()
            try await admin.stores.accounts.setPassword(account.id, passwordHash: try await admin.hasher.hash(password))
            context.logger.info("Password reset by an admin", metadata: ["account": "\(account.id)", "by": "\(context.account.id)"])
            return try await page(context, newPassword: password, for: account.email)
        }
        guard let role = Role(rawValue: form.text("role")) else { return try await page(context, errors: ["Choose a role."], status: .badRequest) }
        let disabled = form["disabled"] == "on"
        // An admin cannot lock themselves out by demoting or disabling their own account.
        if account.id == context.account.id, role != .admin || disabled {
            return try await page(context, errors: ["You cannot demote or disable your own account."], status: .badRequest)
        }
        try await admin.stores.accounts.updateAccount(account.id, role: role, authorID: try await author(form.text("author")), disabled: disabled)
        context.logger.info("Account changed", metadata: ["account": "\(account.id)", "by": "\(context.account.id)"])
        return .redirect(to: "/admin/users", type: .normal)
    }

    /// Ends an API token at once (`POST /admin/tokens/{id}/revoke`).
    func revokeToken(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageUsers)
        let id = context.parameters.get("id") ?? ""
        guard try await admin.stores.accounts.revokeAPIToken(id: id) else { throw MastheadError(.notFound, "There is no such API token.") }
        context.logger.info("API token revoked", metadata: ["token": "\(id)", "by": "\(context.account.id)"])
        return .redirect(to: "/admin/users", type: .normal)
    }

    private func author(_ raw: String) async throws -> AuthorID? {
        guard let id = Int64(raw).map(AuthorID.init) else { return nil }
        guard try await admin.stores.taxonomy.authors().contains(where: { $0.id == id }) else {
            throw MastheadError(.invalidInput, "That author does not exist.")
        }
        return id
    }

    private func page(
        _ context: AdminContext,
        errors: [String] = [],
        newPassword: String? = nil,
        for email: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try context.require(.manageUsers)
        let authors = try await admin.stores.taxonomy.authors()
        func roleOptions(_ current: Role?) -> [SelectOption] {
            Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == current) }
        }
        func authorOptions(_ current: AuthorID?) -> [SelectOption] {
            [SelectOption(value: "", label: "— no byline —", selected: current == nil)]
                + authors.map { SelectOption(value: "\($0.id)", label: $0.name, selected: $0.id == current) }
        }
        let rows = try await admin.stores.accounts.accounts().map { account in
            Row(
                id: "\(account.id)",
                email: account.email,
                name: account.name,
                roles: roleOptions(account.role),
                authors: authorOptions(account.authorID),
                disabled: account.disabled,
                isSelf: account.id == context.account.id
            )
        }
        let now = admin.clock.now
        let formatter = try await admin.reader.snapshot().formatter
        let tokens = try await admin.stores.accounts.apiTokens(account: nil).map { token in
            TokenRow(
                id: token.id,
                email: token.email,
                label: token.label,
                created: formatter.dateTime(token.createdAt),
                expires: token.expiresAt.map(formatter.dateTime) ?? "never",
                lastUsed: token.lastUsedAt.map(formatter.dateTime) ?? "never",
                expired: token.expiresAt.map { $0 <= now } ?? false
            )
        }
        let page = Page(
            chrome: AdminChrome(context.session),
            rows: rows,
            tokens: tokens,
            roles: roleOptions(.contributor),
            authors: authorOptions(nil),
            errors: errors,
            newPassword: newPassword,
            newPasswordFor: email
        )
        return try admin.page(page, template: "users", status: status)
    }
}
