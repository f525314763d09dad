import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MalmoiCore
import MalmoiStore

/// The team server could not be reached, refused the token, or answered with something unexpected.
public struct RemoteError: MalmoiReportableError, Sendable {
    /// The server's error code (`unauthorized`, `forbidden`, …) or `unreachable`, `protocol`.
    public var code: String
    /// What went wrong.
    public var message: String
    /// Runtime failures exit 1.
    public var isBadInput: Bool { false }
    /// The message.
    public var description: String { message }

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// An ``AnnotationStore`` on a team server (`malmoi serve`), over its JSON API (`docs/openapi.yaml`).
///
/// ```swift
/// let store = try RemoteStore(server: "https://labels.example.com", token: token)
/// let project = try store.project(named: "reviews")
/// ```
/// The CLI's annotate, review, stats, export and report code runs unchanged over it. The server takes the
/// annotator's identity from the token; names passed here are checked against it. Each call is one HTTP
/// request, retried after a dropped connection (the server recognises a retried submission or verdict, so
/// nothing is doubled); after the last try the call fails with ``RemoteError`` `unreachable`.
public final class RemoteStore: AnnotationStore, @unchecked Sendable {
    /// The server's base URL.
    public let server: URL
    private let token: String
    private let session: URLSession
    private let retryDelays: [Double]
    private let itemOfAnnotation = Lock()
    private var itemHints: [Int64: String] = [:]
    private let aheadLock = Lock()
    /// The next item that came back with an answer (`"next": true`), by project and annotator, for the claim that
    /// follows the answer (``claimNextItem(in:for:)``): one request per answer instead of two. A nil claim is the
    /// server's "nothing left". Whatever is not taken is released with the annotator's claims.
    private var claimedAhead: [String: Claim?] = [:]

    /// Connects to a server (nothing is sent until the first call).
    /// - Parameters:
    ///   - server: `http://host:port` or `https://…` (the API lives under `/api/v1`).
    ///   - token: the bearer token `malmoi user add` printed.
    ///   - retryDelays: seconds to wait before each retry after a dropped connection.
    ///   - allowInsecureHTTP: allow plain `http://` to a host that is not loopback (the token then travels in clear).
    /// - Throws: ``RemoteError`` for a URL that is not http(s), or plain http to another machine without `allowInsecureHTTP`.
    public init(server: String, token: String, retryDelays: [Double] = [0.2, 0.5, 1, 2, 4], allowInsecureHTTP: Bool = false) throws {
        guard let url = URL(string: server.hasSuffix("/") ? String(server.dropLast()) : server),
              url.scheme == "http" || url.scheme == "https", let host = url.host else {
            throw RemoteError(code: "usage", message: "--server \(server) is not an http:// or https:// URL")
        }
        guard url.scheme == "https" || allowInsecureHTTP || Self.isLoopback(host) else {
            throw RemoteError(code: "usage", message: "--server \(server): plain http:// would send the token in clear; use https:// (or --insecure-http on a network you trust)")
        }
        self.server = url
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.httpMaximumConnectionsPerHost = 4
        self.session = URLSession(configuration: configuration)
        self.retryDelays = retryDelays
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Whether a URL's host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    // MARK: HTTP

    private func url(_ path: String, _ query: [(String, String?)]) -> URL {
        var components = URLComponents(url: server.appendingPathComponent("api/v1/" + path), resolvingAgainstBaseURL: false)!
        let items = query.compactMap { key, value in value.map { URLQueryItem(name: key, value: $0) } }
        if !items.isEmpty { components.queryItems = items }
        return components.url!
    }

    private static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    private func request(_ method: String, _ path: String, _ query: [(String, String?)], _ body: JSONValue?) -> URLRequest {
        var request = URLRequest(url: url(path, query))
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            var bytes: [UInt8] = []
            body.appendSerialized(to: &bytes)
            request.httpBody = Data(bytes)
        }
        return request
    }

