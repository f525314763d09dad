import Foundation
import GRDB
import MalmoiCore
@testable import MalmoiPostgres
@testable import MalmoiStore
import Testing

/// Gold items as a random draw (migration v6 of both stores): each claim that resumes nothing is a gold item with
/// the probability of the project's gold rate while the annotator has a gold item left, whatever they did before
/// (skipping gold changes nothing), and the draw cannot be told in advance.
@Suite struct GoldDrawTests {
    /// A project of `ordinary` items with overlap 1 and `gold` gold items (`g1`…), at `rate`.
    static func project(_ store: any AnnotationStore, rate: Double, ordinary: Int, gold: Int) throws -> Project {
        let project = try store.createProject(labelProject(overlap: 1, goldRate: rate))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            for index in 1...max(ordinary, gold) {
                if index <= ordinary {
                    try consume(ImportRecord(item: Item(id: "r\(index)", text: "\(index)번째 후기: 배송이 빨라서 좋았어요.")))
                }
                if index <= gold {
                    try consume(ImportRecord(item: Item(id: "g\(index)", text: "\(index)번째 검수 문항: 최고의 제품입니다."),
                                             gold: ["labels": ["긍정"]]))
                }
            }
        }
        return project
    }

    /// Whether `k` gold claims out of `n` is within five standard deviations of the binomial mean at `rate`
    /// (a correct draw fails this about once in 1.7 million runs).
    static func withinBinomialBound(_ k: Int, of n: Int, rate: Double) -> Bool {
        abs(Double(k) - Double(n) * rate) <= 5 * (Double(n) * rate * (1 - rate)).squareRoot()
    }

    @Test(arguments: StoreFactory.all)
    func theGoldShareOfManyClaimsIsTheRate(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try Self.project(store, rate: 0.25, ordinary: 300, gold: 150)
        var gold = 0
        var served = Set<String>()
        for _ in 0..<240 {
            let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
            #expect(served.insert(claim.item.id).inserted, "\(claim.item.id) served twice")
            #expect(claim.isGold == claim.item.id.hasPrefix("g"))
            if claim.isGold { gold += 1 }
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]],
                                            goldScore: claim.isGold ? 1 : nil))
        }
        #expect(Self.withinBinomialBound(gold, of: 240, rate: 0.25), "\(gold) gold claims of 240 at rate 0.25")
    }

    @Test(arguments: StoreFactory.all)
    func skippingEveryGoldItemDoesNotLowerTheGoldShare(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try Self.project(store, rate: 0.25, ordinary: 300, gold: 150)
        var gold = 0
        var served = Set<String>()
        for _ in 0..<240 {
            let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
            #expect(served.insert(claim.item.id).inserted, "a skipped gold item is never served again: \(claim.item.id)")
            if claim.isGold {
                gold += 1
                try store.skip(item: claim.item.id, in: project, for: "kim")
            } else {
                _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
            }
        }
        #expect(Self.withinBinomialBound(gold, of: 240, rate: 0.25), "\(gold) gold claims of 240 at rate 0.25, all skipped")
    }

    @Test(arguments: StoreFactory.all)
    func theSequenceDiffersBetweenAnnotatorsAndRuns(factory: StoreFactory) throws {
        func sequence(_ store: any AnnotationStore, _ project: Project, _ annotator: String) throws -> [String] {
            var keys: [String] = []
            for _ in 0..<60 {
                let claim = try #require(try store.claimNextItem(in: project, for: annotator))
                keys.append(claim.item.id)
                try store.skip(item: claim.item.id, in: project, for: annotator)
            }
            return keys
        }
        let first = try factory.make(TestClock().function)
        let project = try Self.project(first, rate: 0.5, ordinary: 80, gold: 80)
        let kim = try sequence(first, project, "kim"), lee = try sequence(first, project, "lee")
        let second = try factory.make(TestClock().function)
        let again = try sequence(second, try Self.project(second, rate: 0.5, ordinary: 80, gold: 80), "kim")
        // Two sequences of 60 fair draws agree by chance with probability 2^-60 (and the gold items drawn differ too).
        #expect(kim != lee && kim != again)
        #expect(kim.map { $0.hasPrefix("g") } != lee.map { $0.hasPrefix("g") })
    }

    @Test(arguments: StoreFactory.all)
    func aGoldClaimIsResumedAsGoldAndGoldRunsOutIntoOrdinaryItems(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try Self.project(store, rate: 1, ordinary: 2, gold: 2)
        let first = try #require(try store.claimNextItem(in: project, for: "kim"))
        #expect(first.isGold && !first.isResumed)
        let resumed = try #require(try store.claimNextItem(in: project, for: "kim"))
        #expect(resumed.item.id == first.item.id && resumed.isGold && resumed.isResumed)
        try store.skip(item: first.item.id, in: project, for: "kim")
        var rest: [String] = []
        while let claim = try store.claimNextItem(in: project, for: "kim") {
            rest.append(claim.item.id + (claim.isGold ? "*" : ""))
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
        }
        #expect(rest == [(first.item.id == "g1" ? "g2*" : "g1*"), "r1", "r2"])
    }

    /// Items of a project stored by version 5 (written as that version's statements, valid in both dialects):
    /// two ordinary items and a third, two gold items; kim answered r1 and g1 (with submission ids), lee holds a claim
    /// on r2 and his claim on r3 lapsed.
    static let version5Rows = """
        INSERT INTO project (name, kind, task_config, guideline, points_per_accept, overlap, required_qualification, reason_codes,
            gold_rate, near_duplicate_threshold, verbatim, claim_timeout_seconds, created_at)
            VALUES ('reviews', 'label', '{"labels":["긍정","부정","중립"]}', NULL, 10, 2, NULL, '["wrong-label","careless"]',
            1, 0.9, false, 1800, '2026-12-01T00:00:00Z');
        INSERT INTO item (project_id, key, text, is_gold, open_slots) SELECT id, 'r1', '배송이 빨라서 좋았어요.', false, 1 FROM project;
        INSERT INTO item (project_id, key, text, is_gold, open_slots) SELECT id, 'g1', '최고의 제품입니다.', true, 0 FROM project;
        INSERT INTO item (project_id, key, text, is_gold, open_slots) SELECT id, 'r2', '포장이 엉망이었어요.', false, 1 FROM project;
        INSERT INTO item (project_id, key, text, is_gold, open_slots) SELECT id, 'g2', '다시는 안 삽니다.', true, 0 FROM project;
        INSERT INTO item (project_id, key, text, is_gold, open_slots) SELECT id, 'r3', '그냥 그래요.', false, 2 FROM project;
        INSERT INTO gold (item_id, answer) SELECT id, '{"labels":["긍정"]}' FROM item WHERE key = 'g1';
        INSERT INTO gold (item_id, answer) SELECT id, '{"labels":["부정"]}' FROM item WHERE key = 'g2';
        INSERT INTO annotator (id, qualifications, created_at) VALUES ('kim', '[]', '2026-12-01T00:00:00Z'), ('lee', '[]', '2026-12-01T00:00:00Z');
        INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
            SELECT id, 'kim', 'submitted', 1699999000, 1699999000 FROM item WHERE key IN ('r1', 'g1');
        INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
            SELECT id, 'lee', 'claimed', 1699999900, 1700001700 FROM item WHERE key = 'r2';
        INSERT INTO lapsed_claim (item_id, annotator_id) SELECT id, 'lee' FROM item WHERE key = 'r3';
        INSERT INTO worker (project_id, annotator_id, submitted, last_gold) SELECT project_id, 'kim', 2, id FROM item WHERE key = 'g1';
        INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, submission_id)
            SELECT id, 'kim', '{"labels":["긍정"]}', '[]', '2026-12-01T01:00:00Z', 4.5, NULL, 'kim-1' FROM item WHERE key = 'r1';
        INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, submission_id)
            SELECT id, 'kim', '{"labels":["긍정"]}', '[]', '2026-12-01T01:01:00Z', 3.0, 1, 'kim-2' FROM item WHERE key = 'g1';
        """

    /// What a version-5 store of ``version5Rows`` must still hold and do after migrating to version 6.
    static func checkMigrated(_ store: any AnnotationStore) throws {
        let project = try store.project(named: "reviews")
        #expect(project.goldRate == 1 && project.overlap == 2)
        let statistics = try store.statistics(for: project)
        #expect(statistics.items == 3 && statistics.goldItems == 2 && statistics.annotations == 2)
        #expect(statistics.annotators.first?.goldAccuracy == 1)
        #expect(statistics.claimsHeld == ["lee": 1])
        #expect(try store.currentAnnotations(of: "r1", in: project).map(\.payload) == [["labels": ["긍정"]]])
        // A retry of a version-5 submission is still recognised by its id.
        let retried = try store.submit(Submission(project: project, item: "r1", annotator: "kim", payload: ["labels": ["긍정"]],
                                                  submissionID: "kim-1"))
        #expect(retried.seconds == 4.5)
        // kim has one gold item left (g2, drawn at rate 1), then ordinary ones; lee resumes r2 and keeps his lapsed answer.
        let kim = try #require(try store.claimNextItem(in: project, for: "kim"))
        #expect(kim.item.id == "g2" && kim.isGold)
        _ = try store.submit(Submission(project: project, item: "g2", annotator: "kim", payload: ["labels": ["부정"]], goldScore: 1))
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "r2")
        let lee = try #require(try store.claimNextItem(in: project, for: "lee"))
        #expect(lee.item.id == "r2" && lee.isResumed)
        _ = try store.submit(Submission(project: project, item: "r3", annotator: "lee", payload: ["labels": ["중립"]]))
        // A gold item stored after the migration is numbered after the others and drawn like them.
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "g3", text: "별로예요."), gold: ["labels": ["부정"]]))
        }
        let park = try (0..<3).map { _ in
            let claim = try #require(try store.claimNextItem(in: project, for: "park"))
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "park", payload: ["labels": ["긍정"]]))
            return claim.item.id
        }
        #expect(Set(park) == ["g1", "g2", "g3"])
    }

    @Test func aSQLiteStoreOfVersion5MovesToVersion6WithNothingLost() throws {
        let path = temporaryPath("v5.sqlite")
        let queue = try DatabaseQueue(path: path)
        try SQLiteStore.makeMigrator().migrate(queue, upTo: "v5-claims-and-retries")
        try queue.write { try $0.execute(sql: Self.version5Rows) }
        try queue.close()
        let store = try SQLiteStore(path: path, clock: TestClock().function)
        #expect(try store.appliedMigrations().last == "v6-gold-draw")
        try Self.checkMigrated(store)
        let ordinals = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT key || '=' || gold_ordinal FROM item WHERE is_gold = 1 ORDER BY id")
        }
        #expect(ordinals == ["g1=1", "g2=2", "g3=3"])
    }

    @Test func aPostgresStoreOfVersion5MovesToVersion6WithNothingLost() throws {
        let location = try PostgresCluster.requireLocation()
        try psql(location, """
            CREATE TABLE malmoi_migration (seq INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """)
        let version5 = PostgresStore.migrations.prefix { $0.name != "v6-gold-draw" }
        #expect(version5.last?.name == "v5-claims-and-retries")
        for (index, migration) in version5.enumerated() {
            try psql(location, migration.sql)
            try psql(location, "INSERT INTO malmoi_migration (seq, name) VALUES (\(index + 1), '\(migration.name)')")
        }
        try psql(location, Self.version5Rows)
        let store = try PostgresStore(location, clock: TestClock().function)
        #expect(try store.appliedMigrations() == PostgresStore.migrationNames)
        try Self.checkMigrated(store)
        try psql(location, """
            DO $$ BEGIN
                IF (SELECT string_agg(key || '=' || gold_ordinal, ',' ORDER BY id) FROM item WHERE is_gold) <> 'g1=1,g2=2,g3=3' THEN
                    RAISE EXCEPTION 'gold ordinals';
                END IF;
            END $$
            """)
    }

    @Test func serversOfVersion5StillClaimAndSubmitThroughTheOldSignatures() throws {
        let location = try PostgresCluster.requireLocation()
        let store = try PostgresStore(location, clock: TestClock().function)
        let project = try Self.project(store, rate: 0.5, ordinary: 2, gold: 1)
        // As a version-5 server calls them: malmoi_claim with a gold period, malmoi_submit with ten arguments.
        try psql(location, """
            DO $$ DECLARE v_key TEXT; v_id BIGINT; BEGIN
                SELECT c.key INTO v_key FROM malmoi_claim(\(project.id), 'kim', 1700000000, '2026-12-03T00:00:00Z', 2) AS c;
                SELECT malmoi_submit(\(project.id), v_key, 'kim', 1700000001, '2026-12-03T00:00:01Z', '{"labels":["긍정"]}', '[]',
                    2.5, NULL, NULL) INTO v_id;
                IF v_id IS NULL THEN RAISE EXCEPTION 'nothing saved'; END IF;
            END $$
            """)
        let saved = try store.latestAnnotation(in: project, by: "kim")
        #expect(saved?.seconds == 2.5 && saved?.payload == ["labels": ["긍정"]])
    }

    @Test func theGoldDrawIsIndexSeeksWithoutSorting() throws {
        let store = try SQLiteStore(path: temporaryPath("plan.sqlite"))
        let project = try Self.project(store, rate: 0.1, ordinary: 50, gold: 20)
        let plans: [(String, StatementArguments)] = [
            (SQLiteStore.lastGoldOrdinalSQL, [project.id]),
            (SQLiteStore.nextGoldItemSQL, [project.id, 7, "kim"]),
            (SQLiteStore.earlierGoldItemSQL, [project.id, 7, "kim"]),
        ]
        let queue = try DatabaseQueue(path: store.path)
        for (sql, arguments) in plans {
            let plan = try queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("USING") }, "\(plan)")
            #expect(plan.contains { $0.contains("item_gold_ordinal") }, "\(plan)")
        }
    }
}
