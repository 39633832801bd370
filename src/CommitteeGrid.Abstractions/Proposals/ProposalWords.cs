namespace CommitteeGrid.Abstractions.Proposals;

public static class ProposalWords
{
    /// <summary>The lower-case word used in counter names and JSON: satisfied, basically, dissatisfied.</summary>
    public static string Key(this Satisfaction rating) => rating switch
    {
        Satisfaction.Satisfied => "satisfied",
        Satisfaction.Basically => "basically",
        Satisfaction.Dissatisfied => "dissatisfied",
        _ => "unknown",
    };

    public static char Letter(this AnswerClass answerClass) => answerClass switch
    {
        AnswerClass.A => 'A',
        AnswerClass.B => 'B',
        AnswerClass.C => 'C',
        _ => '?',
    };
}