    /// Sends one request (retrying after a dropped connection) and returns the status and body.
    private func send(_ request: URLRequest, download: Bool = false) throws -> (status: Int, body: Data?, file: URL?) {
        var lastError = ""
        for attempt in 0...retryDelays.count {
            if attempt > 0 { Thread.sleep(forTimeInterval: retryDelays[attempt - 1]) }
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (Int, Data?, URL?)?
            nonisolated(unsafe) var failure: (any Error)?
            if download {
                session.downloadTask(with: request) { location, response, error in
                    if let location, let response = response as? HTTPURLResponse {
                        let kept = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-remote-\(UUID().uuidString)")
                        do { try FileManager.default.moveItem(at: location, to: kept); result = (response.statusCode, nil, kept) } catch { failure = error }
                    } else { failure = error }
                    done.signal()
                }.resume()
            } else {
                session.dataTask(with: request) { data, response, error in
                    if let response = response as? HTTPURLResponse { result = (response.statusCode, data, nil) } else { failure = error }
                    done.signal()
                }.resume()
            }
            done.wait()
            if let result { return result }
            lastError = failure.map { "\($0.localizedDescription)" } ?? "no response"
        }
        throw RemoteError(code: "unreachable", message: """
            the server \(server.absoluteString) did not answer \(request.httpMethod ?? "") \(request.url?.path ?? "") after \
            \(retryDelays.count + 1) tries (\(lastError)); nothing further was sent, and what the server saved before stays saved
            """)
    }

    /// Calls the API and returns the JSON answer, turning error answers into the errors a local store throws.
    @discardableResult
    private func call(_ method: String, _ path: String, query: [(String, String?)] = [], body: JSONValue? = nil) throws -> JSONValue {
        let (status, data, _) = try send(request(method, path, query, body))
        let bytes = [UInt8](data ?? Data())
        let value = bytes.isEmpty ? JSONValue.null : (try? bytes.withUnsafeBufferPointer { try JSONValue.parse($0) })
        guard (200..<300).contains(status) else { throw Self.error(status: status, body: value) }
        guard let value else { throw RemoteError(code: "protocol", message: "the server's answer to \(method) \(path) is not JSON") }
        return value
    }

    private static func error(status: Int, body: JSONValue?) -> any Error {
        let error = body?["error"]
        let code = error?["code"]?.stringValue ?? "http_\(status)"
        let message = error?["message"]?.stringValue ?? "the server answered HTTP \(status)"
        switch code {
        case "not_found": return StoreError(.notFound, message)
        case "duplicate": return StoreError(.duplicate, message)
        case "conflict": return StoreError(.conflict, message)
        case "not_qualified": return StoreError(.notQualified, message)
        case "invalid", "invalid_answer": return StoreError(.invalidValue, message)
        case "unauthorized": return RemoteError(code: code, message: "the server refused the token (\(message)); sign in again with `malmoi login`")
        default: return RemoteError(code: code, message: "the server answered HTTP \(status): \(message)")
        }
    }

    /// Streams a JSON-lines answer (downloaded to a temporary file first, so memory stays bounded).
    private func stream(_ path: String, query: [(String, String?)] = [], _ body: (JSONValue) throws -> Void) throws {
        let (status, _, file) = try send(request("GET", path, query, nil), download: true)
        guard let file else { throw RemoteError(code: "protocol", message: "no body from GET \(path)") }
        defer { try? FileManager.default.removeItem(at: file) }
        guard (200..<300).contains(status) else {
            let data = try? Data(contentsOf: file)
            throw Self.error(status: status, body: data.flatMap { d in try? [UInt8](d).withUnsafeBufferPointer { try JSONValue.parse($0) } })
        }
        var ended = false
        try ByteLineReader(path: file.path).forEachLine { line, _ in
            guard !ended else { return }
            let value: JSONValue
            do { value = try JSONValue.parse(line) } catch {
                throw RemoteError(code: "protocol", message: "GET \(path): a line of the answer is not JSON")
            }
            if value["end"]?.boolValue == true { ended = true; return }
            if value["error"] != nil { throw Self.error(status: 500, body: value) }
            try body(value)
        }
        guard ended else { throw RemoteError(code: "protocol", message: "GET \(path): the answer was cut off before its end") }
    }

    private func projectPath(_ project: Project, _ rest: String = "") -> String {
        "projects/" + Self.segment(project.name) + rest
    }

    // MARK: Projects

