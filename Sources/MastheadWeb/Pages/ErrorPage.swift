import MastheadCore

/// The themed page for 404, 410, 400 and 500 answers on reader routes.
struct ErrorPage: Sendable {
    var site: SiteChrome
    var meta: PageHead
    var sidebar: SafeHTML
    var status: Int
    var heading: String
    var message: String

    init(status: Int, settings: SiteSettings, chrome: SiteChrome) {
        site = chrome
        self.status = status
        switch status {
        case 404:
            heading = "Page not found"
            message = "We could not find that page. It may have moved, or the address may be mistyped."
        case 410:
            heading = "This article has been removed"
            message = "The article that was here is no longer available."
        case 403:
            heading = "You cannot do that"
            message = "Your account does not have permission for this, or the form expired. Go back, reload and try again."
        case 413:
            heading = "That was too large"
            message = "The request was larger than this page accepts."
        case 405:
            heading = "That is not something this page does"
            message = "This address can be read, but not changed in that way."
        case 400:
            heading = "That request did not make sense"
            message = "Part of the address was not something we understand."
        default:
            heading = "Something went wrong"
            message = "We could not show this page just now. Please try again in a moment."
        }
        meta = PageHead(title: heading, description: message, canonicalURL: settings.baseURL + "/")
        sidebar = .empty
    }
}
