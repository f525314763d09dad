import MalmoiAgreement
import Testing

@Suite("Agreement options from command-line words")
struct AgreementOptionsArgumentsTests {
    @Test("comma-separated metric names with spaces, a level, and a confidence level that implies 1,000 resamples")
    func wordsBecomeOptions() {
        let options = AgreementOptions(levelName: "nominal", metricNames: ["krippendorff_alpha_nominal, fleiss_kappa", " ", "cohen_kappa"],
                                       includesBreakdowns: false, confidence: 0.9, bootstrapResamples: nil, seed: 7)
        #expect(options.level == .nominal)
        #expect(options.metrics == [.krippendorffAlphaNominal, .fleissKappa, .cohenKappa])
        #expect(!options.includesBreakdowns && options.includesVariants)
        #expect(options.confidence == 0.9 && options.bootstrapResamples == 1000 && options.seed == 7)
        let plain = AgreementOptions(levelName: nil, metricNames: [], confidence: nil, bootstrapResamples: nil)
        #expect(plain == AgreementOptions())
        #expect(AgreementOptions(levelName: nil, metricNames: [], confidence: nil, bootstrapResamples: 200).bootstrapResamples == 200)
    }

    @Test("each wrong word is named, the first one first")
    func problemsAreNamed() {
        #expect(AgreementOptions.problem(levelName: "nominal", metricNames: ["fleiss_kappa"], confidence: 0.95, bootstrapResamples: 10) == nil)
        #expect(AgreementOptions.problem(levelName: "명목", metricNames: [], confidence: nil, bootstrapResamples: nil)?
            .hasPrefix("--level must be one of nominal, ") == true)
        #expect(AgreementOptions.problem(levelName: nil, metricNames: ["fleiss_kappa, kappa9"], confidence: nil, bootstrapResamples: nil)?
            .hasPrefix("unknown --metric 'kappa9'; known: ") == true)
        #expect(AgreementOptions.problem(levelName: nil, metricNames: [], confidence: 1, bootstrapResamples: nil) == "--ci must be between 0 and 1, not 1.0")
        #expect(AgreementOptions.problem(levelName: nil, metricNames: [], confidence: nil, bootstrapResamples: -1) == "--bootstrap must not be negative")
    }
}