    /// Creates a project; its `id` is filled in, and `createdAt` unless it is set (a copied project keeps it).
    public func createProject(_ project: Project) throws -> Project {
        try Wire.project(from: call("POST", "projects", body: Wire.project(project)))
    }

    /// The project with this name.
    public func project(named name: String) throws -> Project {
        try Wire.project(from: call("GET", "projects/" + Self.segment(name)))
    }

    /// Every project, by name.
    public func projects() throws -> [Project] {
        try (call("GET", "projects").arrayValue ?? []).map(Wire.project(from:))
    }

    // MARK: Annotators

    /// Registers an annotator, or adds qualifications to an existing one.
    public func registerAnnotator(_ id: String, qualifications: [String]) throws -> Annotator {
        try Wire.annotator(from: call("POST", "annotators", body: Wire.annotator(Annotator(id: id, qualifications: qualifications))))
    }

    /// The annotator with this id, or nil.
    public func annotator(_ id: String) throws -> Annotator? {
        let value = try call("GET", "annotators/" + Self.segment(id))
        return value.isNull ? nil : try Wire.annotator(from: value)
    }

    /// Every annotator the store knows, by id.
    public func annotators() throws -> [Annotator] {
        try (call("GET", "annotators").arrayValue ?? []).map(Wire.annotator(from:))
    }

    // MARK: Items

    /// Imports items streamed by `produce`, which calls its argument once per record.
    public func importItems(into project: Project, options: ImportOptions,
                            from produce: (_ consume: (ImportRecord) throws -> Void) throws -> Void) throws -> ImportSummary {
        throw StoreError(.invalidValue, "importing over --server is not supported yet; an admin imports with --store on the server's store")
    }

    /// The item with this id, or nil.
    public func item(_ id: String, in project: Project) throws -> Item? {
        let value = try call("GET", projectPath(project, "/items/" + Self.segment(id)))
        return value.isNull ? nil : try Wire.item(from: value)
    }

    /// The gold answer of an item, or nil when it is not a gold item.
    public func goldAnswer(for item: String, in project: Project) throws -> JSONValue? {
        let value = try call("GET", projectPath(project, "/items/" + Self.segment(item) + "/gold"))
        return value.isNull ? nil : value
    }

    // MARK: Annotating

    /// Gives the annotator the next item to work on, atomically: an item the annotator has not had, that is still
    /// short of the project's overlap counting open claims, or a gold item at the project's gold rate. An open claim
    /// of the same annotator is resumed first. Nil when nothing is left.
    public func claimNextItem(in project: Project, for annotator: String) throws -> Claim? {
        let key = Self.aheadKey(project, annotator)
        if let ahead = aheadLock.withLock({ claimedAhead.removeValue(forKey: key) }) { return ahead }
        let value = try call("POST", projectPath(project, "/claims"), query: [("annotator", annotator)])
        return value.isNull ? nil : try Wire.claim(from: value)
    }

    /// Releases the annotator's open claims in the project (at `:quit` or end of input).
    public func releaseClaims(in project: Project, for annotator: String) throws {
        _ = aheadLock.withLock { claimedAhead.removeValue(forKey: Self.aheadKey(project, annotator)) }
        try call("DELETE", projectPath(project, "/claims"), query: [("annotator", annotator)])
    }

    /// Frees open claims in the project, of one annotator or, with nil, of everyone (`project release`), giving their
    /// slots back. Returns how many claims were freed.
    public func releaseClaims(in project: Project, annotator: String?) throws -> Int {
        let body = JSONValue.object(JSONObject([("annotator", .string(annotator))]))
        return try call("POST", projectPath(project, "/release"), body: body)["released"]?.intValue ?? 0
    }

    /// Queue priorities are written by `malmoi model train --project` on the store itself (an admin's
    /// job on the server's machine); over HTTP they are refused.
    public func setPriorities(_ priorities: [(item: String, priority: Double)], in project: Project) throws -> Int {
        throw StoreError(.invalidValue, "queue priorities are set on the store itself: run `malmoi model train --project \(project.name)` with --store on the server's machine")
    }

    /// Seconds after which an unanswered claim expires and its slot goes back to the queue.
    public func claimTimeout(of project: Project) throws -> Double {
        try call("GET", projectPath(project, "/claim-timeout"))["seconds"]?.doubleValue ?? 0
    }

