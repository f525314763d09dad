import MalmoiText

extension KorQuADDataset {
    /// The dataset after the shared input normalization step (`qa import --normalize`).
    ///
    /// ```swift
    /// let items = KorQuADConverter.items(from: dataset.normalized(.nfc), unit: .paragraph)
    /// ```
    /// Each context is normalized with its ``OffsetMap`` and every `answer_start` (answers and
    /// plausible answers) moves with it, so answers still start at the same characters; titles,
    /// questions and answer texts are normalized too. With `.none`, or on text already normal,
    /// nothing changes.
    public func normalized(_ step: InputNormalization) -> KorQuADDataset {
        guard step != .none else { return self }
        var result = self
        for articleIndex in result.articles.indices {
            result.articles[articleIndex].title = result.articles[articleIndex].title.map(step.normalizedText)
            for paragraphIndex in result.articles[articleIndex].paragraphs.indices {
                var paragraph = result.articles[articleIndex].paragraphs[paragraphIndex]
                let (context, map) = step.normalized(paragraph.context)
                paragraph.context = context
                func moved(_ answer: KorQuADAnswer) -> KorQuADAnswer {
                    var answer = answer
                    answer.text = step.normalizedText(answer.text)
                    if !map.isIdentity, (0...map.originalLength).contains(answer.answerStart) {
                        answer.answerStart = map.resultOffset(answer.answerStart)
                    }
                    return answer
                }
                for questionIndex in paragraph.questions.indices {
                    var question = paragraph.questions[questionIndex]
                    question.question = step.normalizedText(question.question)
                    question.answers = question.answers.map(moved)
                    question.plausibleAnswers = question.plausibleAnswers?.map(moved)
                    paragraph.questions[questionIndex] = question
                }
                result.articles[articleIndex].paragraphs[paragraphIndex] = paragraph
            }
        }
        return result
    }
}
