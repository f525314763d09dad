import Hummingbird
import MalmoiCore
import MalmoiRemote
import MalmoiStore

/// A failed request, sent as `{"error": {"code": …, "message": …}}` with its HTTP status.
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (`unauthorized`, `forbidden`, `not_found`, `conflict`, `invalid`, …).
    public var code: String
    /// What went wrong, for people.
    public var message: String
    /// Seconds after which the client may try again (sent as `Retry-After`; 429 only).
    public var retryAfter: Int?

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// No token or a token that is not valid.
    static let unauthorized = APIError(.unauthorized, "unauthorized", "a valid bearer token is required (Authorization: Bearer TOKEN)")

    /// Too many failed sign-ins from the client's address.
    static func tooManyAttempts(retryAfter seconds: Int) -> APIError {
        var error = APIError(.tooManyRequests, "too_many_attempts", "too many failed sign-ins from this address; try again in \(seconds) s")
        error.retryAfter = seconds
        return error
    }

    /// A role that may not do this.
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }

    /// The error for anything a handler throws.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StoreError:
            switch error.code {
            case .notFound: return APIError(.notFound, "not_found", error.message)
            case .duplicate: return APIError(.conflict, "duplicate", error.message)
            case .conflict: return APIError(.conflict, "conflict", error.message)
            case .notQualified: return APIError(.forbidden, "not_qualified", error.message)
            case .invalidValue: return APIError(.unprocessableContent, "invalid", error.message)
            case .database: return APIError(.internalServerError, "database", "the store failed; try again later")
            }
        case let error as Wire.BodyError:
            // A malformed request body (Wire's field readers): 400, naming the field.
            return APIError(.badRequest, "bad_request",
                            error.error.field.map { "field \"\($0)\": \(error.error.message)" } ?? "the body: \(error.error.message)")
        case let error as any MalmoiReportableError:
            return APIError(error.isBadInput ? .unprocessableContent : .internalServerError, error.isBadInput ? "invalid" : "internal",
                            error.description)
        default:
            return APIError(.internalServerError, "internal", "the request failed")
        }
    }
}