    /// Sets the project's claim timeout (claims already held keep their expiry).
    public func setClaimTimeout(_ seconds: Double, of project: Project) throws {
        try call("PUT", projectPath(project, "/claim-timeout"), body: .object(JSONObject([("seconds", .number(seconds))])))
    }

    /// Sends the answer with a submission id made here; a retry after a dropped connection sends the same request,
    /// which the server recognises (the stored answer is returned, nothing is saved twice). Unless the annotator stops
    /// after it (``Submission/claimsNext``), the answer also asks for the next item (`"next": true`), kept for the
    /// claim that follows.
    public func submit(_ submission: Submission) throws -> Annotation {
        let body = JSONValue.object(JSONObject([
            ("submission_id", .string(submission.submissionID ?? UUID().uuidString.lowercased())), ("item", .string(submission.item)),
            ("annotator", .string(submission.annotator)), ("payload", submission.payload),
            ("seconds", .number(submission.seconds)), ("next", .bool(submission.claimsNext)),
        ]))
        let answer = try call("POST", projectPath(submission.project, "/submissions"), body: body)
        let saved = try Wire.annotation(from: answer)
        // A server without `next` leaves the key out: the next claim is then asked for on its own.
        if let next = answer["next"] {
            let claim = next.isNull ? nil : try Wire.claim(from: next)
            aheadLock.withLock { claimedAhead[Self.aheadKey(submission.project, submission.annotator)] = .some(claim) }
        }
        return saved
    }

    private static func aheadKey(_ project: Project, _ annotator: String) -> String { project.name + "\u{0}" + annotator }

    /// Leaves a claimed item to others; the annotator will not be given it again.
    public func skip(item: String, in project: Project, for annotator: String) throws {
        try call("POST", projectPath(project, "/skips"), body: .object(JSONObject([("item", .string(item)), ("annotator", .string(annotator))])))
    }

    /// Edits go through the project of the annotator's latest annotation (the only one the annotate loop edits).
    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?) throws -> Annotation {
        guard let project = lastProject.withLock({ lastProjectName }) else {
            throw StoreError(.notFound, "annotation \(id): no project in use on this connection")
        }
        let body = JSONValue.object(JSONObject([("payload", payload), ("seconds", .number(seconds))]))
        return try Wire.annotation(from: call("POST", "projects/" + Self.segment(project) + "/annotations/\(id)/edits", body: body))
    }

    private let lastProject = Lock()
    private var lastProjectName: String?

    private func remember(_ project: Project) { lastProject.withLock { lastProjectName = project.name } }

    /// The annotator's most recent current annotation in the project.
    public func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation? {
        remember(project)
        let value = try call("GET", projectPath(project, "/latest"), query: [("annotator", annotator)])
        return value.isNull ? nil : try Wire.annotation(from: value)
    }

    /// Done, remaining and points for the annotator.
    public func progress(in project: Project, for annotator: String) throws -> AnnotatorProgress {
        remember(project)
        return try Wire.progress(from: call("GET", projectPath(project, "/progress"), query: [("annotator", annotator)]))
    }

    // MARK: Reviewing

    /// Current annotations, grouped by annotator (ordered by annotator id, then submission order).
    public func annotationsForReview(in project: Project, annotator: String?, filter: ReviewFilter) throws -> [Annotation] {
        remember(project)
        let list = try (call("GET", projectPath(project, "/review-queue"), query: [("annotator", annotator), ("filter", filter.rawValue)])
            .arrayValue ?? []).map(Wire.annotation(from:))
        itemOfAnnotation.withLock { for annotation in list { itemHints[annotation.id] = annotation.item } }
        return list
    }

    /// Every current annotation of one item, ordered by annotator id.
    public func currentAnnotations(of item: String, in project: Project) throws -> [Annotation] {
        try (call("GET", projectPath(project, "/items/" + Self.segment(item) + "/annotations")).arrayValue ?? []).map(Wire.annotation(from:))
    }

    /// Every current annotation of the project, streamed, ordered by annotator id then item.
    public func forEachCurrentAnnotation(in project: Project, _ body: (Annotation) throws -> Void) throws {
        try stream(projectPath(project, "/annotations")) { try body(Wire.annotation(from: $0)) }
    }

