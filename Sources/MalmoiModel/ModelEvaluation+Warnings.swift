extension ModelEvaluation {
    /// A warning for each gold label that is not one of the model's labels (it is never predicted).
    public func unknownLabelWarnings(modelLabels: [String]) -> [String] {
        labels.filter { !modelLabels.contains($0) }.map {
            "gold label \"\($0)\" is not one of the model's labels (\(modelLabels.joined(separator: ", "))); it is never predicted"
        }
    }
}
