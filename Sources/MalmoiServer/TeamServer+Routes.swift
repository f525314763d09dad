import Foundation
import Hummingbird
import MalmoiCore
import MalmoiRemote
import MalmoiStore
import NIOCore

extension TeamServer {
    /// Every route of `/api/v1`; `docs/openapi.yaml` lists the same paths (a test checks it).
    func addRoutes(to router: Router<ServerContext>) {
        let api = router.group("api/v1")
        api.get("health") { _, _ in json(.object(JSONObject([("status", .string("ok"))]))) }
        api.get("me") { request, context in
            let me = try await self.authenticate(request, context)
            return json(Self.personJSON(me))
        }

        // MARK: Projects
        api.get("projects") { request, context in
            let me = try await self.authenticate(request, context)
            let all = try await self.blocking { try self.store.projects() }
            return json(.array(all.filter { me.mayAccess(project: $0.name) }.map(Wire.project)))
        }
        api.post("projects") { request, context in
            let me = try await self.authenticate(request, context, roles: [.admin])
            let project = try Wire.project(from: .object(try await self.body(request)))
            let created = try await self.blocking { try self.store.createProject(project) }
            try await self.audit(me, "project.create", created.name, Wire.project(created))
            return json(Wire.project(created), status: .created)
        }
        api.get("projects/:project") { request, context in
            let (_, project) = try await self.projectCall(request, context, roles: PersonRole.allCases)
            return json(Wire.project(project))
        }
        api.get("projects/:project/claim-timeout") { request, context in
            let (_, project) = try await self.projectCall(request, context, roles: PersonRole.allCases)
            let seconds = try await self.blocking { try self.store.claimTimeout(of: project) }
            return json(.object(JSONObject([("seconds", .number(seconds))])))
        }
        api.put("projects/:project/claim-timeout") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.admin])
            let seconds = try Wire.number(try await self.body(request), "seconds")
            try await self.blocking { try self.store.setClaimTimeout(seconds, of: project) }
            try await self.audit(me, "project.claim-timeout", project.name, .number(seconds))
            return json(.object(JSONObject([("seconds", .number(seconds))])))
        }

        // MARK: Annotators
        api.get("annotators") { request, context in
            _ = try await self.authenticate(request, context, roles: [.admin, .reviewer])
            return json(.array(try await self.blocking { try self.store.annotators() }.map(Wire.annotator)))
        }
        api.get("annotators/:annotator") { request, context in
            let me = try await self.authenticate(request, context)
            let id = try PersonName.identity(of: try context.parameters.require("annotator"))
            guard id == me.name || me.role == .admin || me.role == .reviewer else {
                throw APIError.forbidden("you may look up only yourself")
            }
            let found = try await self.blocking { try self.store.annotator(id) }
            return json(found.map(Wire.annotator) ?? .null)
        }
        api.post("annotators") { request, context in
            let me = try await self.authenticate(request, context, roles: [.admin])
            let annotator = try Wire.annotator(from: .object(try await self.body(request)))
            let id = try PersonName.identity(of: annotator.id)
            let saved = try await self.blocking { try self.store.registerAnnotator(id, qualifications: annotator.qualifications) }
            try await self.audit(me, "annotator.register", id, Wire.annotator(saved))
            return json(Wire.annotator(saved))
        }

        // MARK: Items
        api.get("projects/:project/items/:item") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let id = try context.parameters.require("item")
            let item = try await self.blocking { () throws -> Item? in
                // Annotators see only items they hold a claim on or answered (the same refusal whether the item
                // exists or not), and in a QA validation pass never the first answer.
                if me.role == .annotator {
                    guard let state = try self.store.assignment(of: id, in: project, for: me.name), state != .skipped else {
                        throw APIError.forbidden("annotators see only the items they hold a claim on or answered")
                    }
                }
                return try self.store.item(id, in: project)
            }
            return json(item.map { Wire.item(me.role == .annotator ? Self.blind($0, in: project) : $0) } ?? .null)
        }
        api.get("projects/:project/items/:item/gold") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            // Annotators are never told gold answers (the same null for every item); the server scores gold items
            // itself. Reviewers and admins, who review gold work and may annotate, are refused the gold answer of
            // an item while they hold a claim on it or once they answered it, so that their own gold scores stay honest;
            // a reviewer reads it only of an item they are reviewing (one someone else answered), not before claiming.
            guard me.role != .annotator else { return json(.null) }
            let id = try context.parameters.require("item")
            return json(try await self.blocking { () throws -> JSONValue? in
                if let state = try self.store.assignment(of: id, in: project, for: me.name), state != .skipped {
                    throw APIError.forbidden("you hold a claim on item \"\(id)\" or answered it: its gold answer is not shown to you")
                }
                if me.role == .reviewer, try !self.store.currentAnnotations(of: id, in: project).contains(where: { $0.annotator != me.name }) {
                    throw APIError.forbidden("reviewers read the gold answer only of an item they are reviewing (one someone else answered)")
                }
                return try self.store.goldAnswer(for: id, in: project)
            } ?? .null)
        }
        api.get("projects/:project/items/:item/assignment") { request, context in
            // Where someone stands with an item: annotators and reviewers ask about themselves, admins about anyone.
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let named = request.uri.queryParameters.get("annotator")
            if me.role != .admin { try self.checkSelf(me, named) }
            let annotator = try named.map { try PersonName.identity(of: $0) } ?? me.name
            let id = try context.parameters.require("item")
            let state = try await self.blocking { try self.store.assignment(of: id, in: project, for: annotator) }
            return json(.object(JSONObject([("state", .string(state?.rawValue))])))
        }
        api.get("projects/:project/items/:item/annotations") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin])
            let id = try context.parameters.require("item")
            return json(.array(try await self.blocking { () throws -> [Annotation] in
                // Reviewers and admins may annotate too: while they hold a claim on the item (or it lapsed), others'
                // answers would tell them what to answer (and score them on gold items).
                if let state = try self.store.assignment(of: id, in: project, for: me.name), state == .claimed || state == .lapsed {
                    throw APIError.forbidden("you hold a claim on item \"\(id)\": others' answers are shown once you answered or skipped it")
                }
                return try self.store.currentAnnotations(of: id, in: project)
            }.map(Wire.annotation)))
        }

        // MARK: Annotating
        api.post("projects/:project/claims") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            try self.checkSelf(me, request.uri.queryParameters.get("annotator"))
            try self.checkQualification(me, project)
            return json(try await self.nextClaim(for: me, in: project))
        }
        api.delete("projects/:project/claims") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            try self.checkSelf(me, request.uri.queryParameters.get("annotator"))
            try await self.blocking { try self.store.releaseClaims(in: project, for: me.name) }
            return json(.object(JSONObject([("released", .bool(true))])))
        }
        api.post("projects/:project/release") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.admin])
            let body = try await self.body(request)
            let annotator = try Wire.optionalString(body, "annotator").map { try PersonName.identity(of: $0) }
            let freed = try await self.blocking { try self.store.releaseClaims(in: project, annotator: annotator) }
            try await self.audit(me, "project.release", project.name, .object(JSONObject([("annotator", .string(annotator)), ("freed", .int(freed))])))
            return json(.object(JSONObject([("released", .int(freed))])))
        }
        api.post("projects/:project/submissions") { request, context in
            let (me, project, read, prefetched) = try await self.submissionCall(request, context, roles: [.annotator, .reviewer, .admin])
            let body = try read.get()
            try self.checkSelf(me, try Wire.optionalString(body, "annotator"))
            try self.checkQualification(me, project)
            let itemID = try Wire.string(body, "item")
            let payload = body["payload"] ?? .null
            let seconds = Self.clampedSeconds(try Wire.optionalNumber(body, "seconds"))
            let submissionID = try Self.submissionID(body)
            let takeNext = try Wire.flag(body, "next")
            // Nothing about an item reaches someone it was not served to: for them an unknown item or an answer that
            // fails validation (whose message may quote the item) is the same refusal as a valid answer without a
            // claim (``refusal(of:item:in:for:)``). The store's submit checks the claim. A retry (the response to the
            // first try was lost) carries the same submission id: the store returns the stored answer. A second
            // answer with a new id is a new submission (and refused).
            @Sendable func submission(_ checked: Checked) -> Submission {
                Submission(project: project, item: itemID, annotator: me.name, payload: payload, warnings: checked.warnings,
                           seconds: seconds, goldScore: checked.goldScore, draftOutcome: checked.draftOutcome,
                           submissionID: submissionID)
            }
            let saved: Annotation
            if let awaiting = self.awaiting {
                let checked: Checked
                do {
                    let found = if let prefetched { prefetched } else { try await awaiting.awaitItemAndGold(itemID, in: project) }
                    checked = try self.check(payload, found: found, item: itemID, in: project)
                } catch {
                    throw try await self.blocking { try self.refusal(of: error, item: itemID, in: project, for: me) }
                }
                saved = try await awaiting.awaitSubmit(submission(checked))
            } else {
                saved = try await self.blocking { () throws -> Annotation in
                    let checked: Checked
                    do {
                        checked = try self.validate(payload, item: itemID, in: project)
                    } catch {
                        throw try self.refusal(of: error, item: itemID, in: project, for: me)
                    }
                    return try self.store.submit(submission(checked))
                }
            }
            guard takeNext, case .object(var answer) = Wire.annotation(saved) else { return json(Wire.annotation(saved), status: .created) }
            // The next item in the same request, as `POST …/claims` gives it. Should the claim fail, the answer is
            // stored all the same and says so, without "next": the client then asks for the claim on its own.
            answer["next"] = try? await self.nextClaim(for: me, in: project)
            return json(.object(answer), status: .created)
        }
        api.post("projects/:project/skips") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let body = try await self.body(request)
            try self.checkSelf(me, try Wire.optionalString(body, "annotator"))
            let itemID = try Wire.string(body, "item")
            try await self.blocking {
                // An unknown item gets the same refusal as an item without a claim: skipping tells nothing about keys.
                do { try self.store.skip(item: itemID, in: project, for: me.name) } catch let error as StoreError where error.code == .notFound {
                    throw StoreError(.conflict, "\(me.name) holds no claim on item \"\(itemID)\" to skip")
                }
            }
            return json(.object(JSONObject([("skipped", .string(itemID))])))
        }
        api.post("projects/:project/annotations/:annotation/edits") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            try self.checkQualification(me, project)
            let id = try context.parameters.require("annotation", as: Int64.self)
            let body = try await self.body(request)
            let payload = body["payload"] ?? .null
            let seconds = Self.clampedSeconds(try Wire.optionalNumber(body, "seconds"))
            let edited = try await self.blocking { () throws -> Annotation in
                guard let latest = try self.store.latestAnnotation(in: project, by: me.name), latest.id == id else {
                    throw APIError.forbidden("you may edit only your own latest annotation")
                }
                let (warnings, goldScore, draftOutcome) = try self.validate(payload, item: latest.item, in: project)
                return try self.store.edit(annotation: id, payload: payload, warnings: warnings, seconds: seconds, goldScore: goldScore,
                                           draftOutcome: draftOutcome)
            }
            return json(Wire.annotation(edited))
        }
        api.get("projects/:project/latest") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let who = try self.subject(me, request.uri.queryParameters.get("annotator"))
            return json(try await self.blocking { try self.store.latestAnnotation(in: project, by: who) }.map(Wire.annotation) ?? .null)
        }
        api.get("projects/:project/progress") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let who = try self.subject(me, request.uri.queryParameters.get("annotator"))
            return json(Wire.progress(try await self.blocking { try self.store.progress(in: project, for: who) }))
        }

        // MARK: Reviewing
        api.get("projects/:project/review-queue") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin])
            let annotator = try request.uri.queryParameters.get("annotator").map { try PersonName.identity(of: $0) }
            let filter = ReviewFilter(rawValue: request.uri.queryParameters.get("filter") ?? "pending") ?? .pending
            let queue = try await self.blocking { try self.store.annotationsForReview(in: project, annotator: annotator, filter: filter) }
            return json(.array(queue.filter { $0.annotator != me.name }.map(Wire.annotation)))
        }
        api.get("projects/:project/annotations") { request, context in
            let (_, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin])
            return self.stream { emit in try self.store.forEachCurrentAnnotation(in: project) { try emit(Wire.annotation($0)) } }
        }
        api.get("projects/:project/annotations/:annotation/reviews") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let id = try context.parameters.require("annotation", as: Int64.self)
            let reviews = try await self.blocking { () throws -> [Review] in
                if me.role == .annotator, try self.store.latestAnnotation(in: project, by: me.name)?.id != id {
                    throw APIError.forbidden("annotators see only the reviews of their own work")
                }
                return try self.store.reviews(of: id, in: project)
            }
            return json(.array(reviews.map(Wire.review)))
        }
        api.post("projects/:project/reviews") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin])
            let body = try await self.body(request)
            try self.checkSelf(me, try Wire.optionalString(body, "reviewer"))
            let id = try Wire.id(body, "annotation")
            guard let verdict = Review.Verdict(rawValue: try Wire.string(body, "verdict")) else {
                throw APIError(.badRequest, "bad_request", "field \"verdict\": expected accepted or rejected")
            }
            let reasons = try Wire.strings(body, "reasons")
            let comment = try Wire.optionalString(body, "comment")
            let hint = try Wire.optionalString(body, "item")
            let submissionID = try Self.submissionID(body)
            let outcome = try await self.blocking { () throws -> ReviewOutcome in
                let annotation: Annotation? = if let hint {
                    try self.store.currentAnnotations(of: hint, in: project).first { $0.id == id }
                } else {
                    try self.store.annotationsForReview(in: project, annotator: nil, filter: .all).first { $0.id == id }
                }
                guard let annotation else { throw StoreError(.notFound, "no current annotation \(id) in project \(project.name)") }
                guard annotation.annotator != me.name else { throw APIError.forbidden("reviewers never review their own work") }
                // A retried verdict (the response to the first try was lost) carries the same submission id and is
                // not recorded twice; the store writes the audit row in the verdict's own transaction.
                return try self.store.recordReview(ReviewSubmission(project: project, annotation: id, reviewer: me.name,
                                                                    verdict: verdict, reasons: reasons, comment: comment,
                                                                    submissionID: submissionID))
            }
            return json(Wire.reviewOutcome(outcome), status: .created)
        }
        api.get("projects/:project/ledger") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.annotator, .reviewer, .admin])
            let requested = request.uri.queryParameters.get("annotator")
            let who: String? = me.role == .annotator ? try self.subject(me, requested) : try requested.map { try PersonName.identity(of: $0) }
            return json(.array(try await self.blocking { try self.store.ledger(in: project, annotator: who) }.map(Wire.ledgerEntry)))
        }

        // MARK: Reporting
        api.get("projects/:project/stats") { request, context in
            let (_, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin, .client])
            return json(Wire.statistics(try await self.blocking { try self.store.statistics(for: project) }))
        }
        api.get("projects/:project/annotator-ids") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin, .client])
            let (ids, salt) = try await self.blocking { (try self.store.annotatorIDs(in: project), try self.pseudonymSalt(for: me, project)) }
            return json(Wire.strings(salt.map { salt in ids.map { Pseudonym.of($0, in: project, salt: salt) }.sorted() } ?? ids))
        }
        api.get("projects/:project/export") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.reviewer, .admin, .client])
            let all = request.uri.queryParameters.get("all") == "true"
            let salt = try await self.blocking { try self.pseudonymSalt(for: me, project) }
            return self.stream { emit in
                try self.store.forEachExportItem(in: project, includeAll: all) { item in
                    try emit(Wire.exportItem(salt.map { Pseudonym.apply(to: item, in: project, salt: $0) } ?? item))
                }
            }
        }
        api.get("projects/:project/export-names") { request, context in
            let (_, project) = try await self.projectCall(request, context, roles: [.admin, .client])
            let real = try await self.blocking { try self.people.realNamesInExports(of: project.name) }
            return json(.object(JSONObject([("real_names", .bool(real))])))
        }
        api.put("projects/:project/export-names") { request, context in
            let (me, project) = try await self.projectCall(request, context, roles: [.admin])
            guard case .bool(let real)? = try await self.body(request)["real_names"] else {
                throw APIError(.badRequest, "bad_request", "field \"real_names\": expected true or false")
            }
            try await self.blocking { try self.people.setRealNamesInExports(real, of: project.name, actor: me.name) }
            return json(.object(JSONObject([("real_names", .bool(real))])))
        }
    }

    // MARK: Helpers

    /// The next item for `me` (a resumed claim first), as the client is shown it; null when nothing is left.
    func nextClaim(for me: Person, in project: Project) async throws -> JSONValue {
        let claim: Claim? = if let awaiting {
            try await awaiting.awaitClaim(in: project, for: me.name)
        } else {
            try await blocking { try self.store.claimNextItem(in: project, for: me.name) }
        }
        guard var claim else { return .null }
        if me.role == .annotator { claim.isGold = false }   // annotators are not told which items are gold
        claim.item = Self.blind(claim.item, in: project)      // whoever claims, a validation pass stays blind
        return Wire.claim(claim)
    }

    /// The person signed in by the request's bearer token, with one of `roles`.
    /// - Throws: ``APIError`` 401 without a valid token, 403 for another role.
    func authenticate(_ request: Request, _ context: ServerContext, roles: [PersonRole] = PersonRole.allCases) async throws -> Person {
        try await authenticate(request, context, roles: roles) { selector in
            try await person(tokenSelector: selector).map { ($0.person, $0.secretHash, ()) }
        }.person
    }

    /// The person holding a token with this selector, and the hash of its secret.
    func person(tokenSelector selector: String) async throws -> (person: Person, secretHash: [UInt8])? {
        if let awaitingPeople { return try await awaitingPeople.awaitPerson(tokenSelector: selector) }
        return try await blocking { try self.people.person(tokenSelector: selector) }
    }

    /// ``authenticate(_:_:roles:)`` with the caller's own lookup of the token's selector, which may read more in the
    /// same round trip (`extra`, handed back only once the token proved good).
    func authenticate<Extra: Sendable>(_ request: Request, _ context: ServerContext, roles: [PersonRole],
                                       lookup: (String) async throws -> (person: Person, secretHash: [UInt8], extra: Extra)?)
        async throws -> (person: Person, extra: Extra) {
        // The attempt counts as a failure until its token proves good, so parallel bad tokens are slowed down too.
        let reservation: SignInThrottle.Reservation, wait: Double
        switch throttle.reserve(clientAddress(request, context)) {
        case .refuse(let seconds):
            throw APIError.tooManyAttempts(retryAfter: seconds)
        case .proceed(let seconds, let reserved):
            (wait, reservation) = (seconds, reserved)
        }
        var signedIn = false
        defer { throttle.finish(reservation, succeeded: signedIn) }
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let token = AccessToken(parsing: String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)) else {
            throw APIError.unauthorized
        }
        let found: (person: Person, secretHash: [UInt8], extra: Extra)?
        do {
            found = try await lookup(token.selector)
        } catch {
            signedIn = true   // the store failed, not the sign-in: the attempt is given back
            throw error
        }
        guard let found, token.matches(found.secretHash), !found.person.isRevoked else {
            throw APIError.unauthorized
        }
        signedIn = true
        guard roles.contains(found.person.role) else {
            throw APIError.forbidden("\(found.person.role.rawValue)s may not do this")
        }
        return (found.person, found.extra)
    }

    /// The client's address for the sign-in throttle: the peer's, or, when the peer is a trusted proxy, the
    /// rightmost `X-Forwarded-For` entry that is not itself a trusted proxy.
    func clientAddress(_ request: Request, _ context: ServerContext) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        // Every X-Forwarded-For field, in order (a proxy may add its own field rather than append to the
        // client's, so the first field can be the client's forgery).
        let fields = request.headers.filter { $0.name.canonicalName == "x-forwarded-for" }.map(\.value)
        guard trustedProxies.contains(peer), !fields.isEmpty else { return peer }
        let hops = fields.joined(separator: ",").split(separator: ",").map { String($0).trimmingCharacters(in: CharacterSet.whitespaces) }.filter { !$0.isEmpty }
        return hops.reversed().first { !trustedProxies.contains($0) } ?? peer
    }

    /// The signed-in person and the project named in the path, which they must be allowed to see.
    func projectCall(_ request: Request, _ context: ServerContext, roles: [PersonRole]) async throws -> (Person, Project) {
        let me = try await authenticate(request, context, roles: roles)
        return (me, try await project(for: me, context))
    }

    /// ``projectCall(_:_:roles:)`` for a submission: the body is read once the sign-in throttle let the request through
    /// and its token is well formed (`read`; its errors are reported only to someone signed in), and, where the store
    /// offers it and the server knows the project already, the sign-in reads the answered item in its own round trip
    /// (``AwaitingServerCalls/awaitPerson(tokenSelector:reading:in:)``). `prefetched` is that read (its inner nil:
    /// no such item), or nil when it was not made.
    func submissionCall(_ request: Request, _ context: ServerContext, roles: [PersonRole]) async throws
        -> (me: Person, project: Project, read: Result<JSONObject, any Error>, prefetched: (item: Item, gold: JSONValue?)??) {
        let name = try context.parameters.require("project")
        let known = signInReadsItems ? projectCache.withLock({ $0[name] }) : nil
        let (me, extra) = try await authenticate(request, context, roles: roles) { selector in
            let read: Result<JSONObject, any Error>
            do { read = .success(try await self.body(request)) } catch { read = .failure(error) }
            // A key that PostgreSQL cannot bind (a NUL) or implausibly long is read the ordinary way, after the sign-in.
            if let known, let awaiting, let key = (try? read.get()).flatMap({ try? Wire.string($0, "item") }),
               !key.utf8.contains(0), key.utf8.count <= 4096,
               let found = try await awaiting.awaitPerson(tokenSelector: selector, reading: key, in: known) {
                return (found.person, found.secretHash, (read, Optional(found.item)))
            }
            return try await self.person(tokenSelector: selector).map { ($0.person, $0.secretHash, (read, nil)) }
        }
        let project = try await project(for: me, context)
        // The item is decoded only now, for someone signed in with access to the project.
        let prefetched = try extra.1.map { try $0() }
        return (me, project, extra.0, prefetched)
    }

    /// The project named in the path, which `me` must be allowed to see.
    func project(for me: Person, _ context: ServerContext) async throws -> Project {
        let name = try context.parameters.require("project")
        guard me.mayAccess(project: name) else { throw APIError.forbidden("you have no access to project \"\(name)\"") }
        return try await project(named: name)
    }

    /// The request body as a JSON object, at most ``maximumBodyBytes``.
    func body(_ request: Request) async throws -> JSONObject {
        let buffer = try await request.body.collect(upTo: maximumBodyBytes)
        let value: JSONValue
        do {
            value = try buffer.withUnsafeReadableBytes { raw in
                try JSONValue.parse(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
            }
        } catch {
            throw APIError(.badRequest, "bad_request", "the body is not JSON: \(error)")
        }
        return try Wire.object(value)
    }

    /// The salt to pseudonymize a project's names with for `me`, or nil for real names: clients see pseudonyms
    /// unless an admin turned real names on for the project; staff (reviewers, admins) see names. On the pool.
    func pseudonymSalt(for me: Person, _ project: Project) throws -> String? {
        guard me.role == .client, try !people.realNamesInExports(of: project.name) else { return nil }
        return try saltCache.withLock { cached in
            if let cached { return cached }
            let salt = try people.pseudonymSalt()
            cached = salt
            return salt
        }
    }

    /// An item as it is shown to someone who answers it: in a QA validation pass (`qa`, `mode: answer`) without
    /// the first answer (the original question object in the `korquad` field, and any machine draft).
    static func blind(_ item: Item, in project: Project) -> Item {
        guard project.kind.rawValue == "qa", project.taskConfig["mode"]?.stringValue == "answer" else { return item }
        var shown = item
        shown.fields["korquad"] = nil
        shown.preAnnotation = nil
        return shown
    }

    /// The optional client-made `submission_id` of a submission or verdict: 1 to 100 characters, no control characters.
    static func submissionID(_ body: JSONObject) throws -> String? {
        guard let id = try Wire.optionalString(body, "submission_id") else { return nil }
        guard (1...100).contains(id.count), id.utf8.count <= 400, !id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError(.badRequest, "bad_request", "field \"submission_id\": expected 1 to 100 characters without control characters")
        }
        return id
    }

    /// Refuses a request that names someone else as the annotator or reviewer (identity comes from the token).
    func checkSelf(_ me: Person, _ named: String?) throws {
        guard let named else { return }
        guard try PersonName.identity(of: named) == me.name else {
            throw APIError.forbidden("you are signed in as \"\(me.name)\", not \"\(named)\"")
        }
    }

    /// Whose figures a request asks for: yourself, or anyone for reviewers and admins.
    func subject(_ me: Person, _ named: String?) throws -> String {
        guard let named else { return me.name }
        let id = try PersonName.identity(of: named)
        guard id == me.name || me.role == .reviewer || me.role == .admin else {
            throw APIError.forbidden("annotators see only their own work")
        }
        return id
    }

    /// Refuses an expert-only project to a person without its qualification.
    func checkQualification(_ me: Person, _ project: Project) throws {
        if let required = project.requiredQualification, !me.qualifications.contains(required) {
            throw APIError(.forbidden, "not_qualified", "project \"\(project.name)\" requires the qualification \"\(required)\"")
        }
    }

    /// The seconds a client reports for an answer, kept within 0 ... one day so that no client can
    /// distort the time figures of stats and reports.
    static func clampedSeconds(_ seconds: Double?) -> Double {
        guard let seconds, seconds.isFinite else { return 0 }
        return min(max(0, seconds), 86_400)
    }

    /// What the server makes of an answer before it is stored: the task kind's warnings, the gold score of a gold
    /// item, and how the answer relates to the machine draft that was shown.
    typealias Checked = (warnings: [Finding], goldScore: Double?, draftOutcome: DraftOutcome?)

    /// ``check(_:found:item:in:)`` of the item read from the store; on the pool. The item and its gold answer come in
    /// one store read where the store offers it (``ServerLookups``).
    func validate(_ payload: JSONValue, item id: String, in project: Project) throws -> Checked {
        let found: (item: Item, gold: JSONValue?)? = if let lookups = store as? any ServerLookups {
            try lookups.itemAndGold(id, in: project)
        } else {
            try store.item(id, in: project).map { ($0, try store.goldAnswer(for: id, in: project)) }
        }
        return try check(payload, found: found, item: id, in: project)
    }

    /// The error that refuses an answer which failed ``check(_:found:item:in:)`` with `error`: to someone who holds
    /// no claim on the item (it was never served to them, or they skipped it) the same refusal as a valid answer
    /// without a claim, so that nothing about an item reaches them. An annotator whose claim lapsed was served the item and is
    /// told why the answer fails. Where they stand is read only here, when the answer is refused; on the pool.
    func refusal(of error: any Error, item id: String, in project: Project, for me: Person) throws -> any Error {
        let standing = try store.assignment(of: id, in: project, for: me.name)
        if standing == nil || standing == .skipped {
            return StoreError(.conflict, Submission.noClaimMessage(annotator: me.name, item: id))
        }
        return error
    }

    /// Runs the task kind's validation (errors refuse the answer), scores gold items and reads the answer against
    /// the machine draft as it was shown (the server's own draft outcome). `found` is the item and its gold answer
    /// as read from the store (nil: there is no such item).
    func check(_ payload: JSONValue, found: (item: Item, gold: JSONValue?)?, item id: String, in project: Project) throws -> Checked {
        guard let (item, gold) = found else { throw StoreError(.notFound, "no item \"\(id)\" in project \(project.name)") }
        let module = try module(for: project)
        let findings = module.validate(payload, for: item)
        if let error = findings.first(where: \.isError) {
            throw APIError(.unprocessableContent, "invalid_answer", "\(id): [\(error.code)] \(error.message)")
        }
        return (findings.filter { !$0.isError }, gold.map { module.goldScore(payload, gold: $0) },
                DraftAcceptance.outcome(of: payload, for: Self.blind(item, in: project), module: module))
    }

    func audit(_ me: Person, _ action: String, _ subject: String, _ detail: JSONValue) async throws {
        try await blocking { try self.people.recordAudit(actor: me.name, action: action, subject: subject, detail: detail) }
    }

    static func personJSON(_ person: Person) -> JSONValue {
        .object(JSONObject([
            ("name", .string(person.name)), ("role", .string(person.role.rawValue)),
            ("qualifications", .array(person.qualifications.map { .string($0) })),
            ("projects", .array(person.projects.map { .string($0) })), ("revoked", .bool(person.isRevoked)),
        ]))
    }

    /// Streams JSON lines produced (then `{"end":true}`, or an error line when the store fails midway) by a blocking loop on the pool, at most 8 chunks of about 64 KiB ahead of the
    /// client (memory stays bounded however large the project).
    func stream(_ produce: @escaping @Sendable (_ emit: (JSONValue) throws -> Void) throws -> Void) -> Response {
        let (chunks, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        // Created at 0 and raised to 8: a semaphore freed below its initial value aborts the process, and a
        // client that hangs up mid-stream leaves this one below 8.
        let room = DispatchSemaphore(value: 0)
        for _ in 0..<8 { room.signal() }
        let cancelled = Lock()
        nonisolated(unsafe) var isCancelled = false
        continuation.onTermination = { _ in cancelled.withLock { isCancelled = true }; room.signal() }
        let pool = self.pool
        pool.submit { _ in
            var bytes: [UInt8] = []
            do {
                try produce { value in
                    value.appendSerialized(to: &bytes)
                    bytes.append(0x0A)
                    if bytes.count >= 1 << 16 {
                        // A client that stops reading for a minute gives its pool thread back.
                        if room.wait(timeout: .now() + .seconds(60)) == .timedOut { throw CancellationError() }
                        if cancelled.withLock({ isCancelled }) { throw CancellationError() }
                        continuation.yield(ByteBuffer(bytes: bytes))
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
                JSONValue.object(JSONObject([("end", .bool(true))])).appendSerialized(to: &bytes)
                bytes.append(0x0A)
                continuation.yield(ByteBuffer(bytes: bytes))
                continuation.finish()
            } catch {
                // Headers are gone already: the last line says the stream failed (clients check for the end line).
                let failure = APIError.from(error)
                var line: [UInt8] = []
                Wire.error(code: failure.code, message: failure.message).appendSerialized(to: &line)
                line.append(0x0A)
                continuation.yield(ByteBuffer(bytes: line))
                continuation.finish()
            }
        }
        let body = ResponseBody { writer in
            for try await chunk in chunks {
                try await writer.write(chunk)
                room.signal()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"], body: body)
    }
}