    /// Reviews of an annotation, oldest first.
    public func reviews(of annotation: Int64) throws -> [Review] {
        guard let project = lastProject.withLock({ lastProjectName }) else { return [] }
        return try (call("GET", "projects/" + Self.segment(project) + "/annotations/\(annotation)/reviews").arrayValue ?? []).map(Wire.review(from:))
    }

    /// Reviews of an annotation of `project`, oldest first; none for an annotation of another project.
    public func reviews(of annotation: Int64, in project: Project) throws -> [Review] {
        try (call("GET", projectPath(project, "/annotations/\(annotation)/reviews")).arrayValue ?? []).map(Wire.review(from:))
    }

    /// Whether clients' exports of `project` show annotators' real names (admins and the project's clients may ask).
    public func realNamesInExports(of project: String) throws -> Bool {
        try call("GET", "projects/" + Self.segment(project) + "/export-names")["real_names"]?.boolValue ?? false
    }

    /// Turns real annotator names in clients' exports of `project` on or off (admins only; the server audits it as
    /// `project.export-names` under the signed-in admin's name).
    public func setRealNamesInExports(_ on: Bool, of project: String) throws {
        _ = try call("PUT", "projects/" + Self.segment(project) + "/export-names", body: .object(JSONObject([("real_names", .bool(on))])))
    }

    /// Where `annotator` stands with an item of `project` (nil: never served to them). The server answers the signed-in
    /// person about themselves, and an admin about anyone; anyone else gets a 403 (``StoreError``).
    public func assignment(of item: String, in project: Project, for annotator: String) throws -> ItemAssignment? {
        let answer = try call("GET", projectPath(project, "/items/" + Self.segment(item) + "/assignment"), query: [("annotator", annotator)])
        guard let state = answer["state"]?.stringValue else { return nil }
        guard let known = ItemAssignment(rawValue: state) else {
            throw StoreError(.database, "the server answered an unknown assignment state \"\(state)\"")
        }
        return known
    }

    /// Records a verdict and the ledger entries it causes: a credit when an annotation becomes accepted, a reversing
    /// entry when an accepted one becomes rejected. Ledger entries are never edited.
    public func recordReview(_ submission: ReviewSubmission) throws -> ReviewOutcome {
        let hint = itemOfAnnotation.withLock { itemHints[submission.annotation] }
        let body = JSONValue.object(JSONObject([
            ("submission_id", .string(submission.submissionID ?? UUID().uuidString.lowercased())),
            ("annotation", .number(Double(submission.annotation))), ("reviewer", .string(submission.reviewer)),
            ("verdict", .string(submission.verdict.rawValue)), ("reasons", .array(submission.reasons.map { .string($0) })),
            ("comment", .string(submission.comment)), ("item", .string(hint)),
        ]))
        return try Wire.reviewOutcome(from: call("POST", projectPath(submission.project, "/reviews"), body: body))
    }

    /// Ledger entries of a project, in order, optionally of one annotator.
    public func ledger(in project: Project, annotator: String?) throws -> [LedgerEntry] {
        try (call("GET", projectPath(project, "/ledger"), query: [("annotator", annotator)]).arrayValue ?? []).map(Wire.ledgerEntry(from:))
    }

    // MARK: Reporting

    /// Progress and quality figures.
    public func statistics(for project: Project) throws -> ProjectStatistics {
        try Wire.statistics(from: call("GET", projectPath(project, "/stats")))
    }

    /// Streams items with their annotations for export, in import order. With `includeAll` false only items with at
    /// least one accepted annotation are given, with their accepted annotations only.
    public func forEachExportItem(in project: Project, includeAll: Bool, _ body: (ExportItem) throws -> Void) throws {
        try stream(projectPath(project, "/export"), query: [("all", includeAll ? "true" : "false")]) { try body(Wire.exportItem(from: $0)) }
    }

    /// Ids of annotators with at least one current annotation in the project, sorted.
    public func annotatorIDs(in project: Project) throws -> [String] {
        try (call("GET", projectPath(project, "/annotator-ids")).arrayValue ?? []).compactMap(\.stringValue)
    }
}
